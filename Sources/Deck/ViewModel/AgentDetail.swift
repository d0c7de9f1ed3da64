import A2A
import Foundation

/// Everything the detail pane shows about the selected agent: its row, the card as last read
/// (kept across failed polls), the endpoint in use and what changed in the card.
public struct AgentDetail: Sendable, Hashable {
    public var row: AgentRow
    public var card: AgentCard?
    /// The interface the runtime talks to (nil before a usable card).
    public var endpoint: Endpoint?
    /// When the card was last read successfully.
    public var lastSeenAt: Date?
    public var consecutivePollFailures: Int
    /// Field-level card changes since the operator last looked (empty when none).
    public var cardChanges: [CardFieldChange]

    init(_ entry: AgentEntry, row: AgentRow, cardChanges: [CardFieldChange]) {
        self.row = row
        card = entry.card
        endpoint = entry.endpoint
        lastSeenAt = entry.lastSeenAt
        consecutivePollFailures = entry.consecutivePollFailures
        self.cardChanges = cardChanges
    }
}
