import Foundation

/// A2A 1.0 ProtoJSON shapes, member order as a2a-sdk 1.x prints them.
public enum V1Codec {
    /// `listStyle` prints default-valued fields too, as a2a-sdk's ListTasks does.
    public static func message(_ m: Message, listStyle: Bool = false) -> JSON {
        var members: [(String, JSON)] = [("messageId", .string(m.messageId))]
        if let c = m.contextId { members.append(("contextId", .string(c))) }
        if let t = m.taskId { members.append(("taskId", .string(t))) }
        members.append(("role", .string(m.role == .user ? "ROLE_USER" : "ROLE_AGENT")))
        members.append(("parts", .array(m.parts.map { part($0, listStyle: listStyle) })))
        if let meta = m.metadata { members.append(("metadata", meta)) }
        if listStyle {
            members.append(("extensions", .array([])))
            members.append(("referenceTaskIds", .array(m.referenceTaskIds.map(JSON.string))))
        } else if !m.referenceTaskIds.isEmpty {
            members.append(("referenceTaskIds", .array(m.referenceTaskIds.map(JSON.string))))
        }
        return .object(members)
    }

    public static func part(_ p: Part, listStyle: Bool = false) -> JSON {
        var members: [(String, JSON)]
        switch p {
        case let .text(t): members = [("text", .string(t))]
        case let .data(d): members = [("data", d)]
        }
        if listStyle { members += [("filename", .string("")), ("mediaType", .string(""))] }
        return .object(members)
    }

    public static func status(_ s: TaskStatus, listStyle: Bool = false) -> JSON {
        .obj(("state", .string(s.state.v1Name)),
             ("message", s.message.map { message($0, listStyle: listStyle) }),
             ("timestamp", s.timestamp.map { .string(Timestamp.zulu($0)) }))
    }

    public static func artifact(_ a: Artifact, listStyle: Bool = false) -> JSON {
        .obj(("artifactId", .string(a.artifactId)),
             ("name", a.name.map(JSON.string)),
             ("parts", .array(a.parts.map { part($0, listStyle: listStyle) })))
    }

    public static func task(_ t: TaskRecord, historyLength: Int? = nil, includeArtifacts: Bool = true,
                            listStyle: Bool = false) -> JSON {
        let history = trimmed(t.history, to: historyLength)
        return .obj(("id", .string(t.id)),
                    ("contextId", .string(t.contextId)),
                    ("status", status(t.status, listStyle: listStyle)),
                    ("artifacts", includeArtifacts && !t.artifacts.isEmpty ? .array(t.artifacts.map { artifact($0, listStyle: listStyle) }) : nil),
                    ("history", history.isEmpty ? nil : .array(history.map { message($0, listStyle: listStyle) })),
                    ("metadata", t.metadataJSON))
    }

    /// A stream event wrapped by member name: `{"task":…}`, `{"statusUpdate":…}`, `{"artifactUpdate":…}`.
    public static func streamResult(_ event: TaskEvent) -> JSON {
        switch event {
        case let .snapshot(t):
            return .object([("task", task(t))])
        case let .status(taskId, contextId, s, metadata):
            return .object([("statusUpdate", .obj(("taskId", .string(taskId)), ("contextId", .string(contextId)),
                                                  ("status", status(s)), ("metadata", metadata)))])
        case let .artifact(taskId, contextId, a, append, lastChunk):
            return .object([("artifactUpdate", .obj(("taskId", .string(taskId)), ("contextId", .string(contextId)),
                                                    ("artifact", artifact(a)),
                                                    ("append", append ? .bool(true) : nil),
                                                    ("lastChunk", lastChunk ? .bool(true) : nil)))])
        }
    }

    /// Parse an incoming 1.0 message (`params.message`). Returns nil when it is unusable.
    public static func parseMessage(_ json: JSON?) -> Message? {
        guard let json, case .object = json else { return nil }
        let parts = (json["parts"]?.arrayValue ?? []).compactMap { p -> Part? in
            if let t = p["text"]?.stringValue { return .text(t) }
            if let d = p["data"] { return .data(d) }
            return nil
        }
        return Message(messageId: json["messageId"]?.stringValue ?? UUID().uuidString.lowercased(),
                       contextId: nonEmpty(json["contextId"]?.stringValue),
                       taskId: nonEmpty(json["taskId"]?.stringValue),
                       role: json["role"]?.stringValue == "ROLE_AGENT" ? .agent : .user,
                       parts: parts, metadata: json["metadata"],
                       referenceTaskIds: (json["referenceTaskIds"]?.arrayValue ?? []).compactMap(\.stringValue))
    }
}

func nonEmpty(_ s: String?) -> String? {
    guard let s, !s.isEmpty else { return nil }
    return s
}

/// `historyLength`: keep the last N messages (a2a-sdk `apply_history_length`); nil keeps all.
func trimmed(_ history: [Message], to length: Int?) -> [Message] {
    guard let length, length >= 0 else { return history }
    return Array(history.suffix(length))
}
