import A2A

/// The numbers across the top: agents up/down, tasks per state.
public struct HeaderSummary: Sendable, Hashable {
    public var agentsTotal: Int
    public var agentsUp: Int
    public var agentsDegraded: Int
    public var agentsDown: Int
    /// Agents whose card changed since the operator last opened them.
    public var cardsChanged: Int
    /// States in lifecycle order, only those with tasks.
    public var tasksByState: [StateCount]
    public var tasksTotal: Int
    /// How many tasks wait on a human.
    public var attention: Int
    public var readOnly: Bool
    /// Throughput and success across the fleet over the health window (set with the agent rows).
    public var fleet: FleetHealth?

    public struct StateCount: Sendable, Hashable {
        public var state: TaskState
        public var count: Int
    }

    public init(_ state: DeckState) {
        var counts: [TaskState: Int] = [:]
        state.forEachTask { t in counts[t.state, default: 0] += 1 }
        self.init(state, tasksByState: counts)
    }

    /// With the tasks already counted per state (the view model counts them in its own pass).
    init(_ state: DeckState, tasksByState counts: [TaskState: Int]) {
        self.init(state, agents: state.orderedAgents.map { (health: $0.health, cardChanged: $0.cardChanged) }, tasksByState: counts)
    }

    /// With the agents' health and card flags already read (the view model has them in its rows:
    /// reading them again from `state` would copy every agent entry a second time).
    init(_ state: DeckState, agents: [(health: AgentHealth, cardChanged: Bool)], tasksByState counts: [TaskState: Int]) {
        agentsTotal = agents.count
        agentsUp = agents.filter { $0.health.isUp }.count
        agentsDegraded = agents.filter { if case .degraded = $0.health { true } else { false } }.count
        agentsDown = agents.filter { $0.health.isDown }.count
        cardsChanged = agents.filter { $0.cardChanged }.count
        tasksByState = counts.map { StateCount(state: $0.key, count: $0.value) }
            .sorted { TaskSorting.lifecycleRank($0.state) < TaskSorting.lifecycleRank($1.state) || (TaskSorting.lifecycleRank($0.state) == TaskSorting.lifecycleRank($1.state) && $0.state.name < $1.state.name) }
        tasksTotal = state.tasks.count
        attention = counts.reduce(0) { $0 + ($1.key.needsAttention ? $1.value : 0) }
        readOnly = state.config.readOnly
    }

    public func count(_ state: TaskState) -> Int { tasksByState.first { $0.state == state }?.count ?? 0 }
}
