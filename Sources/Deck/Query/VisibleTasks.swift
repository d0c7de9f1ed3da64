import Foundation

/// A slice of the tasks pane's rows: how many rows there are in all, where the selection sits,
/// and the keys of rows `start ..< start + keys.count`, in order.
public struct TaskWindow: Sendable, Hashable {
    public var total: Int
    /// The selected task's row, when the filter and scope let it show.
    public var selectedIndex: Int?
    public var start: Int
    public var keys: [TaskKey]
}

extension DeckState {
    /// The tasks pane's rows, in order: scoped to one agent if chosen, filtered, sorted.
    /// Works on keys and reads entries in place; only the caller decides what to copy out.
    public func visibleTaskKeys(now: Date) -> [TaskKey] {
        matchingSortKeys(now: now).keys.sorted(by: TaskSorting.areInIncreasingOrder).map(\.key)
    }

    /// The rows within `reach` of the selection (or, with none, of the scroll offset), without
    /// sorting the rest: a frame over 10,000 tasks orders only the few dozen it can show.
    /// `visiting` sees every task on the way (one pass over 10,000 tasks is what a frame costs;
    /// the view model counts tasks per state and per agent in the same pass).
    public func visibleTaskWindow(reach: Int, now: Date, visiting visit: (TaskEntry) -> Void = { _ in }) -> TaskWindow {
        var (keys, selected) = matchingSortKeys(now: now, visiting: visit)
        let less = TaskSorting.areInIncreasingOrder
        let selectedIndex = selected.map { s in keys.reduce(0) { less($1, s) ? $0 + 1 : $0 } }
        let anchor = selectedIndex ?? min(max(0, ui.scrollOffset(.tasks)), max(0, keys.count - 1))
        let reach = min(max(0, reach), keys.count)
        let window = max(0, anchor - reach)..<min(keys.count, anchor + reach + 1)
        keys.partiallySort(window, by: less)
        return TaskWindow(total: keys.count, selectedIndex: selectedIndex, start: window.lowerBound, keys: keys[window].map(\.key))
    }

    /// Sort keys of the tasks the scope and filter let through (unordered), and the selected
    /// task's, when it is among them.
    func matchingSortKeys(now: Date, visiting visit: (TaskEntry) -> Void = { _ in }) -> (keys: [TaskSorting.SortKey], selected: TaskSorting.SortKey?) {
        var names: [AgentID: String] = [:]
        for (id, a) in agents { names[id] = a.displayName }
        let matches = ui.filter.matcher()
        // Only a text filter looks at the agent's name: skip a hash lookup per task without one.
        let filterReadsNames = ui.filter.pattern != nil
        let scope = ui.agentScope
        let order = ui.sort
        let selectedIndex = ui.selectedTask.flatMap { tasks.index(forKey: $0) }
        var keys: [TaskSorting.SortKey] = []
        keys.reserveCapacity(tasks.count)
        var selected: TaskSorting.SortKey?
        var index = tasks.values.startIndex
        var position = 0
        while index != tasks.values.endIndex {
            // Read once: every read out of a dictionary is a copy (cheap, see TaskEntry, but not free).
            let entry = tasks.values[index]
            visit(entry)
            let agent = entry.agentID
            if scope == nil || scope == agent, matches(entry, filterReadsNames ? names[agent] ?? agent.rawValue : "") {
                let key = TaskSorting.sortKey(entry, position: position, by: order, agentNames: names, now: now)
                keys.append(key)
                if index == selectedIndex { selected = key }
            }
            tasks.values.formIndex(after: &index)
            position += 1
        }
        return (keys, selected)
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

extension DeckState {
    /// The tasks pane's window and the task counts, from the order index (see `TaskOrderIndex`)
    /// when it serves the current sort, filter and scope; nil otherwise (then `visibleTaskWindow`
    /// computes the same from every task). Reads no task at all: the caller reads the rows shown.
    func indexedTaskPane(reach: Int) -> (window: TaskWindow, counts: TaskOrderIndex.Counts)? {
        guard taskOrder.serves(ui) else { return nil }
        let window = taskOrder.window(total: tasks.count, selected: ui.selectedTask, scrollOffset: ui.scrollOffset(.tasks), reach: reach)
        return (window, taskOrder.counts)
    }
}
