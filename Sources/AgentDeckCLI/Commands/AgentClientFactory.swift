import A2A
import Foundation
import Wire

/// Builds the client for a one-shot command, resolving credentials from the environment.
enum AgentClientFactory {
    static func make(url: String, connection: ConnectionOptions, readOnly: Bool) throws -> AgentClient {
        guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
            throw CLIFailure("'\(url)' is not an http:// or https:// URL")
        }
        for (name, seconds) in [("--timeout", connection.timeout), ("--idle-timeout", connection.idleTimeout)]
        where !(seconds.isFinite && seconds > 0) {
            throw CLIFailure("\(name) takes a positive number of seconds")
        }
        let headers: [HTTPHeader]
        switch try connection.authConfig().resolve(environment: ProcessInfo.processInfo.environment) {
        case .success(let h): headers = h
        case .failure(let problem): throw CLIFailure(problem.description)
        }
        let target = AgentTarget(
            url: url, authHeaders: headers.map { HeaderField($0.name, $0.value) },
            insecure: connection.insecure, readOnly: readOnly,
            requestTimeout: connection.timeout, streamIdleTimeout: connection.idleTimeout)
        return AgentClient(target: target, engine: sharedEngine)
    }
}

extension AgentClient {
    /// Discovery or one clear error line.
    func discoverOrFail() async throws -> AgentDiscovery {
        switch await discover() {
        case .success(let d): return d
        case .failure(let e): throw CLIFailure(Redactor(secrets: target.secrets).redact("\(target.url): \(e.summary)"))
        }
    }

    func callOrFail(_ request: A2ARequest) async throws -> A2AResult {
        switch await call(request) {
        case .success(let r): return r
        case .failure(let e): throw CLIFailure(e.summary)
        }
    }
}

extension A2AResult {
    func task(or method: String) throws -> A2ATask {
        guard case .task(let t) = self else { throw CLIFailure("agent answered \(method) with something other than a task") }
        return t
    }
}

/// One network thread for the whole process.
let sharedEngine = HTTPEngine()
