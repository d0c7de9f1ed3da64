import Foundation

/// Keeps the task list bounded: beyond `maxFinishedTasks` terminal tasks, the ones updated longest
/// ago go. Running and interrupted tasks are never dropped, nor the one the operator has selected.
enum Retention {
    /// The keys to drop, oldest first, found by scanning every task: the reference that
    /// `FinishedTaskIndex` (which the update uses, and which does not scan) must agree with.
    static func keysToDrop(_ state: DeckState, keep max: Int, selected: TaskKey?) -> [TaskKey] {
        var finished: [FinishedTaskIndex.Entry] = []
        state.forEachTask { t in
            if t.state.isTerminal, t.key != selected { finished.append(.init(updatedAt: t.updatedAt, key: t.key)) }
        }
        let excess = finished.count - Swift.max(0, max)
        guard excess > 0 else { return [] }
        return finished.sorted(by: FinishedTaskIndex.Entry.isOlder).prefix(excess).map(\.key)
    }
}

/// The finished tasks, oldest first, kept up to date as tasks change (see `noteFinishedState`), so
/// that retention costs O(log n) per finished task instead of a scan and a sort of every task.
struct FinishedTaskIndex: Sendable, Hashable {
    struct Entry: Sendable, Hashable {
        var updatedAt: Date
        var key: TaskKey

        /// Retention's order: least recently updated first; the key breaks ties.
        static func isOlder(_ a: Entry, _ b: Entry) -> Bool {
            if a.updatedAt != b.updatedAt { return a.updatedAt < b.updatedAt }
            if a.key.agentID != b.key.agentID { return a.key.agentID < b.key.agentID }
            return a.key.taskID < b.key.taskID
        }
    }

    /// When each finished task was last updated.
    private var finished: [TaskKey: Date] = [:]
    /// A binary min-heap of entries in `isOlder` order. An entry whose date no longer matches
    /// `finished` is stale (the task changed or went) and is skipped when it comes up.
    private var heap: [Entry] = []

    var count: Int { finished.count }
    /// `tasks.count` when the last update ended: a different count at the start of the next one
    /// means code outside `update` (tests, fixtures) added or removed tasks, and the index rescans.
    var taskCountSeen = 0

    func contains(_ key: TaskKey) -> Bool { finished[key] != nil }

    /// Records that `key` is finished and was last updated at `updatedAt`, or (nil) is not finished.
    mutating func note(_ key: TaskKey, finishedAt updatedAt: Date?) {
        guard finished[key] != updatedAt else { return }
        finished[key] = updatedAt
        if let updatedAt { push(Entry(updatedAt: updatedAt, key: key)) }
        // Stale entries pile up when finished tasks keep changing: rebuild before they dominate.
        if heap.count > 2 * finished.count + 64 { rebuild() }
    }

    /// Takes out the `n` oldest finished tasks, except `spared`; returns their keys, oldest first.
    mutating func removeOldest(_ n: Int, sparing spared: TaskKey?) -> [TaskKey] {
        var out: [TaskKey] = []
        var sparedEntry: Entry?
        while out.count < n, let top = popValid() {
            if top.key == spared {
                sparedEntry = top
            } else {
                finished[top.key] = nil
                out.append(top.key)
            }
        }
        if let sparedEntry { push(sparedEntry) }
        return out
    }

    /// Equal whenever the tasks are: this is a cache of them, not part of the state's meaning.
    static func == (a: FinishedTaskIndex, b: FinishedTaskIndex) -> Bool { true }
    func hash(into hasher: inout Hasher) {}

    // MARK: heap

    private mutating func popValid() -> Entry? {
        while let top = heap.first {
            removeTop()
            if finished[top.key] == top.updatedAt { return top }
        }
        return nil
    }

    private mutating func push(_ entry: Entry) {
        heap.append(entry)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard Entry.isOlder(heap[child], heap[parent]) else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func removeTop() {
        heap.swapAt(0, heap.count - 1)
        heap.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < heap.count, Entry.isOlder(heap[left], heap[smallest]) { smallest = left }
            if right < heap.count, Entry.isOlder(heap[right], heap[smallest]) { smallest = right }
            guard smallest != parent else { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }

    private mutating func rebuild() {
        let entries = finished.map { Entry(updatedAt: $0.value, key: $0.key) }
        heap = []
        heap.reserveCapacity(entries.count)
        for entry in entries.sorted(by: Entry.isOlder) { heap.append(entry) }  // a sorted array is a heap
    }
}

extension DeckState {
    /// Adds (or replaces) a task from outside `update` — fixtures, benchmarks — keeping the
    /// finished-task index in step, so the next update need not rescan every task.
    public mutating func addTask(_ entry: TaskEntry) {
        let changedOutside = taskOrder.tasksChangedOutside
        let added = tasks.updateValue(entry, forKey: entry.key) == nil
        taskOrder.tasksChangedOutside = changedOutside  // marked below: the order index need not rebuild
        noteFinishedState(entry.key)
        if added, finishedTasks.taskCountSeen == tasks.count - 1 { finishedTasks.taskCountSeen = tasks.count }
    }

    /// Rebuilds the index from every task if tasks were added or removed outside `update`.
    mutating func resyncFinishedTasksIfChangedOutside() {
        guard finishedTasks.taskCountSeen != tasks.count else { return }
        finishedTasks = FinishedTaskIndex()
        packing.unpacked = FinishedTaskIndex()
        var index = tasks.values.startIndex
        while index != tasks.values.endIndex {
            let entry = tasks.values[index]
            if entry.state.isTerminal { finishedTasks.note(entry.key, finishedAt: entry.updatedAt) }
            if entry.isUnpackedFinished { packing.unpacked.note(entry.key, finishedAt: entry.updatedAt) }
            tasks.values.formIndex(after: &index)
        }
        finishedTasks.taskCountSeen = tasks.count
        liveArtifacts.forgetStale(tasks)
    }

    /// Tasks not finished: what `DeckConfig.maxTasks` bounds (finished ones have their own bound).
    var unfinishedTaskCount: Int { tasks.count - finishedTasks.count }

    /// Brings the finished-task index up to date with one task (call after anything that may
    /// change a task's state or `updatedAt`, or add or remove it).
    mutating func noteFinishedState(_ key: TaskKey) {
        // The same moments change the pane's order and counts.
        guard let index = tasks.index(forKey: key) else {
            finishedTasks.note(key, finishedAt: nil)
            liveArtifacts.set(key, bytes: 0)
            taskOrder.markChanged(key, nil)
            packing.unpacked.note(key, finishedAt: nil)
            return
        }
        // The key the task is stored under, not the caller's equal one: the indexes keep it for
        // as long as the task is retained, and the caller's may be a string the network thread
        // just decoded (see `TaskKey.freshCopy`).
        let key = tasks.keys[index]
        let entry = tasks.values[index]
        taskOrder.markChanged(key, entry)
        finishedTasks.note(key, finishedAt: entry.state.isTerminal ? entry.updatedAt : nil)
        packing.unpacked.note(key, finishedAt: entry.isUnpackedFinished ? entry.updatedAt : nil)
    }
}

extension TaskEntry {
    /// Finished, with content that `packOldFinishedTasks` has not packed (yet, or again after a
    /// late event unpacked it).
    var isUnpackedFinished: Bool { state.isTerminal && !accumulator.isCompacted }
}
