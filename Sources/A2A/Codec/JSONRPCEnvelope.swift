/// The JSON-RPC 2.0 response envelope: `{"jsonrpc":"2.0","id":…,"result":…}` or `{…,"error":{code,message,data}}`.
enum JSONRPCEnvelope {
    /// The `result`, or the `error` as a failure read by the endpoint's dialect.
    static func result(of o: JSONObject, dialect: Dialect) throws(A2AFailure) -> JSONValue {
        if let error = o[.error], !error.isNull {
            throw .rpc(rpcError(error, dialect: dialect))
        }
        if let result = o[.result] { return result }
        throw .malformed("JSON-RPC response has neither 'result' nor 'error' (keys: \(o.keyList))")
    }

    /// Reads an error object; a string or other shape still becomes an error we can show.
    static func rpcError(_ value: JSONValue, dialect: Dialect) -> RPCError {
        guard let e = value.objectValue else {
            return RPCError(code: -32603, message: value.rawString ?? value.jsonString, dialect: dialect)
        }
        let code = e.integer(.code) ?? -32603
        let message = e[.message]?.rawString ?? e.string(.status) ?? ""
        let data = e.kept(.data) ?? e.kept(.details)
        return RPCError(code: code, message: message, data: data, dialect: dialect)
    }

    /// The request body for a method call.
    static func request(method: String, params: JSONObject, id: Int) -> [UInt8] {
        JSONValue.object(JSONObject([
            ("jsonrpc", "2.0"), ("id", .number(Double(id))), ("method", .string(method)), ("params", .object(params)),
        ])).jsonBytes
    }
}

/// HTTP+JSON errors: HTTP status plus `{"error":{"code","status","message","details"}}`
/// (google.rpc.Status). The `details[].reason` tells the A2A error; we map it to the JSON-RPC code
/// so `RPCError.meaning` reads the same for both bindings.
enum RESTError {
    static let codeByReason: [String: Int] = [
        "TASK_NOT_FOUND": -32001, "TASK_NOT_CANCELABLE": -32002, "PUSH_NOTIFICATION_NOT_SUPPORTED": -32003,
        "UNSUPPORTED_OPERATION": -32004, "CONTENT_TYPE_NOT_SUPPORTED": -32005, "INVALID_AGENT_RESPONSE": -32006,
        "EXTENDED_AGENT_CARD_NOT_CONFIGURED": -32007, "EXTENSION_SUPPORT_REQUIRED": -32008,
        "VERSION_NOT_SUPPORTED": -32009,
    ]
    static let codeByStatus: [String: Int] = [
        "INVALID_ARGUMENT": -32602, "UNIMPLEMENTED": -32601, "INTERNAL": -32603, "NOT_FOUND": -32001,
    ]

    static func rpcError(_ body: JSONValue?, httpStatus: Int, dialect: Dialect) -> RPCError {
        let errorObject = body?[.error]?.objectValue ?? body?.objectValue
        guard let e = errorObject else {
            return RPCError(code: httpStatus, message: "HTTP \(httpStatus)", dialect: dialect)
        }
        let details = e.array(.details)
        let reason = details.lazy.compactMap { $0[.reason]?.stringValue }.first
        let status = e.string(.status)
        let code = reason.flatMap { codeByReason[$0] } ?? status.flatMap { codeByStatus[$0] } ?? e.integer(.code) ?? httpStatus
        let message = e.string(.message, .detail, .error) ?? status ?? "HTTP \(httpStatus)"
        return RPCError(code: code, message: message, data: e.kept(.details) ?? e.kept(.data), dialect: dialect)
    }
}
