import Foundation

extension DeckState {
    /// The tasks pane's rows, in order: scoped to one agent if chosen, filtered, sorted.
    /// Works on keys and reads entries in place; only the caller decides what to copy out.
    public func visibleTaskKeys(now: Date) -> [TaskKey] {
        var names: [AgentID: String] = [:]
        for (id, a) in agents { names[id] = a.displayName }
        let matches = ui.filter.matcher()
        let scope = ui.agentScope
        let order = ui.sort
        var keys: [TaskSorting.SortKey] = []
        keys.reserveCapacity(tasks.count)
        var index = tasks.values.startIndex
        var position = 0
        while index != tasks.values.endIndex {
            let agent = tasks.values[index].key.agentID
            if scope == nil || scope == agent, matches(tasks.values[index], names[agent] ?? agent.rawValue) {
                keys.append(
                    TaskSorting.sortKey(tasks.values[index], position: position, by: order, agentNames: names, now: now))
            }
            tasks.values.formIndex(after: &index)
            position += 1
        }
        return TaskSorting.ordered(keys).map(\.key)
    }

    /// Calls `body` with every task, read in place (a `for … in tasks.values` loop copies each
    /// entry out, which shows at thousands of tasks).
    public func forEachTask(_ body: (TaskEntry) -> Void) {
        var index = tasks.values.startIndex
        while index != tasks.values.endIndex {
            body(tasks.values[index])
            tasks.values.formIndex(after: &index)
        }
    }

    /// The tasks pane's rows as entries (copies).
    public func visibleTasks(now: Date) -> [TaskEntry] {
        visibleTaskKeys(now: now).compactMap { tasks[$0] }
    }
}
