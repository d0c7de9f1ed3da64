import Foundation

/// Keeps the task list bounded: beyond `maxFinishedTasks` terminal tasks, the ones updated longest
/// ago go. Running and interrupted tasks are never dropped, nor the one the operator has selected.
enum Retention {
    /// The keys to drop, oldest first.
    static func keysToDrop(_ tasks: [TaskKey: TaskEntry], keep max: Int, selected: TaskKey?) -> [TaskKey] {
        // Only what the order needs, not whole entries (copying entries costs a retain per field).
        var finished: [(updatedAt: Date, key: TaskKey)] = []
        for (key, entry) in tasks where entry.state.isTerminal && key != selected {
            finished.append((entry.updatedAt, key))
        }
        let excess = finished.count - Swift.max(0, max)
        guard excess > 0 else { return [] }
        finished.sort { a, b in
            if a.updatedAt != b.updatedAt { return a.updatedAt < b.updatedAt }
            if a.key.agentID != b.key.agentID { return a.key.agentID < b.key.agentID }
            return a.key.taskID < b.key.taskID
        }
        return finished.prefix(excess).map(\.key)
    }
}
