/// The one entry point between bytes and the model, for every dialect and binding.
/// CONTRACT (implemented by the codecs work; signatures are what Wire and the CLI code against).
public enum A2ACodec {
    /// Decodes an agent card of any dialect. Tolerant (PROTOCOL.md §1–§6): unknown fields kept in
    /// `raw`, missing booleans false, `""`/`[]` as absent. Fails only when it is not a JSON object or
    /// has no usable name/endpoint, with a message saying what is wrong.
    public static func decodeCard(_ bytes: [UInt8]) -> Result<AgentCard, A2AFailure> {
        Result { () throws(A2AFailure) in try CardDecoder.decode(bytes) }
    }

    /// Whether the endpoint's dialect and binding have this operation at all. Only `list` can be
    /// missing: 0.3 and 0.1 have no task list over JSON-RPC, and 0.3 REST has none either.
    public static func supports(_ request: A2ARequest, on endpoint: Endpoint) -> Bool {
        guard case .list = request else { return true }
        return endpoint.dialect == .v1
    }

    /// Encodes a request for an endpoint: method, path relative to the endpoint URL, headers
    /// (`A2A-Version: 1.0` for V1 names when `endpoint.sendsVersionHeader`), and body.
    /// For an operation the endpoint lacks (see `supports`), `rpcMethod` and `body` are empty.
    public static func encode(_ request: A2ARequest, for endpoint: Endpoint, rpcID: Int) -> EncodedRequest {
        RequestEncoding.encode(request, for: endpoint, rpcID: rpcID)
    }

    /// Decodes the answer to a non-streaming request (a JSON-RPC envelope, or an HTTP+JSON body).
    public static func decodeResult(
        _ bytes: [UInt8], httpStatus: Int, for request: A2ARequest, endpoint: Endpoint
    ) -> Result<A2AResult, A2AFailure> {
        Result { () throws(A2AFailure) in
            try ResultDecoding.decode(bytes, httpStatus: httpStatus, for: request, endpoint: endpoint)
        }
    }

    /// Decodes the `data` of one SSE event of a stream. One event may carry several model events
    /// (a blog-era `task_result` is a status and an artifact). `context` supplies what bare
    /// blog-era events leave out (their task id).
    public static func decodeStreamData(
        _ data: String, eventType: String, endpoint: Endpoint, context: StreamContext
    ) -> Result<[StreamEvent], A2AFailure> {
        Result { () throws(A2AFailure) in
            try StreamDataDecoding.decode(data, eventType: eventType, endpoint: endpoint, context: context)
        }
    }

    /// The same from the `data` bytes as the SSE parser collected them (`SSEEvent.dataBytes`): the
    /// common updates are decoded straight from these bytes, with no String or JSON tree in between.
    public static func decodeStreamData(
        _ data: [UInt8], eventType: String, endpoint: Endpoint, context: StreamContext
    ) -> Result<[StreamEvent], A2AFailure> {
        data.withUnsafeBytes { bytes in
            Result { () throws(A2AFailure) in
                try StreamDataDecoding.decode(bytes, eventType: eventType, endpoint: endpoint, context: context)
            }
        }
    }
}

/// Where and how to talk to an agent: chosen from the card, then corrected by the fallback ladder.
public struct Endpoint: Sendable, Hashable {
    public var url: String
    public var dialect: Dialect
    public var binding: ProtocolBinding
    /// Send `A2A-Version: 1.0` (V1). The ladder may turn it off for servers that reject it.
    public var sendsVersionHeader: Bool

    public init(url: String, dialect: Dialect, binding: ProtocolBinding = .jsonRPC, sendsVersionHeader: Bool? = nil) {
        self.url = url
        self.dialect = dialect
        self.binding = binding
        self.sendsVersionHeader = sendsVersionHeader ?? (dialect == .v1)
    }
}

public struct EncodedRequest: Sendable, Hashable {
    public var httpMethod: String
    /// Appended to the endpoint URL: "" for JSON-RPC, e.g. "/message:stream" for HTTP+JSON.
    public var path: String
    public var headers: [HeaderField]
    public var body: [UInt8]
    /// The JSON-RPC method name used (for messages and logs); the REST path otherwise.
    public var rpcMethod: String

    public init(httpMethod: String, path: String, headers: [HeaderField], body: [UInt8], rpcMethod: String) {
        self.httpMethod = httpMethod
        self.path = path
        self.headers = headers
        self.body = body
        self.rpcMethod = rpcMethod
    }
}

public struct HeaderField: Sendable, Hashable {
    public var name: String
    public var value: String
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// What a stream decoder needs to know that bare events leave out.
public struct StreamContext: Sendable, Hashable {
    /// The task the stream is about (V01 clients choose it; blog-era events omit it).
    public var taskID: String?
    public var contextID: String?
    /// The ids this stream's events repeat, shared from one event to the next (see
    /// `StreamIDMemo`): keep one context per stream and pass it with each of its events.
    public let recentIDs = StreamIDMemo()

    public init(taskID: String? = nil, contextID: String? = nil) {
        self.taskID = taskID
        self.contextID = contextID
    }

    /// The ids only: the memo is a cache.
    public static func == (a: StreamContext, b: StreamContext) -> Bool { a.taskID == b.taskID && a.contextID == b.contextID }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(taskID)
        hasher.combine(contextID)
    }
}
