import ArgumentParser
import Wire

/// `agentdeck`: the dashboard by default, and one subcommand per scriptable action.
public struct AgentDeckCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "agentdeck",
        abstract: "A terminal operator console for fleets of A2A agents (A2A 1.0, 0.3 and 0.1).",
        subcommands: [DashboardCommand.self, CardCommand.self, SendCommand.self, GetCommand.self, CancelCommand.self,
                      TasksCommand.self, WatchCommand.self, ReplayCommand.self, InfoCommand.self],
        defaultSubcommand: DashboardCommand.self)
    public init() {}
}

/// Options every agent-talking subcommand shares: how to reach and authenticate to the agent.
/// Secrets come from environment variables named here, never from the command line itself.
struct ConnectionOptions: ParsableArguments {
    @Option(name: .customLong("bearer-env"), help: "Send 'Authorization: Bearer $VAR' (give the variable's NAME).")
    var bearerEnv: String?

    @Option(name: .customLong("api-key-env"), help: "Send an API key from this environment variable.")
    var apiKeyEnv: String?

    @Option(name: .customLong("api-key-header"), help: "Header for --api-key-env (default X-API-Key).")
    var apiKeyHeader: String?

    @Option(name: .customLong("header-env"), help: "Extra header from a variable: NAME=VAR (repeatable).")
    var headerEnv: [String] = []

    @Flag(help: "Skip TLS certificate verification for this agent.")
    var insecure = false

    @Option(help: "Seconds to wait for a non-streaming answer (a card fetch waits at most 10).")
    var timeout: Double = 30

    @Option(name: .customLong("idle-timeout"), help: "Seconds a stream may go without an event or keep-alive.")
    var idleTimeout: Double = 45

    func authConfig() throws -> AuthConfig {
        var spec = AuthConfig(bearerTokenEnv: bearerEnv, apiKeyHeader: apiKeyEnv == nil ? nil : (apiKeyHeader ?? "X-API-Key"), apiKeyEnv: apiKeyEnv)
        for pair in headerEnv {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw ValidationError("--header-env takes NAME=VARIABLE, got '\(pair)'")
            }
            spec.headersFromEnv[parts[0]] = parts[1]
        }
        return spec
    }
}
