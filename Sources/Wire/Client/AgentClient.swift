import A2A
import Foundation
import Synchronization

/// Talks A2A to one agent over the shared HTTP engine: card discovery and polling, calls, streams.
/// It remembers what it learned (card URL, ETag, the endpoint and dialect that work) so every later
/// call goes straight to the right place. Callbacks run on the network thread: keep them short.
public final class AgentClient: Sendable {
    public let target: AgentTarget
    private let engine: HTTPEngine
    private let redactor: Redactor
    private let learned = Mutex(Learned())
    private let nextRPCID = Atomic<Int>(1)
    /// The origin the operator configured, where credentials may go: parsed once, not on every poll.
    private let ownOrigin: Origin?

    /// What discovery and the first calls taught us.
    struct Learned {
        var cardURL: String?
        var etag: String?
        var discovery: AgentDiscovery?
        /// True once a call succeeded on the endpoint: the fallback ladder is done.
        var endpointConfirmed = false
        /// The conditional request every later card poll sends (the card URL that answered,
        /// `If-None-Match` its ETag), built when the card arrives, not on every poll. Set with
        /// `cardURL`, `etag` and `discovery`.
        var cardPollRequest: HTTPRequest?
    }

    public init(target: AgentTarget, engine: HTTPEngine) {
        self.target = target
        self.engine = engine
        self.redactor = Redactor(secrets: target.secrets)
        self.ownOrigin = Origin(url: target.url)
    }

    /// The latest discovery, if any.
    public var discovery: AgentDiscovery? { learned.withLock { $0.discovery } }

    // MARK: Card

    /// Fetches the card (both well-known paths on first contact; `If-None-Match` afterwards).
    public func pollCard(completion: @escaping @Sendable (CardPoll) -> Void) {
        let known = learned.withLock { l -> (url: String, request: HTTPRequest)? in
            guard let url = l.cardURL, let request = l.cardPollRequest else { return nil }
            return (url, request)
        }
        if let known {
            fetchCard(at: known.url, request: known.request, remaining: [], completion: completion)
        } else {
            let candidates = DialectChoice.cardURLs(for: target.url)
            guard let first = candidates.first else {
                completion(.failed(.transport("not an http(s) URL: \(target.url)"), latency: 0))
                return
            }
            fetchCard(at: first, etag: nil, remaining: Array(candidates.dropFirst()), completion: completion)
        }
    }

    private func cardRequest(at url: String, etag: String?) -> HTTPRequest {
        var headers = credentialHeaders(for: url)
        headers.append(HTTPHeader("Accept", "application/json"))
        if let etag { headers.append(HTTPHeader("If-None-Match", etag)) }
        return HTTPRequest(url: url, method: "GET", headers: headers, timeout: min(10, target.requestTimeout),
                           connectTimeout: min(10, target.requestTimeout), insecure: target.insecure,
                           maxBodyBytes: 4 << 20)
    }

    private func fetchCard(
        at url: String, etag: String?, remaining: [String], completion: @escaping @Sendable (CardPoll) -> Void
    ) {
        fetchCard(at: url, request: cardRequest(at: url, etag: etag), remaining: remaining, completion: completion)
    }

    private func fetchCard(
        at url: String, request: HTTPRequest, remaining: [String], completion: @escaping @Sendable (CardPoll) -> Void
    ) {
        engine.perform(request) { [self] result in
            switch result {
            case .failure(let error):
                completion(.failed(.transport(redactor.redact(error.message)), latency: 0))
            case .success(let response):
                let latency = response.timing.total
                if response.status == 304 {
                    completion(.notModified(latency: latency))
                } else if response.status == 404, let next = remaining.first {
                    fetchCard(at: next, etag: nil, remaining: Array(remaining.dropFirst()), completion: completion)
                } else if !response.head.isSuccess {
                    completion(.failed(.http(status: response.status, detail: "card at \(url)"), latency: latency))
                } else {
                    switch A2ACodec.decodeCard(response.body) {
                    case .failure(let failure):
                        completion(.failed(.protocolFailure(failure), latency: latency))
                    case .success(let card):
                        let choice = Self.endpoint(for: card, cardURL: url)
                        let found = AgentDiscovery(
                            card: card, cardURL: url, endpoint: choice.endpoint, endpointProblem: choice.problem,
                            latency: latency, etag: response.head.etag)
                        learned.withLock { l in
                            // Keep a working endpoint across card polls unless the card changed it.
                            if let old = l.discovery, l.endpointConfirmed, old.card.interfaces == card.interfaces,
                               old.card.url == card.url {
                                var kept = found
                                kept.endpoint = old.endpoint
                                l.discovery = kept
                            } else {
                                l.discovery = found
                                l.endpointConfirmed = false
                            }
                            l.cardURL = url
                            l.etag = response.head.etag
                            l.cardPollRequest = cardRequest(at: url, etag: response.head.etag)
                        }
                        completion(.card(learned.withLock { $0.discovery } ?? found))
                    }
                }
            }
        }
    }

    /// Discovery for one-shot use (the CLI).
    public func discover() async -> Result<AgentDiscovery, ClientError> {
        await withCheckedContinuation { continuation in
            pollCard { poll in
                switch poll {
                case .card(let d): continuation.resume(returning: .success(d))
                case .failed(let e, _): continuation.resume(returning: .failure(e))
                case .notModified:
                    if let d = self.discovery { continuation.resume(returning: .success(d)) }
                    else { continuation.resume(returning: .failure(.transport("card not modified but never fetched"))) }
                }
            }
        }
    }

    // MARK: Calls

    /// A non-streaming call. On the first call, walks the fallback ladder (PROTOCOL.md §1) and
    /// remembers the endpoint that worked.
    /// `onRaw` (optional) receives the answer's body as received, just before a successful
    /// completion, for the raw view and the journal.
    @discardableResult
    public func call(
        _ request: A2ARequest, onRaw: (@Sendable (String) -> Void)? = nil,
        completion: @escaping @Sendable (Result<A2AResult, ClientError>) -> Void
    ) -> CallHandle {
        let handle = CallHandle()
        if let refusal = refusal(for: request) {
            completion(.failure(refusal))
            return handle
        }
        guard let endpoint = currentEndpoint() else {
            completion(.failure(noEndpointError()))
            return handle
        }
        attempt(request, on: endpoint, handle: handle, onRaw: onRaw, completion: completion)
        return handle
    }

    private func attempt(
        _ request: A2ARequest, on endpoint: Endpoint, handle: CallHandle, onRaw: (@Sendable (String) -> Void)?,
        completion: @escaping @Sendable (Result<A2AResult, ClientError>) -> Void
    ) {
        let request = Self.prepared(request, context: StreamContext(), for: endpoint).request
        guard A2ACodec.supports(request, on: endpoint) else {
            completion(.failure(.unsupported("\(describe(request)) is not offered by A2A \(endpoint.dialect) agents")))
            return
        }
        let encoded = A2ACodec.encode(request, for: endpoint, rpcID: nextRPCID.wrappingAdd(1, ordering: .relaxed).oldValue)
        let http = httpRequest(encoded, endpoint: endpoint, streaming: false)
        let id = engine.perform(http) { [self] result in
            switch result {
            case .failure(let error):
                completion(.failure(.transport(redactor.redact(error.message))))
            case .success(let response):
                let decoded = A2ACodec.decodeResult(response.body, httpStatus: response.status, for: request, endpoint: endpoint)
                switch decoded {
                case .success(let value):
                    confirm(endpoint)
                    onRaw?(response.bodyText)
                    completion(.success(value))
                case .failure(let failure):
                    if let next = fallback(after: failure, httpStatus: response.status, on: endpoint) {
                        attempt(request, on: next, handle: handle, onRaw: onRaw, completion: completion)
                    } else if case .malformed = failure, !response.head.isSuccess {
                        completion(.failure(.http(status: response.status, detail: redactor.redact(String(response.bodyText.prefix(200))))))
                    } else {
                        completion(.failure(.protocolFailure(failure)))
                    }
                }
            }
        }
        handle.set(id, engine: engine)
    }

    public func call(_ request: A2ARequest) async -> Result<A2AResult, ClientError> {
        await withCheckedContinuation { continuation in
            call(request) { continuation.resume(returning: $0) }
        }
    }

    // MARK: Streams

    /// Opens a stream (send-streaming or subscribe). `onItem` receives decoded events on the network
    /// thread, then exactly one `.ended`. Returning false from `onItem` is not needed: cancel the handle.
    /// `onRaw` (optional) receives each event's JSON as received, just before the `.events` it
    /// decoded to, on the same thread.
    @discardableResult
    public func stream(
        _ request: A2ARequest, context: StreamContext, idleTimeout: Double = 45, onRaw: (@Sendable (String) -> Void)? = nil,
        onItem: @escaping @Sendable (StreamItem) -> Void
    ) -> CallHandle {
        let handle = CallHandle()
        if let refusal = refusal(for: request) {
            onItem(.ended(.failed(refusal)))
            return handle
        }
        guard let endpoint = currentEndpoint() else {
            onItem(.ended(.failed(noEndpointError())))
            return handle
        }
        openStream(request, context: context, on: endpoint, idleTimeout: idleTimeout, handle: handle, onRaw: onRaw, onItem: onItem)
        return handle
    }

    private func openStream(
        _ request: A2ARequest, context: StreamContext, on endpoint: Endpoint, idleTimeout: Double, handle: CallHandle,
        onRaw: (@Sendable (String) -> Void)?, onItem: @escaping @Sendable (StreamItem) -> Void
    ) {
        let (request, context) = Self.prepared(request, context: context, for: endpoint)
        let encoded = A2ACodec.encode(request, for: endpoint, rpcID: nextRPCID.wrappingAdd(1, ordering: .relaxed).oldValue)
        var http = httpRequest(encoded, endpoint: endpoint, streaming: true)
        http.idleTimeout = idleTimeout
        let session = StreamSession(endpoint: endpoint, context: context, redactor: redactor)
        let id = engine.streamSSE(
            http,
            onHead: { head in session.head = head },
            onItem: { item in
                let out = session.decode(item)
                if !out.events.isEmpty {
                    if !session.confirmed { session.confirmed = true; self.confirm(endpoint) }
                    if let onRaw, case .event(let event) = item { onRaw(event.data) }
                    onItem(.events(out.events))
                }
                for warning in out.warnings { onItem(.warning(warning)) }
                return true
            },
            onEnd: { [self] (end: StreamEnd) in
                // An error on a streaming call may come back as plain JSON instead of SSE.
                if let head = end.head, !head.isEventStream, !end.unparsedBody.isEmpty || !head.isSuccess {
                    let decoded = A2ACodec.decodeResult(end.unparsedBody, httpStatus: head.status, for: request, endpoint: endpoint)
                    switch decoded {
                    case .success(let result):
                        onRaw?(String(decoding: end.unparsedBody, as: UTF8.self))
                        onItem(.events(result.streamEvents))
                        onItem(.ended(.closed))
                    case .failure(let failure):
                        if session.eventCount == 0, let next = fallback(after: failure, httpStatus: head.status, on: endpoint) {
                            openStream(request, context: context, on: next, idleTimeout: idleTimeout, handle: handle, onRaw: onRaw, onItem: onItem)
                        } else {
                            onItem(.ended(.failed(.protocolFailure(failure))))
                        }
                    }
                    return
                }
                if let error = end.error {
                    onItem(.ended(error.kind == .canceled ? .canceled : .failed(.transport(redactor.redact(error.message)))))
                } else if let failure = session.streamFailure {
                    onItem(.ended(.failed(.protocolFailure(failure))))
                } else {
                    onItem(.ended(.closed))
                }
            })
        handle.set(id, engine: engine)
    }

    /// The stream as an AsyncStream, for the CLI.
    public func stream(_ request: A2ARequest, context: StreamContext) -> AsyncStream<StreamItem> {
        AsyncStream<StreamItem> { (continuation: AsyncStream<StreamItem>.Continuation) in
            let handle = self.stream(request, context: context, idleTimeout: self.target.streamIdleTimeout) { item in
                continuation.yield(item)
                if case .ended = item { continuation.finish() }
            }
            continuation.onTermination = { _ in handle.cancel() }
        }
    }

    // MARK: Helpers

    private func refusal(for request: A2ARequest) -> ClientError? {
        target.readOnly && request.isMutating ? .readOnly(describe(request)) : nil
    }

    private func currentEndpoint() -> Endpoint? { learned.withLock { $0.discovery?.endpoint } }

    private func noEndpointError() -> ClientError {
        if let problem = learned.withLock({ $0.discovery?.endpointProblem }) { return .noEndpoint(problem) }
        return .noEndpoint("the agent's card has not been fetched yet")
    }

    private func confirm(_ endpoint: Endpoint) {
        learned.withLock { l in
            l.endpointConfirmed = true
            l.discovery?.endpoint = endpoint
        }
    }

    /// The next rung of the fallback ladder, only while the endpoint is unconfirmed.
    private func fallback(after failure: A2AFailure, httpStatus: Int, on endpoint: Endpoint) -> Endpoint? {
        let confirmed = learned.withLock { $0.endpointConfirmed }
        guard !confirmed, case .rpc(let error) = failure else { return nil }
        return FallbackLadder.next(after: endpoint, error: error)
    }

    /// 0.1 agents expect the client to choose the task id and session id of a new task. When the
    /// ladder lands on 0.1 after the caller built a message without them, choose them here, and
    /// tell the stream decoder (bare blog-era events carry no task id).
    static func prepared(_ request: A2ARequest, context: StreamContext, for endpoint: Endpoint)
        -> (request: A2ARequest, context: StreamContext)
    {
        guard endpoint.dialect == .v01 else { return (request, context) }
        func fill(_ params: SendParams) -> SendParams {
            var p = params
            if p.message.taskID == nil { p.message.taskID = UUID().uuidString.lowercased() }
            if p.message.contextID == nil { p.message.contextID = UUID().uuidString.lowercased() }
            return p
        }
        switch request {
        case .send(let params):
            let p = fill(params)
            return (.send(p), StreamContext(taskID: p.message.taskID, contextID: p.message.contextID))
        case .stream(let params):
            let p = fill(params)
            return (.stream(p), StreamContext(taskID: p.message.taskID, contextID: p.message.contextID))
        default:
            return (request, context)
        }
    }

    /// The preferred endpoint from the card, or why there is none.
    static func endpoint(for card: AgentCard, cardURL: String) -> (endpoint: Endpoint?, problem: String?) {
        switch DialectChoice.choose(card: card, cardURL: cardURL) {
        case .endpoints(let list): (list.first, nil)
        case .grpcOnly(let urls): (nil, "gRPC only (\(urls.joined(separator: ", "))): AgentDeck speaks JSON-RPC and HTTP+JSON")
        case .unusable(let why): (nil, why)
        }
    }

    private func httpRequest(_ encoded: EncodedRequest, endpoint: Endpoint, streaming: Bool) -> HTTPRequest {
        let url = endpoint.url + encoded.path
        var headers = encoded.headers.map { HTTPHeader($0.name, $0.value) }
        headers += credentialHeaders(for: url)
        if streaming {
            return HTTPRequest.stream(url: url, method: encoded.httpMethod, headers: headers,
                                      body: encoded.body.isEmpty ? nil : encoded.body,
                                      connectTimeout: min(10, target.requestTimeout), insecure: target.insecure)
        }
        return HTTPRequest(url: url, method: encoded.httpMethod, headers: headers,
                           body: encoded.body.isEmpty ? nil : encoded.body, timeout: target.requestTimeout,
                           connectTimeout: min(10, target.requestTimeout), insecure: target.insecure)
    }

    /// Credentials go only to the agent's own origin (the URL the operator configured).
    private func credentialHeaders(for url: String) -> [HTTPHeader] {
        // Without credentials there is nothing to scope, and no URL to parse on every poll.
        guard !target.authHeaders.isEmpty, let own = ownOrigin, own.contains(url: url) else { return [] }
        return target.authHeaders.map { HTTPHeader($0.name, $0.value, isCredential: true) }
    }

    private func describe(_ request: A2ARequest) -> String {
        switch request {
        case .send: "send message"
        case .stream: "streaming send"
        case .get: "get task"
        case .list: "list tasks"
        case .cancel: "cancel task"
        case .subscribe: "subscribe to task"
        }
    }
}

/// A handle on an in-flight call or stream; cancel from any thread.
public final class CallHandle: Sendable {
    private let state = Mutex<(id: RequestID?, engine: HTTPEngine?, canceled: Bool)>((nil, nil, false))

    public init() {}

    func set(_ id: RequestID, engine: HTTPEngine) {
        let cancelNow = state.withLock { s -> Bool in
            s.id = id
            s.engine = engine
            return s.canceled
        }
        if cancelNow { engine.cancel(id) }
    }

    public func cancel() {
        let target = state.withLock { s -> (RequestID, HTTPEngine)? in
            s.canceled = true
            guard let id = s.id, let engine = s.engine else { return nil }
            return (id, engine)
        }
        if let (id, engine) = target { engine.cancel(id) }
    }
}

extension A2AResult {
    /// A result seen as stream events (a stream that answered with plain JSON).
    public var streamEvents: [StreamEvent] {
        switch self {
        case .task(let t): [.task(t)]
        case .message(let m): [.message(m)]
        case .taskPage(let p): p.tasks.map { .task($0) }
        }
    }
}
