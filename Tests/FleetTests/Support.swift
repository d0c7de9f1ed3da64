import Foundation
import TestSupport
@testable import FleetKit

/// What curl saw: the status line's code, headers (lowercased names), raw body bytes as text.
struct HTTPResult: Sendable {
    var status: Int
    var headers: [String: String]
    var body: String
    var exitCode: Int32

    var json: JSON? { try? JSON.parse(body) }

    /// The JSON of each `data:` line of an SSE body.
    var events: [JSON] {
        body.components(separatedBy: "\r\n").compactMap { line in
            line.hasPrefix("data: ") ? try? JSON.parse(String(line.dropFirst(6))) : nil
        }
    }
}

/// Real HTTP through the curl binary, run off the cooperative pool so in-process servers keep serving.
enum Curl {
    static func run(_ arguments: [String]) async -> (out: Data, code: Int32) {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
                process.arguments = arguments
                let pipe = Pipe()
                process.standardOutput = pipe
                process.standardError = FileHandle.nullDevice
                do { try process.run() } catch {
                    continuation.resume(returning: (Data(), -1))
                    return
                }
                let data = readToEndRetryingInterrupts(pipe.fileHandleForReading)
                process.waitUntilExit()
                continuation.resume(returning: (data, process.terminationStatus))
            }
        }
    }

    static func request(_ url: String, method: String = "GET", headers: [String: String] = [:], body: String? = nil,
                        maxTime: Int = 60) async -> HTTPResult {
        var args = ["-s", "-N", "-i", "--max-time", String(maxTime), "-X", method]
        for (k, v) in headers { args += ["-H", "\(k): \(v)"] }
        if let body { args += ["-H", "Content-Type: application/json", "--data-binary", body] }
        args.append(url)
        let (data, code) = await run(args)
        let text = String(decoding: data, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else { return HTTPResult(status: 0, headers: [:], body: text, exitCode: code) }
        let head = text[..<split.lowerBound].components(separatedBy: "\r\n")
        let status = head.first.flatMap { $0.split(separator: " ").dropFirst().first.flatMap { Int($0) } } ?? 0
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            if let colon = line.firstIndex(of: ":") {
                headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return HTTPResult(status: status, headers: headers, body: String(text[split.upperBound...]), exitCode: code)
    }

    /// A JSON-RPC call; `version` adds `A2A-Version`.
    static func rpc(_ base: String, _ method: String, _ params: String, id: Int = 1, version: String? = nil,
                    maxTime: Int = 60) async -> HTTPResult {
        var headers: [String: String] = [:]
        if let version { headers["A2A-Version"] = version }
        return await request(base, method: "POST", headers: headers,
                             body: #"{"jsonrpc":"2.0","id":\#(id),"method":"\#(method)","params":\#(params)}"#, maxTime: maxTime)
    }
}

/// A fleet served in-process on free loopback ports for one test.
final class RunningFleet: Sendable {
    let server: FleetServer
    private let serving: Task<Void, Error>

    private init(server: FleetServer, serving: Task<Void, Error>) {
        self.server = server
        self.serving = serving
    }

    static func start(_ personalities: [Personality], pingInterval: Double = 15, chaos: Chaos = .none) async throws -> RunningFleet {
        let endpoints = personalities.map { AgentEndpoint(personality: $0, pingInterval: pingInterval, chaos: chaos) }
        let server = try FleetServer(endpoints: endpoints, host: "127.0.0.1", port: 0)
        let (ready, signal) = AsyncStream<[String]>.makeStream()
        let serving = Task { try await server.run(onReady: { urls in signal.yield(urls); signal.finish() }) }
        for await _ in ready { break }
        return RunningFleet(server: server, serving: serving)
    }

    var endpoints: [AgentEndpoint] { server.endpoints }

    /// `http://127.0.0.1:PORT/` of the agent with this name.
    func base(_ name: String) -> String {
        endpoints.first { $0.personality.name == name }?.baseURL ?? "http://127.0.0.1:1/"
    }

    func stop() async {
        await server.closeAllStreams()
        serving.cancel()
        _ = try? await serving.value
    }
}

/// A tiny agent that only follows directives, in a chosen dialect.
func directedAgent(_ name: String, _ dialect: Dialect, availability: Availability = .always) -> Personality {
    var p = Personality(name: name, description: "test agent", dialect: dialect,
                        skills: [Skill(id: "work", name: "Work", description: "d", tags: ["t"], examples: ["steps=2"])]) { request in
        Plan.directed(request)
    }
    p.availability = availability
    return p
}

/// Runs `body` against a fleet served in-process, and always stops the fleet afterwards.
func withFleet(_ personalities: [Personality], pingInterval: Double = 15, chaos: Chaos = .none,
               _ body: (RunningFleet) async throws -> Void) async throws {
    let fleet = try await RunningFleet.start(personalities, pingInterval: pingInterval, chaos: chaos)
    do {
        try await body(fleet)
    } catch {
        await fleet.stop()
        throw error
    }
    await fleet.stop()
}
