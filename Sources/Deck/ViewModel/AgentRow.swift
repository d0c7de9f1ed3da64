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

    /// Per-agent task tallies, gathered in one pass over the tasks.
    public struct TaskCounts: Sendable, Hashable {
        public var active = 0
        public var finished = 0
        public var completed = 0
        public init() {}
        mutating func add(_ state: TaskState) {
            if state.isActive || state.isInterrupted { active += 1 }
            if state.isTerminal { finished += 1 }
            if state == .completed { completed += 1 }
        }
    }

    init(_ entry: AgentEntry, counts: TaskCounts, state: DeckState) {
        id = entry.id
        name = entry.displayName
        url = entry.config.url
        health = entry.health
        dialect = entry.dialect
        pollLatency = entry.pollLatency
        lastPollAt = entry.lastPollAt
        activeTasks = counts.active
        finishedTasks = counts.finished
        successRate = counts.finished == 0 ? nil : Double(counts.completed) / Double(counts.finished)
        cardChanged = entry.cardChanged
        readOnly = state.isReadOnly(entry.id)
        insecure = entry.config.insecure
        streaming = entry.supportsStreaming
        isSelected = state.ui.selectedAgent == entry.id
    }
}
