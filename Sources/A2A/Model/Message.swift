public enum Role: Sendable, Hashable {
    case user, agent
    case other(String)

    /// Reads `user`, `ROLE_USER`, `agent`, `ROLE_AGENT`; keeps anything else.
    public init(wireName: String) {
        switch wireName.lowercased() {
        case "user", "role_user": self = .user
        case "agent", "role_agent": self = .agent
        default: self = .other(wireName)
        }
    }
}

public struct Message: Sendable, Hashable {
    public var messageID: String
    /// Agent messages may lack these (PROTOCOL.md §6).
    public var contextID: String?
    public var taskID: String?
    public var role: Role
    public var parts: [Part]
    public var metadata: JSONValue?
    public var referenceTaskIDs: [String]

    public init(
        messageID: String, contextID: String? = nil, taskID: String? = nil, role: Role, parts: [Part],
        metadata: JSONValue? = nil, referenceTaskIDs: [String] = []
    ) {
        self.messageID = messageID
        self.contextID = contextID
        self.taskID = taskID
        self.role = role
        self.parts = parts
        self.metadata = metadata
        self.referenceTaskIDs = referenceTaskIDs
    }

    /// All text parts joined with newlines: the short form shown in status lines.
    public var text: String {
        // One text part (the usual status message): that text, without an array to join.
        if parts.count == 1, case .text(let t) = parts[0].content { return t }
        return parts.compactMap { if case .text(let t) = $0.content { t } else { nil } }.joined(separator: "\n")
    }
}

public struct Part: Sendable, Hashable {
    public enum Content: Sendable, Hashable {
        case text(String)
        /// A file given inline, as the base64 text received (decoded only when saved).
        case fileBytes(base64: String)
        /// A file given by URL: never fetched by ourselves.
        case fileURL(String)
        case data(JSONValue)
    }

    public var content: Content
    public var mediaType: String?
    public var filename: String?
    public var metadata: JSONValue?

    public init(_ content: Content, mediaType: String? = nil, filename: String? = nil, metadata: JSONValue? = nil) {
        self.content = content
        self.mediaType = mediaType
        self.filename = filename
        self.metadata = metadata
    }

    public static func text(_ s: String) -> Part { Part(.text(s)) }
}
