import A2A
import Foundation

/// Everything we know about one configured agent. A failed poll never erases what we knew.
///
/// The fields live in one shared, copy-on-write box (as `TaskEntry`'s do): every read out of the
/// agents dictionary copies the entry, and a copy of the fields is some fifty reference counts
/// (config, two cards, the health window); a copy of the box is one. The view model reads all
/// 200 agents every frame. A write copies the box first when another entry still shares it.
public struct AgentEntry: Sendable, Hashable {
    /// The stored fields, plainly.
    struct Fields: Sendable, Hashable {
        var config: AgentConfig
        var card: AgentCard?
        var endpoint: Endpoint?
        var health: AgentHealth = .unknown
        var healthChangedAt: Date?
        var pollLatency: TimeInterval?
        var lastPollAt: Date?
        var lastSeenAt: Date?
        var etag: String?
        var consecutivePollFailures: Int = 0
        var consecutiveCallFailures: Int = 0
        var cardChanged: Bool = false
        var previousCard: AgentCard?
        var cardChangedAt: Date?
        var metrics: AgentMetrics
        var listUnsupported: Bool = false
        var quietListPolls: Int = 0
        var listWatermark = ListWatermark()
    }

    /// Mutated only while uniquely referenced (see `unique`), so sharing it across threads is safe.
    final class Box: @unchecked Sendable {
        @exclusivity(unchecked) var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var box: Box

    /// The box, copied first if another entry shares it.
    private var unique: Box {
        mutating get {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
            return box
        }
    }

    /// The agent as configured.
    public var config: AgentConfig {
        get { box.fields.config }
        _modify { yield &unique.fields.config }
    }
    /// The latest card successfully read; kept across failed polls.
    public var card: AgentCard? {
        get { box.fields.card }
        _modify { yield &unique.fields.card }
    }
    /// The endpoint the runtime chose from the card (and corrected by its fallback ladder).
    public var endpoint: Endpoint? {
        get { box.fields.endpoint }
        _modify { yield &unique.fields.endpoint }
    }
    public var health: AgentHealth {
        get { box.fields.health }
        _modify { yield &unique.fields.health }
    }
    /// When `health` last changed kind (up, degraded, down…; a new reason of the same kind
    /// does not count): the agent detail shows it rather than the time of the last read.
    public var healthChangedAt: Date? {
        get { box.fields.healthChangedAt }
        _modify { yield &unique.fields.healthChangedAt }
    }
    /// How long the last card poll took.
    public var pollLatency: TimeInterval? {
        get { box.fields.pollLatency }
        _modify { yield &unique.fields.pollLatency }
    }
    public var lastPollAt: Date? {
        get { box.fields.lastPollAt }
        _modify { yield &unique.fields.lastPollAt }
    }
    /// When the card was last read successfully (a 200 or a 304).
    public var lastSeenAt: Date? {
        get { box.fields.lastSeenAt }
        _modify { yield &unique.fields.lastSeenAt }
    }
    public var etag: String? {
        get { box.fields.etag }
        _modify { yield &unique.fields.etag }
    }
    public var consecutivePollFailures: Int {
        get { box.fields.consecutivePollFailures }
        _modify { yield &unique.fields.consecutivePollFailures }
    }
    /// Calls (not polls) that failed in a row; a run of them marks the agent degraded.
    public var consecutiveCallFailures: Int {
        get { box.fields.consecutiveCallFailures }
        _modify { yield &unique.fields.consecutiveCallFailures }
    }
    /// The card changed since the operator last looked; `previousCard` is the card they last
    /// saw (kept across several changes, so the diff shows everything that changed since).
    public var cardChanged: Bool {
        get { box.fields.cardChanged }
        _modify { yield &unique.fields.cardChanged }
    }
    public var previousCard: AgentCard? {
        get { box.fields.previousCard }
        _modify { yield &unique.fields.previousCard }
    }
    /// When the card last changed.
    public var cardChangedAt: Date? {
        get { box.fields.cardChangedAt }
        _modify { yield &unique.fields.cardChangedAt }
    }
    /// Card polls and finished tasks over the rolling window.
    public var metrics: AgentMetrics {
        get { box.fields.metrics }
        _modify { yield &unique.fields.metrics }
    }
    /// ListTasks is not offered (method not found): stop asking.
    public var listUnsupported: Bool {
        get { box.fields.listUnsupported }
        _modify { yield &unique.fields.listUnsupported }
    }
    /// ListTasks answers in a row that listed no active task: discovery backs off while it
    /// stays quiet (see `DeckState.listPollDelay`).
    public var quietListPolls: Int {
        get { box.fields.quietListPolls }
        _modify { yield &unique.fields.quietListPolls }
    }
    /// How far discovery has listed this agent's tasks (see `ListWatermark`).
    public var listWatermark: ListWatermark {
        get { box.fields.listWatermark }
        _modify { yield &unique.fields.listWatermark }
    }

    public init(config: AgentConfig, healthWindow: HealthWindowShape = .standard) {
        box = Box(Fields(config: config, metrics: AgentMetrics(shape: healthWindow)))
    }

    public static func == (a: AgentEntry, b: AgentEntry) -> Bool { a.box === b.box || a.box.fields == b.box.fields }
    public func hash(into hasher: inout Hasher) { box.fields.hash(into: &hasher) }

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
