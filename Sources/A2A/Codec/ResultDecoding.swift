/// Decodes the answer to a non-streaming call: unwraps the JSON-RPC envelope (or reads the HTTP+JSON
/// status and error body), then reads the result by what was asked.
enum ResultDecoding {
    static func decode(_ bytes: [UInt8], httpStatus: Int, for request: A2ARequest, endpoint: Endpoint)
        throws(A2AFailure) -> A2AResult
    {
        let parsed: JSONValue?
        do {
            parsed = try JSONParser.parse(bytes)
        } catch {
            if !(200..<300).contains(httpStatus) {
                throw .malformed("HTTP \(httpStatus) with a body that is not JSON: \(snippet(bytes))")
            }
            throw .malformed("\(error.description) (body starts: \(snippet(bytes)))")
        }
        guard let body = parsed else { throw .malformed("empty body") }

        let result: JSONValue
        let success = (200..<300).contains(httpStatus)
        if let o = body.objectValue, o["jsonrpc"] != nil || (success && endpoint.binding != .httpJSON && (o["result"] != nil || o["error"] != nil)) {
            result = try JSONRPCEnvelope.result(of: o, dialect: endpoint.dialect)
        } else if !success {
            // An HTTP error without a JSON-RPC envelope (REST errors, a 401 from an auth proxy).
            throw .rpc(RESTError.rpcError(body, httpStatus: httpStatus, dialect: endpoint.dialect))
        } else if endpoint.binding == .httpJSON {
            if body["error"]?.objectValue != nil {
                throw .rpc(RESTError.rpcError(body, httpStatus: httpStatus, dialect: endpoint.dialect))
            }
            result = body
        } else {
            throw .malformed("expected a JSON-RPC response, got \(body.typeName)\(keysNote(body))")
        }
        return try interpret(result, for: request, dialect: endpoint.dialect)
    }

    static func interpret(_ result: JSONValue, for request: A2ARequest, dialect: Dialect) throws(A2AFailure) -> A2AResult {
        switch request {
        case .list:
            return .taskPage(try taskPage(result, dialect: dialect))
        case .get, .cancel:
            // The bare Task; tolerate a `{task}` wrapper or a `kind` tag.
            let o = result["task"]?.objectValue ?? result.objectValue
            guard let o, let task = ObjectDecoding.task(o, dialect: dialect) else {
                throw .malformed("expected a task, got \(result.typeName)\(keysNote(result))")
            }
            return .task(task)
        case .send, .stream, .subscribe:
            return try taskOrMessage(result, dialect: dialect)
        }
    }

    /// V1 `{task}` | `{message}`, V03 `kind`-tagged, V01 bare task.
    static func taskOrMessage(_ result: JSONValue, dialect: Dialect) throws(A2AFailure) -> A2AResult {
        guard let o = result.objectValue else { throw .malformed("expected a task or message, got \(result.typeName)") }
        if let inner = o.object("task"), let task = ObjectDecoding.task(inner, dialect: dialect) { return .task(task) }
        if let inner = o.object("message", "msg"), o["status"] == nil { return .message(ObjectDecoding.message(inner)) }
        switch o.string("kind") {
        case "message": return .message(ObjectDecoding.message(o))
        case "task", nil:
            if let task = ObjectDecoding.task(o, dialect: dialect), o["status"] != nil { return .task(task) }
            if o["parts"] != nil { return .message(ObjectDecoding.message(o)) }
        default: break
        }
        throw .malformed("expected a task or message, got an object with keys: \(o.keyList)")
    }

    static func taskPage(_ result: JSONValue, dialect: Dialect) throws(A2AFailure) -> TaskPage {
        let tasks: [JSONValue]
        var o = JSONObject()
        if let array = result.arrayValue {
            tasks = array
        } else if let object = result.objectValue, object["tasks"] != nil || object.isEmpty {
            o = object
            tasks = object.array("tasks")
        } else {
            throw .malformed("expected a task list, got \(result.typeName)\(keysNote(result))")
        }
        return TaskPage(
            tasks: tasks.compactMap { $0.objectValue.flatMap { ObjectDecoding.task($0, dialect: dialect) } },
            nextPageToken: o.string("nextPageToken"),
            totalSize: o.integer("totalSize"),
            pageSize: o.integer("pageSize")
        )
    }

    static func keysNote(_ value: JSONValue) -> String {
        value.objectValue.map { " with keys: \($0.keyList)" } ?? ""
    }

    /// The start of a body for an error message, printable ASCII only.
    static func snippet(_ bytes: [UInt8], limit: Int = 80) -> String {
        let text = String(decoding: bytes.prefix(limit), as: UTF8.self)
        let clean = String(text.unicodeScalars.map { $0.value >= 0x20 && $0.value < 0x7F ? Character($0) : "·" })
        return bytes.count > limit ? clean + "…" : clean
    }
}
