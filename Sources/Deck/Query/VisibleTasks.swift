import Foundation

extension DeckState {
    /// The tasks pane's rows: scoped to one agent if chosen, filtered, sorted.
    public func visibleTasks(now: Date) -> [TaskEntry] {
        var names: [AgentID: String] = [:]
        for (id, a) in agents { names[id] = a.displayName }
        let matches = ui.filter.matcher()
        let rows = tasks.values.filter { entry in
            if let scope = ui.agentScope, entry.key.agentID != scope { return false }
            return matches(entry, names[entry.key.agentID] ?? entry.key.agentID.rawValue)
        }
        return TaskSorting.sorted(rows, by: ui.sort, agentNames: names, now: now)
    }
}
