import Foundation

/// Keeps the task list bounded: beyond `maxFinishedTasks` terminal tasks, the ones updated longest
/// ago go. Running and interrupted tasks are never dropped, nor the one the operator has selected.
enum Retention {
    /// The keys to drop, oldest first.
    static func keysToDrop(_ state: DeckState, keep max: Int, selected: TaskKey?) -> [TaskKey] {
        var finished: [(updatedAt: Date, key: TaskKey)] = []
        state.forEachTask { t in
            if t.state.isTerminal, t.key != selected { finished.append((t.updatedAt, t.key)) }
        }
        let excess = finished.count - Swift.max(0, max)
        guard excess > 0 else { return [] }
        let oldestFirst = finished.sorted { a, b in
            if a.updatedAt != b.updatedAt { return a.updatedAt < b.updatedAt }
            if a.key.agentID != b.key.agentID { return a.key.agentID < b.key.agentID }
            return a.key.taskID < b.key.taskID
        }
        return oldestFirst.prefix(excess).map(\.key)
    }
}
