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
    // `init` is written in an extension so that Swift still synthesizes the memberwise
    // initializer, which `init` calls: an initializer that assigns the fields itself costs a
    // retain and a release of every field of the value it builds (Swift 6.3 keeps `self` on the
    // stack and copies it out), and the stream decoders build one of these per event. The fields
    // are declared in another order than `init` takes them, the first one required, so that no
    // call of `init` also matches the memberwise initializer.
    public var referenceTaskIDs: [String]
    public var messageID: String
    /// Agent messages may lack these (PROTOCOL.md §6).
    public var contextID: String?
    public var taskID: String?
    public var role: Role
    public var parts: [Part]
    public var metadata: JSONValue?
}

extension Message {
    public init(
        messageID: String, contextID: String? = nil, taskID: String? = nil, role: Role, parts: [Part],
        metadata: JSONValue? = nil, referenceTaskIDs: [String] = []
    ) {
        self.init(
            referenceTaskIDs: referenceTaskIDs, messageID: messageID, contextID: contextID, taskID: taskID, role: role,
            parts: parts, metadata: metadata)
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
}

extension Part {
    /// Calls the synthesized memberwise initializer (see `Message` for why).
    public init(_ content: Content, mediaType: String? = nil, filename: String? = nil, metadata: JSONValue? = nil) {
        self.init(content: content, mediaType: mediaType, filename: filename, metadata: metadata)
    }

    public static func text(_ s: String) -> Part { Part(.text(s)) }
}
