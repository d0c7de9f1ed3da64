import ArgumentParser

/// `agentdeck [AGENT_URL ...]`: the live console.
struct DashboardCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Open the live console on agents from the command line and the config.")

    @Argument(help: "Agent base URLs or card URLs (added to those in the config).")
    var agentURLs: [String] = []

    @Option(help: "Config file (default $XDG_CONFIG_HOME/agentdeck/config.yaml).")
    var config: String?

    @Flag(name: .customLong("read-only"), help: "Monitoring only: nothing can be sent, replied or canceled.")
    var readOnly = false

    @Option(help: "Theme name (see themes/).")
    var theme: String?

    func run() async throws {
        throw CLIFailure("the dashboard is not available in this build yet; use card/send/get/cancel/tasks")
    }
}
