import A2A
import Foundation

/// Everything the detail pane shows about the selected agent.
public struct AgentDetail: Sendable, Hashable {
    public var row: AgentRow
    public var card: AgentCard?
    public var endpoint: Endpoint?
    /// Why it is not simply up.
    public var healthReason: String?
    /// How often the card is polled.
    public var pollInterval: TimeInterval
    /// When the agent last changed: its health (up, down, degraded…) or its card. Not when it
    /// was last read: an uneventful poll must leave the pane as it was.
    public var lastChangeAt: Date?
    public var etag: String?
    public var consecutivePollFailures: Int
    public var consecutiveCallFailures: Int
    /// ListTasks discovery is off for this agent (it does not offer it).
    public var listUnsupported: Bool
    /// Field changes since the previous card, while the change is unseen.
    public var cardChanges: [CardFieldChange]
    /// When the card last changed (seen or not).
    public var cardChangedAt: Date?
    /// The full health window: latency, throughput, durations, skills, pulses (poll figures
    /// settled at interval boundaries).
    public var metrics: HealthSummary

    init(_ entry: AgentEntry, row: AgentRow, pollInterval: TimeInterval, now: Date) {
        self.row = row
        card = entry.card
        endpoint = entry.endpoint
        healthReason = entry.health.reason
        self.pollInterval = pollInterval
        lastChangeAt = [entry.healthChangedAt, entry.cardChangedAt].compactMap { $0 }.max()
        etag = entry.etag
        consecutivePollFailures = entry.consecutivePollFailures
        consecutiveCallFailures = entry.consecutiveCallFailures
        listUnsupported = entry.listUnsupported
        cardChangedAt = entry.cardChangedAt
        metrics = entry.metrics.summary(now: now, detailed: true, settledPolls: true)
        if entry.cardChanged, let old = entry.previousCard, let new = entry.card {
            cardChanges = CardDiff.diff(old, new)
        } else {
            cardChanges = []
        }
    }
}
