/// A2A 0.2/0.3 over JSON-RPC: slash method names, `kind`-tagged objects, `configuration.blocking`.
/// 0.3 has no `tasks/list` over JSON-RPC: `method` is nil for it.
enum V03Codec {
    static func method(_ request: A2ARequest) -> String? {
        switch request {
        case .send: "message/send"
        case .stream: "message/stream"
        case .get: "tasks/get"
        case .list: nil
        case .cancel: "tasks/cancel"
        case .subscribe: "tasks/resubscribe"
        }
    }

    static func params(_ request: A2ARequest) -> JSONObject {
        switch request {
        case .send(let p): sendParams(p, streaming: false)
        case .stream(let p): sendParams(p, streaming: true)
        case .get(let id, let historyLength): V1Codec.taskQuery(id, historyLength: historyLength)
        case .cancel(let id), .subscribe(let id): JSONObject([("id", .string(id))])
        case .list: JSONObject()
        }
    }

    /// `MessageSendParams`: `{message, configuration:{acceptedOutputModes, blocking, historyLength?}, metadata?}`.
    /// 0.2 required `acceptedOutputModes`, so it is always sent (possibly empty).
    static func sendParams(_ p: SendParams, streaming: Bool) -> JSONObject {
        let skill = MessageEncoding.skillMetadata(p)
        var o = JSONObject()
        o["message"] = MessageEncoding.v03(p.message, extraMetadata: skill)
        var configuration = JSONObject()
        configuration["acceptedOutputModes"] = .array(p.acceptedOutputModes.map(JSONValue.string))
        if !streaming { configuration["blocking"] = .bool(p.blocking) }
        if let h = p.historyLength { configuration["historyLength"] = .number(Double(h)) }
        o["configuration"] = .object(configuration)
        if let md = MessageEncoding.merged(p.metadata, skill) { o["metadata"] = md }
        return o
    }
}
