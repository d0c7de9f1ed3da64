/// The HTTP+JSON binding (PROTOCOL.md §1): REST paths relative to the interface URL (0.3 puts `/v1`
/// in front), bodies without a JSON-RPC envelope, errors as HTTP status + google.rpc.Status.
enum RESTBinding {
    struct Route {
        var httpMethod: String
        var path: String
        var body: JSONValue?
    }

    /// nil when the binding has no such operation (0.3 REST has no task list).
    static func route(_ request: A2ARequest, dialect: Dialect) -> Route? {
        let prefix = dialect == .v1 ? "" : "/v1"
        switch request {
        case .send(let p):
            return Route(httpMethod: "POST", path: prefix + "/message:send", body: sendBody(p, streaming: false, dialect: dialect))
        case .stream(let p):
            return Route(httpMethod: "POST", path: prefix + "/message:stream", body: sendBody(p, streaming: true, dialect: dialect))
        case .get(let id, let historyLength):
            var query: [(String, String)] = []
            if let h = historyLength { query.append(("historyLength", String(h))) }
            return Route(httpMethod: "GET", path: prefix + "/tasks/" + escapePathSegment(id) + queryString(query), body: nil)
        case .list(let q):
            guard dialect == .v1 else { return nil }
            var query: [(String, String)] = []
            if let c = q.contextID, !c.isEmpty { query.append(("contextId", c)) }
            if let s = q.state { query.append(("status", s.v1Name)) }
            if let n = q.pageSize { query.append(("pageSize", String(n))) }
            if let t = q.pageToken, !t.isEmpty { query.append(("pageToken", t)) }
            if let h = q.historyLength { query.append(("historyLength", String(h))) }
            if let after = q.statusTimestampAfter { query.append(("statusTimestampAfter", Timestamp.format(after))) }
            return Route(httpMethod: "GET", path: "/tasks" + queryString(query), body: nil)
        case .cancel(let id):
            return Route(httpMethod: "POST", path: prefix + "/tasks/" + escapePathSegment(id) + ":cancel", body: .object(JSONObject()))
        case .subscribe(let id):
            return Route(httpMethod: "POST", path: prefix + "/tasks/" + escapePathSegment(id) + ":subscribe", body: .object(JSONObject()))
        }
    }

    /// 1.0: the ProtoJSON `SendMessageRequest` (same as the JSON-RPC params). 0.3: its protobuf
    /// JSON, whose message carries `content` instead of `parts` and whose configuration says `blocking`.
    static func sendBody(_ p: SendParams, streaming: Bool, dialect: Dialect) -> JSONValue {
        if dialect == .v1 { return .object(V1Codec.sendParams(p, streaming: streaming)) }
        let skill = MessageEncoding.skillMetadata(p)
        var o = JSONObject()
        o["message"] = MessageEncoding.v03REST(p.message, extraMetadata: skill)
        var configuration = JSONObject()
        if !p.acceptedOutputModes.isEmpty { configuration["acceptedOutputModes"] = .array(p.acceptedOutputModes.map(JSONValue.string)) }
        if let h = p.historyLength { configuration["historyLength"] = .number(Double(h)) }
        if !streaming { configuration["blocking"] = .bool(p.blocking) }
        if !configuration.isEmpty { o["configuration"] = .object(configuration) }
        if let md = MessageEncoding.merged(p.metadata, skill) { o["metadata"] = md }
        return .object(o)
    }

    static func queryString(_ items: [(String, String)]) -> String {
        guard !items.isEmpty else { return "" }
        return "?" + items.map { escapeQueryValue($0.0) + "=" + escapeQueryValue($0.1) }.joined(separator: "&")
    }

    /// Percent-encodes everything but RFC 3986 unreserved characters: task ids are the agent's
    /// strings and must not add path segments or queries.
    static func escapePathSegment(_ s: String) -> String { percentEncode(s) }
    static func escapeQueryValue(_ s: String) -> String { percentEncode(s) }

    static func percentEncode(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        let hex = Array("0123456789ABCDEF")
        for b in s.utf8 {
            switch b {
            case 0x41...0x5A, 0x61...0x7A, 0x30...0x39, 0x2D, 0x2E, 0x5F, 0x7E:
                out.unicodeScalars.append(UnicodeScalar(b))
            default:
                out.append("%")
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 0xF)])
            }
        }
        return out
    }
}
