/// A2A 1.0 over JSON-RPC: PascalCase method names, ProtoJSON params (PROTOCOL.md §1, §3; field
/// names checked against a2a-sdk 1.3.0's `a2a.proto`: `SendMessageConfiguration.returnImmediately`).
enum V1Codec {
    static func method(_ request: A2ARequest) -> String {
        switch request {
        case .send: "SendMessage"
        case .stream: "SendStreamingMessage"
        case .get: "GetTask"
        case .list: "ListTasks"
        case .cancel: "CancelTask"
        case .subscribe: "SubscribeToTask"
        }
    }

    static func params(_ request: A2ARequest) -> JSONObject {
        switch request {
        case .send(let p): sendParams(p, streaming: false)
        case .stream(let p): sendParams(p, streaming: true)
        case .get(let id, let historyLength): taskQuery(id, historyLength: historyLength)
        case .cancel(let id), .subscribe(let id): JSONObject([("id", .string(id))])
        case .list(let q): listParams(q)
        }
    }

    /// `SendMessageRequest`: `{message, configuration?, metadata?}`. Blocking is the 1.0 default, so
    /// only a non-blocking send says `returnImmediately: true`.
    static func sendParams(_ p: SendParams, streaming: Bool) -> JSONObject {
        let skill = MessageEncoding.skillMetadata(p)
        var o = JSONObject()
        o["message"] = MessageEncoding.v1(p.message, extraMetadata: skill)
        var configuration = JSONObject()
        if !p.acceptedOutputModes.isEmpty { configuration["acceptedOutputModes"] = .array(p.acceptedOutputModes.map(JSONValue.string)) }
        if let h = p.historyLength { configuration["historyLength"] = .number(Double(h)) }
        if !streaming && !p.blocking { configuration["returnImmediately"] = true }
        if !configuration.isEmpty { o["configuration"] = .object(configuration) }
        if let md = MessageEncoding.merged(p.metadata, skill) { o["metadata"] = md }
        return o
    }

    static func taskQuery(_ id: String, historyLength: Int?) -> JSONObject {
        var o = JSONObject([("id", .string(id))])
        if let h = historyLength { o["historyLength"] = .number(Double(h)) }
        return o
    }

    /// `ListTasksRequest`: `{contextId?, status?, pageSize?, pageToken?, historyLength?, statusTimestampAfter?}`.
    static func listParams(_ q: ListTasksQuery) -> JSONObject {
        var o = JSONObject()
        if let c = q.contextID, !c.isEmpty { o["contextId"] = .string(c) }
        if let s = q.state { o["status"] = .string(s.v1Name) }
        if let n = q.pageSize { o["pageSize"] = .number(Double(n)) }
        if let t = q.pageToken, !t.isEmpty { o["pageToken"] = .string(t) }
        if let h = q.historyLength { o["historyLength"] = .number(Double(h)) }
        if let after = q.statusTimestampAfter { o["statusTimestampAfter"] = .string(Timestamp.format(after)) }
        return o
    }
}
