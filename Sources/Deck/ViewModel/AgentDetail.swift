import A2A
import Foundation

/// Everything the detail pane shows about the selected agent.
public struct AgentDetail: Sendable, Hashable {
    public var row: AgentRow
    public var card: AgentCard?
    public var endpoint: Endpoint?
    /// Why it is not simply up.
    public var healthReason: String?
    public var lastSeenAt: Date?
    public var etag: String?
    public var consecutivePollFailures: Int
    public var consecutiveCallFailures: Int
    /// ListTasks discovery is off for this agent (it does not offer it).
    public var listUnsupported: Bool
    /// Field changes since the previous card, while the change is unseen.
    public var cardChanges: [CardFieldChange]
    /// When the card last changed (seen or not).
    public var cardChangedAt: Date?
    /// The full health window: latency, throughput, durations, skills, pulses.
    public var metrics: HealthSummary

    init(_ entry: AgentEntry, row: AgentRow, now: Date) {
        self.row = row
        card = entry.card
        endpoint = entry.endpoint
        healthReason = entry.health.reason
        lastSeenAt = entry.lastSeenAt
        etag = entry.etag
        consecutivePollFailures = entry.consecutivePollFailures
        consecutiveCallFailures = entry.consecutiveCallFailures
        listUnsupported = entry.listUnsupported
        cardChangedAt = entry.cardChangedAt
        metrics = entry.metrics.summary(now: now, detailed: true)
        if entry.cardChanged, let old = entry.previousCard, let new = entry.card {
            cardChanges = CardDiff.diff(old, new)
        } else {
            cardChanges = []
        }
    }
}
