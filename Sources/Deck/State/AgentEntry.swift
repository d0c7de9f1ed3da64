import A2A
import Foundation

/// Everything we know about one configured agent. A failed poll never erases what we knew.
public struct AgentEntry: Sendable, Hashable {
    public var config: AgentConfig
    /// The latest card successfully read; kept across failed polls.
    public var card: AgentCard?
    /// The endpoint the runtime chose from the card (and corrected by its fallback ladder).
    public var endpoint: Endpoint?
    public var health: AgentHealth = .unknown
    /// When `health` last changed kind (up, degraded, down…; a new reason of the same kind
    /// does not count): the agent detail shows it rather than the time of the last read.
    public var healthChangedAt: Date?
    /// How long the last card poll took.
    public var pollLatency: TimeInterval?
    public var lastPollAt: Date?
    /// When the card was last read successfully (a 200 or a 304).
    public var lastSeenAt: Date?
    public var etag: String?
    public var consecutivePollFailures = 0
    /// Calls (not polls) that failed in a row; a run of them marks the agent degraded.
    public var consecutiveCallFailures = 0
    /// The card changed since the operator last looked; `previousCard` is the card they last
    /// saw (kept across several changes, so the diff shows everything that changed since).
    public var cardChanged = false
    public var previousCard: AgentCard?
    /// When the card last changed.
    public var cardChangedAt: Date?
    /// Card polls and finished tasks over the rolling window.
    public var metrics: AgentMetrics
    /// ListTasks is not offered (method not found): stop asking.
    public var listUnsupported = false
    /// ListTasks answers in a row that listed no active task: discovery backs off while it
    /// stays quiet (see `DeckState.listPollDelay`).
    public var quietListPolls = 0

    public init(config: AgentConfig, healthWindow: HealthWindowShape = .standard) {
        self.config = config
        metrics = AgentMetrics(shape: healthWindow)
    }

    public var id: AgentID { config.id }

    /// Sets the health, noting when it changed kind.
    mutating func setHealth(_ new: AgentHealth, at now: Date) {
        if new.label != health.label { healthChangedAt = now }
        health = new
    }

    /// The configured name, else the card's, else the URL.
    public var displayName: String {
        if let n = config.name, !n.isEmpty { return n }
        if let n = card?.name, !n.isEmpty { return n }
        return config.url
    }

    public var dialect: Dialect? { endpoint?.dialect }

    /// Streaming is only used when the card says so (capabilities.streaming; missing = false).
    public var supportsStreaming: Bool { card?.capabilities.streaming ?? false }

    public var skills: [AgentSkill] { card?.skills ?? [] }
}
