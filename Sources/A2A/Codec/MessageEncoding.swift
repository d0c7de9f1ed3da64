/// How each dialect spells an outgoing message and its parts.
enum MessageEncoding {
    /// V1 ProtoJSON: `{messageId, contextId?, taskId?, role:"ROLE_USER", parts:[{text}], metadata?}`.
    static func v1(_ m: Message, extraMetadata: JSONObject = JSONObject()) -> JSONValue {
        var o = JSONObject()
        o["messageId"] = .string(m.messageID)
        if let c = m.contextID, !c.isEmpty { o["contextId"] = .string(c) }
        if let t = m.taskID, !t.isEmpty { o["taskId"] = .string(t) }
        o["role"] = .string(protoRole(m.role))
        o["parts"] = .array(m.parts.map(v1Part))
        if let md = merged(m.metadata, extraMetadata) { o["metadata"] = md }
        if !m.referenceTaskIDs.isEmpty { o["referenceTaskIds"] = .array(m.referenceTaskIDs.map(JSONValue.string)) }
        return .object(o)
    }

    static func v1Part(_ p: Part) -> JSONValue {
        var o = JSONObject()
        switch p.content {
        case .text(let t): o["text"] = .string(t)
        case .fileBytes(let b): o["raw"] = .string(b)
        case .fileURL(let u): o["url"] = .string(u)
        case .data(let d): o["data"] = d
        }
        if let mt = p.mediaType { o["mediaType"] = .string(mt) }
        if let fn = p.filename { o["filename"] = .string(fn) }
        if let md = p.metadata { o["metadata"] = md }
        return .object(o)
    }

    /// V03 JSON-RPC: `{kind:"message", messageId, contextId?, taskId?, role:"user", parts:[{kind:"text",text}]}`.
    static func v03(_ m: Message, extraMetadata: JSONObject = JSONObject()) -> JSONValue {
        var o = JSONObject()
        o["kind"] = "message"
        o["messageId"] = .string(m.messageID)
        if let c = m.contextID, !c.isEmpty { o["contextId"] = .string(c) }
        if let t = m.taskID, !t.isEmpty { o["taskId"] = .string(t) }
        o["role"] = .string(plainRole(m.role))
        o["parts"] = .array(m.parts.map { taggedPart($0, tagKey: "kind") })
        if let md = merged(m.metadata, extraMetadata) { o["metadata"] = md }
        if !m.referenceTaskIDs.isEmpty { o["referenceTaskIds"] = .array(m.referenceTaskIDs.map(JSONValue.string)) }
        return .object(o)
    }

    /// V01: `{role:"user", parts:[{type:"text",text}], metadata?}`.
    static func v01(_ m: Message, extraMetadata: JSONObject = JSONObject()) -> JSONValue {
        var o = JSONObject()
        o["role"] = .string(plainRole(m.role))
        o["parts"] = .array(m.parts.map { taggedPart($0, tagKey: "type") })
        if let md = merged(m.metadata, extraMetadata) { o["metadata"] = md }
        return .object(o)
    }

    /// V03 (`kind`) and V01 (`type`) parts: text, file `{name?, mimeType?, bytes|uri}`, data.
    static func taggedPart(_ p: Part, tagKey: String) -> JSONValue {
        var o = JSONObject()
        switch p.content {
        case .text(let t):
            o[tagKey] = "text"
            o["text"] = .string(t)
        case .fileBytes, .fileURL:
            o[tagKey] = "file"
            var file = JSONObject()
            if let fn = p.filename { file["name"] = .string(fn) }
            if let mt = p.mediaType { file["mimeType"] = .string(mt) }
            if case .fileBytes(let b) = p.content { file["bytes"] = .string(b) }
            if case .fileURL(let u) = p.content { file["uri"] = .string(u) }
            o["file"] = .object(file)
        case .data(let d):
            o[tagKey] = "data"
            o["data"] = d
        }
        if let md = p.metadata { o["metadata"] = md }
        return .object(o)
    }

    /// The 0.3 HTTP+JSON (protobuf JSON) message: `{messageId, contextId, taskId, role:"ROLE_USER", content:[…]}`.
    static func v03REST(_ m: Message, extraMetadata: JSONObject = JSONObject()) -> JSONValue {
        var o = JSONObject()
        o["messageId"] = .string(m.messageID)
        if let c = m.contextID, !c.isEmpty { o["contextId"] = .string(c) }
        if let t = m.taskID, !t.isEmpty { o["taskId"] = .string(t) }
        o["role"] = .string(protoRole(m.role))
        o["content"] = .array(m.parts.map { p in
            var part = JSONObject()
            switch p.content {
            case .text(let t): part["text"] = .string(t)
            case .fileBytes, .fileURL:
                var file = JSONObject()
                if case .fileBytes(let b) = p.content { file["fileWithBytes"] = .string(b) }
                if case .fileURL(let u) = p.content { file["fileWithUri"] = .string(u) }
                if let mt = p.mediaType { file["mimeType"] = .string(mt) }
                if let fn = p.filename { file["name"] = .string(fn) }
                part["file"] = .object(file)
            case .data(let d): part["data"] = .object(JSONObject([("data", d)]))
            }
            if let md = p.metadata { part["metadata"] = md }
            return .object(part)
        })
        if let md = merged(m.metadata, extraMetadata) { o["metadata"] = md }
        return .object(o)
    }

    static func protoRole(_ r: Role) -> String {
        switch r {
        case .user: "ROLE_USER"
        case .agent: "ROLE_AGENT"
        case .other(let s): s
        }
    }

    static func plainRole(_ r: Role) -> String {
        switch r {
        case .user: "user"
        case .agent: "agent"
        case .other(let s): s
        }
    }

    /// `base` (when an object) with `extra`'s members added; nil when both are empty.
    static func merged(_ base: JSONValue?, _ extra: JSONObject) -> JSONValue? {
        guard var o = base?.objectValue else {
            if extra.isEmpty {
                // Careful: a bare `nil` here would read as `JSONValue.null` (it is nil-literal expressible).
                if let base, !base.isNull { return base }
                return Optional<JSONValue>.none
            }
            return .object(extra)
        }
        for (k, v) in extra.pairs { o[k] = v }
        return .object(o)
    }

    /// The request-level metadata: the caller's, plus `skillId` when a skill was asked for.
    static func skillMetadata(_ params: SendParams) -> JSONObject {
        var extra = JSONObject()
        if let skill = params.skillID, !skill.isEmpty { extra["skillId"] = .string(skill) }
        return extra
    }
}
