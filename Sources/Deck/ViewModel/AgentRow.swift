import A2A
import Foundation

/// One line of the agents pane.
public struct AgentRow: Sendable, Hashable {
    public var id: AgentID
    public var name: String
    public var url: String
    public var health: AgentHealth
    public var dialect: Dialect?
    public var activeTasks: Int
    /// Completed over all finished in the health window, 0…1; nil before any task finished in it.
    public var successRate: Double?
    /// Finished tasks still in the task list (any age).
    public var finishedTasks: Int
    /// Card polls and finished tasks over the health window (no durations or skills: those
    /// are in `AgentDetail.metrics`). Poll figures are settled (they move at interval
    /// boundaries); there is no per-poll field here, so an uneventful poll leaves the row equal.
    public var metrics: HealthSummary
    public var cardChanged: Bool
    public var readOnly: Bool
    public var insecure: Bool
    public var streaming: Bool
    public var isSelected: Bool

    /// Per-agent task tallies, gathered in one pass over the tasks. (Success is not counted
    /// here: it is over the health window, see `metrics`.)
    public struct TaskCounts: Sendable, Hashable {
        public var active = 0
        public var finished = 0
        public init() {}
        mutating func add(_ state: TaskState) {
            if state.isActive || state.isInterrupted { active += 1 }
            if state.isTerminal { finished += 1 }
        }
        mutating func remove(_ state: TaskState) {
            if state.isActive || state.isInterrupted { active -= 1 }
            if state.isTerminal { finished -= 1 }
        }
    }

    init(_ entry: AgentEntry, counts: TaskCounts, state: DeckState, now: Date) {
        id = entry.id
        name = entry.displayName
        url = entry.config.url
        health = entry.health
        dialect = entry.dialect
        activeTasks = counts.active
        finishedTasks = counts.finished
        metrics = entry.metrics.summary(now: now, settledPolls: true)
        successRate = metrics.successRate
        cardChanged = entry.cardChanged
        readOnly = state.config.readOnly || entry.config.readOnly  // `isReadOnly`, without looking the agent up again
        insecure = entry.config.insecure
        streaming = entry.supportsStreaming
        isSelected = state.ui.selectedAgent == entry.id
    }
}
