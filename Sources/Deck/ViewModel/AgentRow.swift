import A2A
import Foundation

/// One line of the agents pane.
public struct AgentRow: Sendable, Hashable {
    public var id: AgentID
    public var name: String
    public var url: String
    public var health: AgentHealth
    public var dialect: Dialect?
    public var pollLatency: TimeInterval?
    public var lastPollAt: Date?
    public var activeTasks: Int
    /// Completed / all terminal, 0…1; nil before any task finished.
    public var successRate: Double?
    public var finishedTasks: Int
    public var cardChanged: Bool
    public var readOnly: Bool
    public var insecure: Bool
    public var streaming: Bool
    public var isSelected: Bool

    init(_ entry: AgentEntry, tasks: [TaskEntry], state: DeckState) {
        id = entry.id
        name = entry.displayName
        url = entry.config.url
        health = entry.health
        dialect = entry.dialect
        pollLatency = entry.pollLatency
        lastPollAt = entry.lastPollAt
        activeTasks = tasks.filter { $0.state.isActive || $0.state.isInterrupted }.count
        let finished = tasks.filter { $0.state.isTerminal }
        finishedTasks = finished.count
        successRate = finished.isEmpty ? nil : Double(finished.filter { $0.state == .completed }.count) / Double(finished.count)
        cardChanged = entry.cardChanged
        readOnly = state.isReadOnly(entry.id)
        insecure = entry.config.insecure
        streaming = entry.supportsStreaming
        isSelected = state.ui.selectedAgent == entry.id
    }
}
