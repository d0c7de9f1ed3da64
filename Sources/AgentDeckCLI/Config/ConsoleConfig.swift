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
    /// Megabytes of artifacts all running tasks may hold together before later chunks are
    /// dropped, marked truncated (`DeckConfig.liveArtifactByteLimit`).
    public var runningArtifactMegabytes: Int = 16
    /// Fleet health (latency, success, pulses) covers this many seconds, in `healthInterval` steps.
    public var healthWindow: Double = 900
    public var healthInterval: Double = 30
    /// Key bindings that replace the standard ones, by action name (`cycle-sort: [o, F6]`).
    /// Checked when the file is read, so a bad one is reported with its line.
    public var keys: [String: [String]] = [:]
    /// Click to select and focus, wheel to scroll. Off by default: it takes the terminal's own
    /// text selection away.
    public var mouse: Bool = false
    /// Where `s` saves artifacts (default `$XDG_DATA_HOME/agentdeck/artifacts`).
    public var saveDirectory: String?
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

