import Foundation

/// A2A 0.3 shapes with `kind` tags. a2a-sdk 0.3 prints pydantic models with sorted keys,
/// so callers print `sortedKeys()` of these.
public enum V03Codec {
    public static func message(_ m: Message) -> JSON {
        .obj(("contextId", m.contextId.map(JSON.string)),
             ("kind", .string("message")),
             ("messageId", .string(m.messageId)),
             ("metadata", m.metadata),
             ("parts", .array(m.parts.map(part))),
             ("referenceTaskIds", m.referenceTaskIds.isEmpty ? nil : .array(m.referenceTaskIds.map(JSON.string))),
             ("role", .string(m.role == .user ? "user" : "agent")),
             ("taskId", m.taskId.map(JSON.string)))
    }

    public static func part(_ p: Part) -> JSON {
        switch p {
        case let .text(t): return .obj(("kind", .string("text")), ("text", .string(t)))
        case let .data(d): return .obj(("data", d), ("kind", .string("data")))
        }
    }

    public static func status(_ s: TaskStatus) -> JSON {
        .obj(("message", s.message.map(message)),
             ("state", .string(s.state.kebabName)),
             ("timestamp", s.timestamp.map { .string(Timestamp.offset($0)) }))
    }

    public static func artifact(_ a: Artifact) -> JSON {
        .obj(("artifactId", .string(a.artifactId)), ("name", a.name.map(JSON.string)), ("parts", .array(a.parts.map(part))))
    }

    public static func task(_ t: TaskRecord, historyLength: Int? = nil) -> JSON {
        let history = trimmed(t.history, to: historyLength)
        return .obj(("artifacts", t.artifacts.isEmpty ? nil : .array(t.artifacts.map(artifact))),
                    ("contextId", .string(t.contextId)),
                    ("history", history.isEmpty ? nil : .array(history.map(message))),
                    ("id", .string(t.id)),
                    ("kind", .string("task")),
                    ("metadata", t.metadataJSON),
                    ("status", status(t.status)))
    }

    /// One stream event: a Task, or a `status-update` with `final`, or an `artifact-update`.
    public static func event(_ event: TaskEvent) -> JSON {
        switch event {
        case let .snapshot(t):
            return task(t)
        case let .status(taskId, contextId, s, metadata):
            return .obj(("contextId", .string(contextId)),
                        ("final", .bool(s.state.isTerminal || s.state.isInterrupted)),
                        ("kind", .string("status-update")),
                        ("metadata", metadata),
                        ("status", status(s)),
                        ("taskId", .string(taskId)))
        case let .artifact(taskId, contextId, a, append, lastChunk):
            return .obj(("append", .bool(append)),
                        ("artifact", artifact(a)),
                        ("contextId", .string(contextId)),
                        ("kind", .string("artifact-update")),
                        ("lastChunk", .bool(lastChunk)),
                        ("taskId", .string(taskId)))
        }
    }

    public static func parseMessage(_ json: JSON?) -> Message? {
        guard let json, case .object = json else { return nil }
        let parts = (json["parts"]?.arrayValue ?? []).compactMap { p -> Part? in
            switch p["kind"]?.stringValue {
            case "text": return p["text"]?.stringValue.map(Part.text)
            case "data": return p["data"].map(Part.data)
            default: return p["text"]?.stringValue.map(Part.text)
            }
        }
        return Message(messageId: json["messageId"]?.stringValue ?? UUID().uuidString.lowercased(),
                       contextId: nonEmpty(json["contextId"]?.stringValue),
                       taskId: nonEmpty(json["taskId"]?.stringValue),
                       role: json["role"]?.stringValue == "agent" ? .agent : .user,
                       parts: parts, metadata: json["metadata"],
                       referenceTaskIds: (json["referenceTaskIds"]?.arrayValue ?? []).compactMap(\.stringValue))
    }
}
