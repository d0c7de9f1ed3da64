import Foundation

/// What the YAML config says (`--config FILE`, default `$XDG_CONFIG_HOME/agentdeck/config.yaml`).
/// Secrets are never literals here: auth names the environment variables that hold them.
public struct DeckConfig: Sendable, Equatable {
    public var agents: [AgentConfig] = []
    /// Seconds between card polls.
    public var pollInterval: Double = 5
    public var theme: String?
    /// Forces the whole console read-only.
    public var readOnly: Bool = false
    /// How many finished tasks to keep in memory.
    public var retainFinishedTasks: Int = 2000
    /// Where the file came from, for messages.
    public var sourcePath: String?

    public init() {}
}

public struct AgentConfig: Sendable, Equatable {
    /// Base URL of the agent, or the card URL itself when it ends in `.json`.
    public var url: String
    public var name: String?
    public var readOnly: Bool = false
    /// Skip TLS verification for this agent only (shown on its row).
    public var insecure: Bool = false
    public var auth: AuthSpec = AuthSpec()

    public init(url: String, name: String? = nil, readOnly: Bool = false, insecure: Bool = false, auth: AuthSpec = AuthSpec()) {
        self.url = url
        self.name = name
        self.readOnly = readOnly
        self.insecure = insecure
        self.auth = auth
    }
}

/// Credentials by reference: each value is the NAME of an environment variable.
public struct AuthSpec: Sendable, Equatable {
    /// `Authorization: Bearer $VAR`.
    public var bearerTokenEnv: String?
    /// An API key header: header name and the variable holding the key.
    public var apiKeyHeader: String?
    public var apiKeyEnv: String?
    /// Other headers: header name → variable name.
    public var headerEnvs: [String: String] = [:]

    public init(bearerTokenEnv: String? = nil, apiKeyHeader: String? = nil, apiKeyEnv: String? = nil, headerEnvs: [String: String] = [:]) {
        self.bearerTokenEnv = bearerTokenEnv
        self.apiKeyHeader = apiKeyHeader
        self.apiKeyEnv = apiKeyEnv
        self.headerEnvs = headerEnvs
    }

    public var isEmpty: Bool { bearerTokenEnv == nil && apiKeyEnv == nil && headerEnvs.isEmpty }

    /// Resolves the variables into header fields. A variable that is not set is reported by name
    /// (never its value) so the operator knows what to export.
    public func resolve(environment: [String: String]) -> (headers: [(name: String, value: String)], missing: [String]) {
        var headers: [(name: String, value: String)] = []
        var missing: [String] = []
        func lookup(_ variable: String) -> String? {
            if let v = environment[variable], !v.isEmpty { return v }
            missing.append(variable)
            return nil
        }
        if let env = bearerTokenEnv, let token = lookup(env) { headers.append(("Authorization", "Bearer \(token)")) }
        if let env = apiKeyEnv, let key = lookup(env) { headers.append((apiKeyHeader ?? "X-API-Key", key)) }
        for (header, env) in headerEnvs.sorted(by: { $0.key < $1.key }) {
            if let value = lookup(env) { headers.append((header, value)) }
        }
        return (headers, missing)
    }
}
