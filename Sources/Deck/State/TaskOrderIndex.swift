import A2A
import Foundation

/// The tasks pane's order and the per-state and per-agent task counts, kept up to date as tasks
/// change instead of recomputed from every task each frame (10,000 scattered `TaskEntry` boxes
/// cost a frame ~8 ms in cache misses alone).
///
/// `update` marks each task it adds, removes or changes (`markChanged`, with the task as it now
/// is): the counts change at once, and the task's new place waits in `pending`. A frame merges the
/// pending places into the sorted array (`merged`, without mutating the state: O(tasks) over
/// plain numbers); `update` folds them in for good once enough pile up (`settle`). Serves only
/// the default case — no filter, no agent scope, a sort whose key does not move with the clock
/// (`attention`, `updated`, `state`); otherwise the view computes the pane from every task.
///
/// Tasks are numbered by slot, so the sorted array holds plain numbers (no reference counting
/// while merging) and the marks are arrays indexed by slot, not sets.
struct TaskOrderIndex: Sendable, Hashable {
    /// One task's place in the order: what `TaskSorting.areInIncreasingOrder` compares, minus the
    /// name (no supported order uses one), plus the slot that names the task.
    struct Entry: Sendable {
        var primary: Double
        var updatedAt: Date
        /// The task id's first 8 bytes, big-endian, when the whole id is ASCII (then byte order is
        /// `String`'s order): breaks most ties without reading the id from its scattered storage.
        var taskPrefix: UInt64
        var slot: Int32
        var taskIsASCII: Bool
    }

    /// The counts a frame needs: tasks per state (header) and per agent (agent rows).
    struct Counts: Sendable {
        var byState: [TaskState: Int] = [:]
        var byAgent: [AgentID: AgentRow.TaskCounts] = [:]

        mutating func add(_ state: TaskState, of agent: AgentID) {
            byState[state, default: 0] += 1
            byAgent[agent, default: .init()].add(state)
        }

        /// One lookup per dictionary (a state change runs this for every task it moves).
        mutating func remove(_ state: TaskState, of agent: AgentID) {
            if let i = byState.index(forKey: state) {
                if byState.values[i] > 1 { byState.values[i] -= 1 } else { byState.remove(at: i) }
            }
            if let i = byAgent.index(forKey: agent) { byAgent.values[i].remove(state) }
        }
    }

    /// The order `sorted` is in; nil: not built (marks are ignored until `settle` builds it).
    private(set) var order: TaskSortOrder?
    /// Every task as of the last fold, in the pane's order. Entries of marked slots are stale.
    private(set) var sorted: [Entry] = []
    /// Counts of every task as it is now (kept current by `markChanged`).
    private(set) var counts = Counts()
    /// The task each slot names (nil: free).
    private(set) var keys: [TaskKey?] = []
    private var slots: [TaskKey: Int] = [:]
    private var freeSlots: [Int] = []
    /// Each slot's agent, apart from `keys` so that comparing agents does not touch task ids.
    private var agentOfSlot: [AgentID] = []
    /// Each slot's task id prefix (see `Entry.taskPrefix`), computed once per slot.
    private var prefixOfSlot: [(prefix: UInt64, isASCII: Bool)] = []
    /// The state each slot's task is counted under (nil: absent).
    private var stateOfSlot: [TaskState?] = []
    /// Slots marked since the last fold, once each...
    private(set) var markedSlots: [Int] = []
    /// ...and each one's new place (nil: the task is gone), side by side: only the marked slots
    /// have one (an array of places for every slot was 40 bytes a task, ~0.6 MB at 10,000).
    private var pending: [Entry?] = []
    /// Each slot's index in `markedSlots` (-1: not marked), 4 bytes a slot.
    private var markIndex: [Int32] = []
    /// Set whenever `tasks` is written (see `DeckState.tasks`); `update` clears it when it ends,
    /// so a set flag means code outside `update` (tests, fixtures) changed tasks without marking
    /// them: the view does not trust the index and the next update rebuilds it.
    var tasksChangedOutside = false
    /// Marks folded in by `settle` once more than this many (or tasks/16) pile up. Tests lower
    /// it so that small runs fold too.
    var foldThreshold = 256

    /// The orders the index can keep: their keys change only when the task does.
    static func supports(_ order: TaskSortOrder) -> Bool {
        switch order {
        case .attention, .updated, .state: true
        case .agent, .duration: false
        }
    }

    /// Ready to give the pane for this sort, with no filter and no scope.
    func serves(_ ui: UIState) -> Bool {
        order == ui.sort && !tasksChangedOutside && ui.agentScope == nil && !ui.filter.isActive
    }

    /// The slot naming `key`, if the index knows it.
    func slot(of key: TaskKey) -> Int? { slots[key] }

    /// Notes that the task under `key` was added, removed (`task` nil) or may have changed state
    /// or `updatedAt`; `task` is the task as it is now. Call after every such change: the index
    /// keeps this snapshot's place until the next mark. Cheap (one hash lookup, no sorting): it
    /// runs for every stream event.
    mutating func markChanged(_ key: TaskKey, _ task: TaskEntry?) {
        guard let order else { return }
        let slot = slots[key] ?? allocateSlot(for: key)
        let state = task?.state
        if stateOfSlot[slot] != state {
            if let old = stateOfSlot[slot] { counts.remove(old, of: key.agentID) }
            if let state { counts.add(state, of: key.agentID) }
            stateOfSlot[slot] = state
        }
        let place = task.map { entry(for: $0, slot: slot, order: order) }
        let mark = markIndex[slot]
        if mark >= 0 {
            pending[Int(mark)] = place
            return
        }
        markIndex[slot] = Int32(markedSlots.count)
        markedSlots.append(slot)
        pending.append(place)
    }

    /// The task under `key` now lives under `newKey`, of the same agent (a placeholder given its
    /// real id; `task` as it now is): its slot, counts and place carry over, renamed. False when
    /// there is nothing to rename (index not built, `key` unknown, `newKey` already known): then
    /// mark `key` removed and `newKey` changed instead.
    mutating func rename(_ key: TaskKey, to newKey: TaskKey, task: TaskEntry) -> Bool {
        guard order != nil, key.agentID == newKey.agentID, slots[newKey] == nil,
            let slot = slots.removeValue(forKey: key)
        else { return false }
        slots[newKey] = slot
        keys[slot] = newKey
        prefixOfSlot[slot] = Self.prefix(of: newKey.taskID)
        // A folded entry holds the old id's prefix: the mark gives the slot its new place.
        markChanged(newKey, task)
        return true
    }

    private mutating func allocateSlot(for key: TaskKey) -> Int {
        let prefix = Self.prefix(of: key.taskID)
        if let slot = freeSlots.popLast() {
            keys[slot] = key
            agentOfSlot[slot] = key.agentID
            prefixOfSlot[slot] = prefix
            slots[key] = slot
            return slot
        }
        keys.append(key)
        agentOfSlot.append(key.agentID)
        prefixOfSlot.append(prefix)
        stateOfSlot.append(nil)
        markIndex.append(-1)
        slots[key] = keys.count - 1
        return keys.count - 1
    }

    /// Forgets everything; the next `settle` rebuilds from the tasks.
    mutating func invalidate() {
        let (flag, threshold) = (tasksChangedOutside, foldThreshold)
        self = TaskOrderIndex()
        (tasksChangedOutside, foldThreshold) = (flag, threshold)
    }

    /// Walks every task in the pane's order, the marked ones in their new places, without
    /// building the merged list: the sorted entries (skipping marked ones) and the marked tasks'
    /// new places (sorted once, O(m log m)) side by side.
    struct MergedOrder: IteratorProtocol {
        let index: TaskOrderIndex
        let sorted: [Entry]
        let markIndex: [Int32]
        let fresh: [Entry]
        var i = 0
        var f = 0

        init(_ index: TaskOrderIndex) {
            self.index = index
            sorted = index.sorted
            markIndex = index.markIndex
            fresh = index.pending.compactMap { $0 }.sorted(by: index.areInIncreasingOrder)
        }

        mutating func next() -> Entry? {
            while i < sorted.count, markIndex[Int(sorted[i].slot)] >= 0 { i += 1 }
            if f < fresh.count, i == sorted.count || index.areInIncreasingOrder(fresh[f], sorted[i]) {
                f += 1
                return fresh[f - 1]
            }
            guard i < sorted.count else { return nil }
            i += 1
            return sorted[i - 1]
        }
    }

    /// Every task in the pane's order, the marked ones in their new places (what a fold keeps).
    func merged() -> [Entry] {
        guard !markedSlots.isEmpty else { return sorted }
        var out: [Entry] = []
        out.reserveCapacity(sorted.count + markedSlots.count)
        var order = MergedOrder(self)
        while let entry = order.next() { out.append(entry) }
        return out
    }

    /// The pane's rows within `reach` of the selected task (or, when it is not listed, of
    /// `scrollOffset`), out of `total`: walks the merged order up to the window's end, twice at
    /// most (to find the selection's row, then to collect), and builds nothing else.
    func window(total: Int, selected: TaskKey?, scrollOffset: Int, reach: Int) -> TaskWindow {
        var selectedIndex: Int?
        if let slot = selected.flatMap({ slots[$0] }).map(Int32.init) {
            var order = MergedOrder(self)
            var row = 0
            while let entry = order.next() {
                if entry.slot == slot {
                    selectedIndex = row
                    break
                }
                row += 1
            }
        }
        let anchor = selectedIndex ?? min(max(0, scrollOffset), max(0, total - 1))
        let reach = min(max(0, reach), total)
        let rows = max(0, anchor - reach)..<min(total, anchor + reach + 1)
        var keys: [TaskKey] = []
        keys.reserveCapacity(rows.count)
        var order = MergedOrder(self)
        var row = 0
        while row < rows.upperBound, let entry = order.next() {
            if row >= rows.lowerBound, let key = self.keys[Int(entry.slot)] { keys.append(key) }
            row += 1
        }
        return TaskWindow(total: total, selectedIndex: selectedIndex, start: rows.lowerBound, keys: keys)
    }

    /// Called as `update` ends: builds the index for the current sort if it is not built for it,
    /// else folds the marks in once enough have piled up that merging them per frame would cost
    /// more than a fold (a fold is O(tasks), so it is done at most once per tasks/16 changes).
    mutating func settle(_ tasks: [TaskKey: TaskEntry], sort: TaskSortOrder) {
        defer { tasksChangedOutside = false }
        guard Self.supports(sort) else {
            if order != nil { invalidate() }
            return
        }
        if order != sort {
            rebuild(tasks, order: sort)
        } else if markedSlots.count > max(foldThreshold, sorted.count / 16) {
            foldMarks()
        }
    }

    /// Folds the marked tasks into `sorted`, and frees the slots of removed tasks.
    mutating func foldMarks() {
        sorted = merged()
        for (mark, slot) in markedSlots.enumerated() {
            markIndex[slot] = -1
            guard pending[mark] == nil, let key = keys[slot] else { continue }
            keys[slot] = nil
            slots[key] = nil
            freeSlots.append(slot)
        }
        markedSlots.removeAll(keepingCapacity: true)
        pending.removeAll(keepingCapacity: true)
    }

    /// Builds the index from every task (a full sort: when the sort changes, or after changes
    /// made outside `update`).
    mutating func rebuild(_ tasks: [TaskKey: TaskEntry], order: TaskSortOrder) {
        invalidate()
        self.order = order
        sorted.reserveCapacity(tasks.count)
        var index = tasks.values.startIndex
        while index != tasks.values.endIndex {
            let task = tasks.values[index]
            let slot = allocateSlot(for: task.key)
            stateOfSlot[slot] = task.state
            counts.add(task.state, of: task.agentID)
            sorted.append(entry(for: task, slot: slot, order: order))
            tasks.values.formIndex(after: &index)
        }
        sorted.sort(by: areInIncreasingOrder)
    }

    /// The task's place in the pane's order (`TaskSorting.sortKey` for orders without a name).
    private func entry(for t: TaskEntry, slot: Int, order: TaskSortOrder) -> Entry {
        let primary: Double
        switch order {
        case .attention: primary = Double(TaskSorting.attentionRank(t.state))
        case .state: primary = Double(TaskSorting.lifecycleRank(t.state))
        case .updated, .agent, .duration: primary = 0
        }
        let prefix = prefixOfSlot[slot]
        return Entry(primary: primary, updatedAt: t.updatedAt, taskPrefix: prefix.prefix, slot: Int32(slot), taskIsASCII: prefix.isASCII)
    }

    static func prefix(of taskID: String) -> (prefix: UInt64, isASCII: Bool) {
        // Over the contiguous bytes: iterating `utf8` was ~20 instructions a byte.
        var id = taskID
        return id.withUTF8 { bytes in
            var prefix: UInt64 = 0
            var isASCII = true
            for (i, byte) in bytes.enumerated() {
                if byte >= 0x80 { isASCII = false }
                if i < 8 { prefix |= UInt64(byte) << (56 - 8 * i) }
            }
            return (prefix, isASCII)
        }
    }

    /// `TaskSorting.areInIncreasingOrder` on entries: the task ids are read only to break ties
    /// their prefixes do not.
    func areInIncreasingOrder(_ a: Entry, _ b: Entry) -> Bool {
        if a.primary != b.primary { return a.primary < b.primary }
        if a.updatedAt != b.updatedAt { return a.updatedAt > b.updatedAt }
        let agentA = agentOfSlot[Int(a.slot)]
        let agentB = agentOfSlot[Int(b.slot)]
        if agentA != agentB { return agentA < agentB }
        if a.taskIsASCII, b.taskIsASCII, a.taskPrefix != b.taskPrefix { return a.taskPrefix < b.taskPrefix }
        guard let ka = keys[Int(a.slot)], let kb = keys[Int(b.slot)] else { return a.slot < b.slot }
        return ka.taskID < kb.taskID
    }

    /// Equal whenever the tasks are: this is a cache of them, not part of the state's meaning.
    static func == (a: TaskOrderIndex, b: TaskOrderIndex) -> Bool { true }
    func hash(into hasher: inout Hasher) {}
}
