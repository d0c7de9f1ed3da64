import Foundation
import Wire

/// What the YAML config says (`--config FILE`, default `$XDG_CONFIG_HOME/agentdeck/config.yaml`).
/// Secrets are never literals here: auth names the environment variables that hold them.
public struct ConsoleConfig: Sendable, Equatable {
    public var agents: [ConsoleAgent] = []
    /// Seconds between card polls.
    public var pollInterval: Double = 5
    public var theme: String?
    /// Forces the whole console read-only.
    public var readOnly: Bool = false
    /// How many finished tasks to keep in memory.
    public var retainFinishedTasks: Int = 2000
    /// The event journal (`journal:`); on by default.
    public var journal = JournalSettings()
    /// Where the file came from, for messages.
    public var sourcePath: String?

    public init() {}
}

public struct ConsoleAgent: Sendable, Equatable {
    /// Base URL of the agent, or the card URL itself when it ends in `.json`.
    public var url: String
    public var name: String?
    public var readOnly: Bool = false
    /// Skip TLS verification for this agent only (shown on its row).
    public var insecure: Bool = false
    public var auth: AuthConfig = AuthConfig()

    public init(url: String, name: String? = nil, readOnly: Bool = false, insecure: Bool = false, auth: AuthConfig = AuthConfig()) {
        self.url = url
        self.name = name
        self.readOnly = readOnly
        self.insecure = insecure
        self.auth = auth
    }
}

