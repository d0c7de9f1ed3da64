import Foundation

/// A request as the agent logic sees it, free of any HTTP server library.
public struct AgentRequest: Sendable {
    public var method: String
    public var path: String
    /// Header names lowercased.
    public var headers: [String: String]
    public var body: Data

    public init(method: String, path: String, headers: [String: String] = [:], body: Data = Data()) {
        self.method = method.uppercased()
        self.path = path
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { _, last in last })
        self.body = body
    }

    public func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// What the agent answers: a whole body, an SSE stream, or a connection drop (chaos).
public enum AgentReply: Sendable {
    case full(status: Int, headers: [(String, String)], body: Data)
    case stream(headers: [(String, String)], frames: AsyncStream<String>)
    /// Close the connection without a proper answer.
    case drop

    public static func json(_ value: JSON, style: JSONStyle = .compact, status: Int = 200,
                            contentType: String = "application/json") -> AgentReply {
        .full(status: status, headers: [("content-type", contentType)], body: value.data(style))
    }

    public static func text(_ text: String, status: Int) -> AgentReply {
        .full(status: status, headers: [("content-type", "text/plain; charset=utf-8")], body: Data(text.utf8))
    }

    /// Headers sse-starlette sends with every event stream.
    public static let streamHeaders: [(String, String)] = [
        ("cache-control", "no-store"),
        ("connection", "keep-alive"),
        ("x-accel-buffering", "no"),
        ("content-type", "text/event-stream; charset=utf-8"),
    ]

    public var status: Int {
        switch self {
        case let .full(status, _, _): return status
        case .stream: return 200
        case .drop: return 0
        }
    }

    /// The body of a `.full` reply (tests, logs).
    public var bodyText: String? {
        if case let .full(_, _, body) = self { return String(decoding: body, as: UTF8.self) }
        return nil
    }
}
