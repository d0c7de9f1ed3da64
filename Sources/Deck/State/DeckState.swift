import A2A
import Foundation

/// The whole dashboard as a value. `update(_:now:)` is the only thing that changes it.
public struct DeckState: Sendable, Hashable {
    public var config: DeckConfig
    /// Config order, then agents added at run time: the agents pane lists them in it.
    public internal(set) var agentOrder: [AgentID]
    public var agents: [AgentID: AgentEntry]
    public var tasks: [TaskKey: TaskEntry] = [:] {
        // Any write, from anywhere: `update` clears the flag as it ends, so a flag still set at
        // the next frame or update means tasks changed without `update` marking them.
        didSet { taskOrder.tasksChangedOutside = true }
    }
    /// Requests and streams in flight, by tag.
    public var requests = PendingRequests()
    /// When each pending timer fires.
    public var deadlines: [Deadline: Date] = [:]
    public var ui = UIState()
    /// The key map before read-only removals.
    public var baseKeyMap: KeyMap
    /// Seeded source of message ids, placeholder ids and jitter.
    public var ids: IDGenerator
    /// A task finished since retention last ran (retention is skipped otherwise: it scans every task).
    var taskFinishedSinceRetention = false
    /// The finished tasks, oldest first, for retention (kept up to date by `noteFinishedState`).
    var finishedTasks = FinishedTaskIndex()
    /// The tasks pane's order and the task counts, for the view (kept up to date by `update`).
    var taskOrder = TaskOrderIndex()
    /// The finished tasks not packed yet, oldest first (see `packOldFinishedTasks`).
    var packing = FinishedTaskPacking()
    /// Artifact bytes of running tasks, against `DeckConfig.liveArtifactByteLimit`.
    var liveArtifacts = LiveArtifactBudget()
    /// Tasks listed by the ListTasks answers applied (see `listedTasksApplied`).
    var listedTasks = StatisticCount()
    var nextTagValue: UInt64 = 1
    var nextPlaceholder = 1
    /// Numbers the ids of agents added at run time (`a07`); never reused, so a late answer for a
    /// removed agent cannot land on a new one.
    var nextAgentNumber = 1

    public init(config: DeckConfig, keyMap: KeyMap = .standard) {
        self.config = config
        self.baseKeyMap = keyMap
        self.ids = IDGenerator(seed: config.seed)
        var order: [AgentID] = []
        var agents: [AgentID: AgentEntry] = [:]
        // Duplicate ids in a config would make two agents one: the later one is ignored.
        for a in config.agents where agents[a.id] == nil {
            order.append(a.id)
            agents[a.id] = AgentEntry(config: a, healthWindow: config.healthWindowShape)
        }
        self.agentOrder = order
        self.agents = agents
        self.nextAgentNumber = config.agents.count + 1
        self.ui.selectedAgent = order.first
    }

    /// The earliest timer: the runtime may sleep until then (or until input arrives).
    public var nextDeadline: Date? {
        let statusExpiry = ui.status?.expiresAt
        return ([statusExpiry].compactMap { $0 } + deadlines.values).min()
    }

    /// Nothing mutating may be sent to this agent.
    public func isReadOnly(_ agent: AgentID) -> Bool {
        config.readOnly || (agents[agent]?.config.readOnly ?? true)
    }

    /// Every agent is read-only: the dispatch key disappears too.
    public var isFullyReadOnly: Bool { agentOrder.allSatisfy(isReadOnly) }

    /// The key map in force now: mutating actions are absent in read-only mode, and reply/cancel
    /// are absent while the selected task belongs to a read-only agent.
    public var effectiveKeyMap: KeyMap {
        if isFullyReadOnly { return baseKeyMap.readOnly }
        guard let task = ui.selectedTask, isReadOnly(task.agentID) else { return baseKeyMap }
        return baseKeyMap.removing { $0 == .reply || $0 == .cancel }
    }

    public var selectedTaskEntry: TaskEntry? { ui.selectedTask.flatMap { tasks[$0] } }
    public var selectedAgentEntry: AgentEntry? { ui.selectedAgent.flatMap { agents[$0] } }

    public var orderedAgents: [AgentEntry] { agentOrder.compactMap { agents[$0] } }

    mutating func makeTag() -> RequestTag {
        defer { nextTagValue += 1 }
        return RequestTag(nextTagValue)
    }

    mutating func makePlaceholderID() -> String {
        defer { nextPlaceholder += 1 }
        return "pending-\(nextPlaceholder)"
    }
}
