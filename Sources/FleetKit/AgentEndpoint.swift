import Foundation

/// One agent as seen from the network: routes a request to its card or its dialect's
/// JSON-RPC server, and applies availability (flaky agents) and chaos first.
public final class AgentEndpoint: Sendable {
    public let personality: Personality
    public let engine: TaskEngine
    public let pingInterval: Double
    public let chaos: Chaos
    private let startedAt: Date
    private let clock: @Sendable () -> Date
    private let base = Locked<String?>(nil)

    public init(personality: Personality, pingInterval: Double = SSE.defaultPingInterval, chaos: Chaos = .none,
                maxTasks: Int = 500, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.personality = personality
        self.engine = TaskEngine(personality: personality, maxTasks: maxTasks)
        self.pingInterval = pingInterval
        self.chaos = chaos
        self.clock = clock
        self.startedAt = clock()
    }

    /// `http://127.0.0.1:PORT/`, known once the listener is bound.
    public var baseURL: String? { base.get() }
    public func setBaseURL(_ url: String) { base.set(url.hasSuffix("/") ? url : url + "/") }

    /// The URL printed for consoles: the well-known card path of this agent's dialect.
    public var cardURL: String? {
        baseURL.map { String($0.dropLast()) + Card.primaryPath(for: personality.dialect) }
    }

    public var isUp: Bool {
        personality.availability.isUp(atSecond: clock().timeIntervalSince(startedAt))
    }

    public func card() -> JSON { Card.json(for: personality, baseURL: baseURL ?? "http://127.0.0.1/") }

    public func handle(_ request: AgentRequest) async -> AgentReply {
        guard isUp else {
            return .full(status: 503, headers: [("content-type", "application/json"), ("retry-after", "5")],
                         body: Data(#"{"detail":"Service Unavailable: upstream weather feed down"}"#.utf8))
        }
        switch chaos.draw({ Double.random(in: 0..<1) }) {
        case .serve: break
        case .drop: return .drop
        case let .serverError(code):
            return .json(.object([("detail", .string(code == 503 ? "Service Unavailable" : "Internal Server Error"))]), status: code)
        case let .slow(seconds):
            try? await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
        }
        let path = request.path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? request.path
        if Card.paths(for: personality.dialect).contains(path) {
            guard request.method == "GET" || request.method == "HEAD" else { return .text("Method Not Allowed", status: 405) }
            return cardReply(request)
        }
        guard path == "/" || path.isEmpty else { return .text("Not Found", status: 404) }
        guard request.method == "POST" else { return .text("Method Not Allowed", status: 405) }
        return await rpc(request)
    }

    private func cardReply(_ request: AgentRequest) -> AgentReply {
        let card = card()
        let etag = ETag.weak(for: card)
        if let header = request.header("if-none-match"), ETag.matches(ifNoneMatch: header, etag: etag) {
            return .full(status: 304, headers: [("etag", etag)], body: Data())
        }
        return .full(status: 200, headers: [("etag", etag), ("content-type", "application/json")], body: card.data(.compact))
    }

    private func rpc(_ request: AgentRequest) async -> AgentReply {
        let context = AgentContext(engine: engine, pingInterval: pingInterval)
        switch RPCCall.parse(request) {
        case let .failure(.parse(message)):
            return rpcError(.null, code: RPCCode.parseError, message: message)
        case let .failure(.invalidRequest(message, id)):
            return rpcError(id, code: RPCCode.invalidRequest, message: message)
        case let .success(call):
            switch personality.dialect {
            case .v1: return await V1Server.handle(call, context: context)
            case .v03: return await V03Server.handle(call, context: context)
            case .v01: return await V01Server.handle(call, context: context)
            }
        }
    }

    private func rpcError(_ id: JSON, code: Int, message: String) -> AgentReply {
        switch personality.dialect {
        case .v1: return V1Server.error(id, code: code, message: message)
        case .v03: return V03Server.error(id, code: code, message: message)
        case .v01: return V01Server.error(id, code: code, message: message)
        }
    }
}
