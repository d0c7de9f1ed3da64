import A2A
import Foundation

/// Orders of the tasks pane.
public enum TaskSortOrder: Sendable, Hashable, CaseIterable {
    /// Tasks waiting on a human first (input-required, auth-required, then failed/rejected), then
    /// running ones, then the rest; most recently updated first within each group.
    case attention
    case updated
    case state
    case agent
    /// Longest running first.
    case duration

    public var name: String {
        switch self {
        case .attention: "attention"
        case .updated: "updated"
        case .state: "state"
        case .agent: "agent"
        case .duration: "duration"
        }
    }

    public init?(name: String) {
        guard let order = Self.allCases.first(where: { $0.name == name.lowercased() }) else { return nil }
        self = order
    }

    public var next: TaskSortOrder {
        let all = Self.allCases
        let i = all.firstIndex(of: self) ?? 0
        return all[(i + 1) % all.count]
    }
}

public enum TaskSorting {
    /// Lower ranks first in attention order.
    public static func attentionRank(_ state: TaskState) -> Int {
        switch state {
        case .inputRequired, .authRequired: 0
        case .failed, .rejected: 1
        case .working, .submitted: 2
        case .unknown, .unrecognized: 3
        case .completed, .canceled: 4
        }
    }

    /// Lifecycle order for the `state` sort.
    static func lifecycleRank(_ state: TaskState) -> Int {
        switch state {
        case .submitted: 0
        case .working: 1
        case .inputRequired: 2
        case .authRequired: 3
        case .failed: 4
        case .rejected: 5
        case .canceled: 6
        case .completed: 7
        case .unknown: 8
        case .unrecognized: 9
        }
    }

    /// What a row is ordered by, read once per row (comparing whole `TaskEntry` values, a task
    /// with its history and artifacts, inside the comparator costs ten times more).
    public struct SortKey: Sendable {
        var primary: Double
        var name: String
        var updatedAt: Date
        public var key: TaskKey
        /// Where the entry sits in the caller's collection.
        public var position: Int
    }

    public static func sortKey(
        _ t: TaskEntry, position: Int, by order: TaskSortOrder, agentNames: [AgentID: String], now: Date
    ) -> SortKey {
        let primary: Double
        var name = ""
        switch order {
        case .attention: primary = Double(attentionRank(t.state))
        case .updated: primary = 0
        case .state: primary = Double(lifecycleRank(t.state))
        case .agent:
            primary = 0
            name = agentNames[t.key.agentID] ?? t.key.agentID.rawValue
        // Longest first: negated so that ascending order works for every field.
        case .duration: primary = -t.timeline.totalDuration(now: now)
        }
        return SortKey(primary: primary, name: name, updatedAt: t.updatedAt, key: t.key, position: position)
    }

    /// Orders sort keys; ties always break on the task key so rows never swap places between frames.
    public static func ordered(_ keys: [SortKey]) -> [SortKey] {
        keys.sorted(by: areInIncreasingOrder)
    }

    /// The pane's order: a strict total order (the task key breaks every tie).
    public static func areInIncreasingOrder(_ a: SortKey, _ b: SortKey) -> Bool {
        if a.primary != b.primary { return a.primary < b.primary }
        if a.name != b.name { return a.name.localizedStandardCompare(b.name) == .orderedAscending }
        if a.updatedAt != b.updatedAt { return a.updatedAt > b.updatedAt }
        if a.key.agentID != b.key.agentID { return a.key.agentID < b.key.agentID }
        return a.key.taskID < b.key.taskID
    }

    public static func sorted(
        _ tasks: [TaskEntry], by order: TaskSortOrder, agentNames: [AgentID: String], now: Date
    ) -> [TaskEntry] {
        let keys = tasks.indices.map { sortKey(tasks[$0], position: $0, by: order, agentNames: agentNames, now: now) }
        return ordered(keys).map { tasks[$0.position] }
    }
}
