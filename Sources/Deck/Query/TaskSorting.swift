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

    /// Sorts; ties always break on the key so rows never swap places between frames.
    public static func sorted(
        _ tasks: [TaskEntry], by order: TaskSortOrder, agentNames: [AgentID: String], now: Date
    ) -> [TaskEntry] {
        func tieBreak(_ a: TaskEntry, _ b: TaskEntry) -> Bool {
            if a.updatedAt != b.updatedAt { return a.updatedAt > b.updatedAt }
            if a.key.agentID != b.key.agentID { return a.key.agentID < b.key.agentID }
            return a.key.taskID < b.key.taskID
        }
        return tasks.sorted { a, b in
            switch order {
            case .attention:
                let ra = attentionRank(a.state), rb = attentionRank(b.state)
                if ra != rb { return ra < rb }
            case .updated:
                break
            case .state:
                let ra = lifecycleRank(a.state), rb = lifecycleRank(b.state)
                if ra != rb { return ra < rb }
            case .agent:
                let na = agentNames[a.key.agentID] ?? a.key.agentID.rawValue
                let nb = agentNames[b.key.agentID] ?? b.key.agentID.rawValue
                if na != nb { return na.localizedStandardCompare(nb) == .orderedAscending }
            case .duration:
                let da = a.timeline.totalDuration(now: now), db = b.timeline.totalDuration(now: now)
                if da != db { return da > db }
            }
            return tieBreak(a, b)
        }
    }
}
