/// One SSE `data` of a task stream to model events: a JSON-RPC envelope (JSON-RPC binding), a bare
/// StreamResponse (HTTP+JSON binding) or a bare blog-era event. An `event: error` or an `error`
/// member is a failure.
enum StreamDataDecoding {
    static func decode(_ data: String, eventType: String, endpoint: Endpoint, context: StreamContext)
        throws(A2AFailure) -> [StreamEvent]
    {
        let value: JSONValue
        do {
            value = try JSONParser.parse(data)
        } catch {
            if eventType == "error" {
                throw .rpc(RPCError(code: -32603, message: data.isEmpty ? "stream error" : String(data.prefix(500)), dialect: endpoint.dialect))
            }
            throw .malformed("stream event: \(error.description)")
        }
        guard let o = value.objectValue else { throw .malformed("stream event is \(value.typeName), expected an object") }

        // A blog-era `task_result` has a `result` member too, but a `type` and no envelope.
        let isEnvelope = o[.jsonrpc] != nil || (o[.type] == nil && (o[.result] != nil || (o[.error] != nil && o[.id] != nil)))
        if isEnvelope {
            let result = try JSONRPCEnvelope.result(of: o, dialect: endpoint.dialect)
            return try EventDecoding.events(from: result, dialect: endpoint.dialect, context: context)
        }
        // A blog-era `task_result` may say `"error": "..."`: that is its failure text, not a protocol error.
        let isBlogEra = o.string(.type).map(BlogEraEvents.types.contains) ?? false
        if !isBlogEra, let error = o[.error], !error.isNull {
            if error.objectValue?[.details] != nil || error.objectValue?[.status] != nil {
                throw .rpc(RESTError.rpcError(value, httpStatus: 200, dialect: endpoint.dialect))
            }
            throw .rpc(JSONRPCEnvelope.rpcError(error, dialect: endpoint.dialect))
        }
        if eventType == "error" {
            throw .rpc(JSONRPCEnvelope.rpcError(value, dialect: endpoint.dialect))
        }
        return try EventDecoding.events(from: value, dialect: endpoint.dialect, context: context)
    }
}
