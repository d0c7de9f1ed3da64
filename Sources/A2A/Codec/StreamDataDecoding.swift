/// One SSE `data` of a task stream to model events: a JSON-RPC envelope (JSON-RPC binding), a bare
/// StreamResponse (HTTP+JSON binding) or a bare blog-era event. An `event: error` or an `error`
/// member is a failure.
enum StreamDataDecoding {
    static func decode(_ data: String, eventType: String, endpoint: Endpoint, context: StreamContext)
        throws(A2AFailure) -> [StreamEvent]
    {
        var data = data
        // withUTF8 is not typed-throws: carry the outcome out as a Result.
        return try data.withUTF8 { utf8 in
            Result { () throws(A2AFailure) in
                try decode(UnsafeRawBufferPointer(utf8), eventType: eventType, endpoint: endpoint, context: context)
            }
        }.get()
    }

    /// The same from the bytes the SSE parser collected (no String in between).
    static func decode(_ data: UnsafeRawBufferPointer, eventType: String, endpoint: Endpoint, context: StreamContext)
        throws(A2AFailure) -> [StreamEvent]
    {
        // The common status and artifact updates without a JSON tree; anything else, and anything
        // it is unsure of, through the tree below (the reference).
        if let events = DirectEventDecoding.events(data, eventType: eventType, context: context) { return events }
        return try decodeTree(data, eventType: eventType, endpoint: endpoint, context: context)
    }

    /// Parses the whole JSON tree, then reads it by shape.
    static func decodeTree(_ data: UnsafeRawBufferPointer, eventType: String, endpoint: Endpoint, context: StreamContext)
        throws(A2AFailure) -> [StreamEvent]
    {
        let value: JSONValue
        do {
            value = try JSONParser.parse(data)
        } catch {
            if eventType == "error" {
                let text = String(decoding: data, as: UTF8.self)
                throw .rpc(RPCError(code: -32603, message: text.isEmpty ? "stream error" : String(text.prefix(500)), dialect: endpoint.dialect))
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
