/// The blog-era 0.1 dialect: `tasks/send` and `tasks/sendSubscribe` with a client-chosen task `id`,
/// `sessionId` for the context, `{type:"text"}` parts and the non-standard `params.skillId`.
enum V01Codec {
    static func method(_ request: A2ARequest) -> String? {
        switch request {
        case .send: "tasks/send"
        case .stream: "tasks/sendSubscribe"
        case .get: "tasks/get"
        case .list: nil
        case .cancel: "tasks/cancel"
        case .subscribe: "tasks/resubscribe"
        }
    }

    static func params(_ request: A2ARequest) -> JSONObject {
        switch request {
        case .send(let p), .stream(let p): sendParams(p)
        case .get(let id, let historyLength): V1Codec.taskQuery(id, historyLength: historyLength)
        case .cancel(let id), .subscribe(let id): JSONObject([("id", .string(id))])
        case .list: JSONObject()
        }
    }

    /// `TaskSendParams`: `{id, sessionId?, message, acceptedOutputModes?, historyLength?, metadata?, skillId?}`.
    /// The task id is `message.taskID`; when the caller left it out, the message id stands in so
    /// the request is still well formed (and the caller can read it back from the body).
    static func sendParams(_ p: SendParams) -> JSONObject {
        let skill = MessageEncoding.skillMetadata(p)
        var o = JSONObject()
        o["id"] = .string(taskID(for: p))
        if let c = p.message.contextID, !c.isEmpty { o["sessionId"] = .string(c) }
        o["message"] = MessageEncoding.v01(p.message)
        if !p.acceptedOutputModes.isEmpty { o["acceptedOutputModes"] = .array(p.acceptedOutputModes.map(JSONValue.string)) }
        if let h = p.historyLength { o["historyLength"] = .number(Double(h)) }
        if let md = MessageEncoding.merged(p.metadata, skill) { o["metadata"] = md }
        if let s = p.skillID, !s.isEmpty { o["skillId"] = .string(s) }
        return o
    }

    static func taskID(for p: SendParams) -> String {
        if let t = p.message.taskID, !t.isEmpty { return t }
        return p.message.messageID
    }
}
