import Foundation
import Hummingbird
import HTTPTypes
import Logging
import NIOCore

/// Serves a set of agents over HTTP, each on its own loopback port.
public final class FleetServer: Sendable {
    public let endpoints: [AgentEndpoint]
    public let host: String
    /// 0: every agent gets a free port; P: agents take P, P+1, …
    public let firstPort: Int

    public enum ConfigError: Error, CustomStringConvertible, Equatable {
        case notLoopback(String)
        case portRange(Int)

        public var description: String {
            switch self {
            case let .notLoopback(host): return "refusing to listen on \(host): the fleet serves loopback only (127.0.0.1, ::1, localhost)"
            case let .portRange(port): return "port \(port) leaves no room for every agent below 65536"
            }
        }
    }

    public static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
            && host.split(separator: ".").count == 4 && host.split(separator: ".").allSatisfy { UInt8($0) != nil }
    }

    /// Hummingbird logs every listener and, on shutdown by cancellation, an error per
    /// listener; the fleet keeps quiet unless `LOG_LEVEL` asks for more.
    static func makeLogger() -> Logger {
        var logger = Logger(label: "agentdeck-fleet")
        logger.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .critical
        return logger
    }

    public init(endpoints: [AgentEndpoint], host: String = "127.0.0.1", port: Int = 0) throws {
        guard Self.isLoopback(host) else { throw ConfigError.notLoopback(host) }
        guard port == 0 || (port > 0 && port + endpoints.count - 1 <= 65_535) else { throw ConfigError.portRange(port) }
        self.endpoints = endpoints
        self.host = host
        self.firstPort = port
    }

    /// Card URLs in roster order (after `run` reported ready).
    public var cardURLs: [String] { endpoints.compactMap(\.cardURL) }

    /// Binds every agent, calls `onReady` once all listen, then serves until cancelled.
    /// A bind failure ends the whole fleet with that error.
    public func run(onReady: @escaping @Sendable ([String]) -> Void) async throws {
        let gate = ReadyGate(expected: endpoints.count) { [self] in onReady(cardURLs) }
        let urlHost = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (i, endpoint) in endpoints.enumerated() {
                let port = firstPort == 0 ? 0 : firstPort + i
                let app = Application(
                    responder: Self.responder(for: endpoint),
                    configuration: .init(address: .hostname(host, port: port), serverName: nil),
                    onServerRunning: { channel in
                        endpoint.setBaseURL("http://\(urlHost):\(channel.localAddress?.port ?? port)/")
                        await gate.arrive()
                    },
                    logger: Self.makeLogger())
                group.addTask { try await app.run() }
            }
            // Servers only return when cancelled; the first error (e.g. port in use) ends all.
            while try await group.next() != nil {}
        }
    }

    /// Ends every open stream so shutdown does not wait on long-lived SSE connections.
    public func closeAllStreams() async {
        for endpoint in endpoints { await endpoint.engine.closeAllStreams() }
    }

    /// Adapts an endpoint to Hummingbird: request in, response (or dropped connection) out.
    static func responder(for endpoint: AgentEndpoint) -> CallbackResponder<BasicRequestContext> {
        CallbackResponder { request, _ in
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            var body = Data()
            if request.method == .post {
                let buffer = try await request.body.collect(upTo: JSON.maxInputBytes)
                body = Data(buffer.readableBytesView)
            }
            let reply = await endpoint.handle(AgentRequest(method: request.method.rawValue, path: request.uri.path,
                                                           headers: headers, body: body))
            return response(for: reply)
        }
    }

    struct DroppedConnection: Error {}

    static func fields(_ pairs: [(String, String)]) -> HTTPFields {
        var fields = HTTPFields()
        for (name, value) in pairs {
            if let name = HTTPField.Name(name) { fields.append(HTTPField(name: name, value: value)) }
        }
        return fields
    }

    static func response(for reply: AgentReply) -> Response {
        switch reply {
        case let .full(status, headers, body):
            return Response(status: .init(code: status), headers: fields(headers),
                            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
        case let .stream(headers, frames):
            return Response(status: .ok, headers: fields(headers), body: ResponseBody { writer in
                for await frame in frames {
                    if frame == SSE.abortMarker { throw DroppedConnection() }
                    try await writer.write(ByteBuffer(string: frame))
                    SSETally.shared.wrote(frame)
                }
                try await writer.finish(nil)
            })
        case .drop:
            // Throwing from the body writer makes the server close the connection mid-answer.
            return Response(status: .ok, headers: fields([("content-type", "application/json")]),
                            body: ResponseBody { _ in throw DroppedConnection() })
        }
    }
}

/// Calls `action` once `expected` servers have reported that they listen.
actor ReadyGate {
    private var remaining: Int
    private let action: @Sendable () -> Void

    init(expected: Int, action: @escaping @Sendable () -> Void) {
        remaining = expected
        self.action = action
        if expected == 0 { action() }
    }

    func arrive() {
        remaining -= 1
        if remaining == 0 { action() }
    }
}
