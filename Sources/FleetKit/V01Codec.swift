import Foundation

/// The blog-era (spec 0.1) shapes: parts `{"type":"text"}`, `sessionId`, artifacts by `index`,
/// and the ad-hoc stream events blog-era agents sent on `tasks/sendSubscribe`.
public enum V01Codec {
    public static func part(_ p: Part) -> JSON {
        switch p {
        case let .text(t): return .obj(("type", .string("text")), ("text", .string(t)))
        case let .data(d): return .obj(("type", .string("data")), ("data", d))
        }
    }

    public static func message(_ m: Message) -> JSON {
        .obj(("role", .string(m.role == .user ? "user" : "agent")),
             ("parts", .array(m.parts.map(part))),
             ("metadata", m.metadata))
    }

    public static func status(_ s: TaskStatus) -> JSON {
        .obj(("state", .string(s.state.kebabName)),
             ("message", s.message.map(message)),
             ("timestamp", s.timestamp.map { .string(Timestamp.offset($0)) }))
    }

    public static func task(_ t: TaskRecord, historyLength: Int? = nil) -> JSON {
        let artifacts = t.artifacts.enumerated().map { i, a in
            JSON.obj(("name", a.name.map(JSON.string)), ("parts", .array(a.parts.map(part))),
                     ("index", .int(i)), ("lastChunk", t.status.state.isTerminal ? .bool(true) : nil))
        }
        let history = historyLength.map { trimmed(t.history, to: $0) } ?? []
        return .obj(("id", .string(t.id)),
                    ("sessionId", .string(t.contextId)),
                    ("status", status(t.status)),
                    ("artifacts", artifacts.isEmpty ? nil : .array(artifacts)),
                    ("history", history.isEmpty ? nil : .array(history.map(message))),
                    ("metadata", t.metadataJSON))
    }

    /// Ad-hoc events, bare objects (no JSON-RPC envelope), the way blog-era agents streamed.
    /// `artifactText` is the whole result so far (sent with `task_result`).
    public static func adHocEvents(_ event: TaskEvent, artifactText: () -> String) -> [JSON] {
        switch event {
        case let .snapshot(t):
            return [.obj(("type", .string("task_status")), ("id", .string(t.id)), ("state", .string(t.status.state.kebabName)))]
        case let .status(taskId, _, s, metadata):
            let text = s.message?.text ?? ""
            switch s.state {
            case .working:
                if let percent = metadata?["progress"]?.doubleValue {
                    return [.obj(("type", .string("progress")), ("id", .string(taskId)),
                                 ("stage", .string(text)), ("percent", .int(Int(percent))))]
                }
                return [.obj(("type", .string("task_status")), ("id", .string(taskId)),
                             ("state", .string("working")), ("message", .string(text)))]
            case .completed:
                return [.obj(("type", .string("task_result")), ("id", .string(taskId)),
                             ("state", .string("completed")), ("result", .string(artifactText().isEmpty ? text : artifactText())))]
            case .failed, .rejected, .canceled:
                return [.obj(("type", .string("task_result")), ("id", .string(taskId)),
                             ("state", .string(s.state.kebabName)), ("error", .string(text)))]
            default:
                return [.obj(("type", .string("task_status")), ("id", .string(taskId)),
                             ("state", .string(s.state.kebabName)), ("message", .string(text)))]
            }
        case .artifact:
            return []  // blog-era agents sent the result whole, at the end
        }
    }

    public static func parseMessage(_ json: JSON?) -> Message? {
        guard let json, case .object = json else { return nil }
        let parts = (json["parts"]?.arrayValue ?? []).compactMap { p -> Part? in
            if let t = p["text"]?.stringValue { return .text(t) }
            if let d = p["data"] { return .data(d) }
            return nil
        }
        return Message(messageId: UUID().uuidString.lowercased(), contextId: nil, taskId: nil,
                       role: .user, parts: parts, metadata: json["metadata"])
    }
}
