import A2A
import Foundation

/// Which finished tasks are still unpacked, oldest first, so that packing (~100 µs of zlib for a
/// task with 4 KB of text) happens a few tasks per `update` instead of at the moment each task
/// finishes, and the most recently finished tasks (the ones an operator opens) stay unpacked.
struct FinishedTaskPacking: Sendable, Hashable {
    /// Tasks packed per `update` at most: enough to keep up with any stream of finishing tasks
    /// (each needs at least one update to finish), small enough that no update stalls.
    static let tasksPerUpdate = 8

    /// The finished tasks not packed yet, oldest first (same order as retention).
    var unpacked = FinishedTaskIndex()
    /// Finished tasks packed or dropped by retention since the state was made: what the heap
    /// trim policy counts (see `HeapTrimPolicy`).
    var released = 0
    /// Where packed groups are kept instead of the heap, when the runtime provides a file.
    var spill: SpillFile?

    /// Equal whenever the tasks are: a cache of them and a statistic, not part of the state's meaning.
    static func == (a: FinishedTaskPacking, b: FinishedTaskPacking) -> Bool { true }
    func hash(into hasher: inout Hasher) {}
}

extension DeckState {
    /// Finished tasks packed or dropped by retention so far (only ever grows): the runtime gives
    /// freed heap back to the system after enough of them (see `HeapTrimPolicy`).
    public var finishedTasksReleased: Int { packing.released }

    /// Keeps the packed groups of finished tasks packed from now on in `file` rather than the heap
    /// (nil: in the heap). The dashboard gives a private scratch file (see `SpillFile`): 10,000
    /// finished tasks' deflated artifacts then cost no resident memory.
    public mutating func spillPackedTasks(to file: SpillFile?) { packing.spill = file }

    /// Finished tasks waiting to be packed (or kept unpacked as the most recent ones).
    public var unpackedFinishedTaskCount: Int { packing.unpacked.count }

    /// Packs the oldest finished tasks beyond `config.keepFinishedUnpacked`, in groups of
    /// `config.finishedPackingGroup` (a group waits until that many are beyond), at most
    /// `FinishedTaskPacking.tasksPerUpdate` of them (or one group, if larger). (The selected one is
    /// not spared: the detail pane unpacking it costs tens of µs a frame for 4 KB of text, which it
    /// then lays out anyway.)
    mutating func packOldFinishedTasks() {
        let excess = packing.unpacked.count - max(0, config.keepFinishedUnpacked)
        let groupSize = max(1, config.finishedPackingGroup)
        let count = min(excess, max(FinishedTaskPacking.tasksPerUpdate, groupSize)) / groupSize * groupSize
        guard count > 0 else { return }
        let keys = packing.unpacked.removeOldest(count, sparing: nil)
        for start in stride(from: 0, to: keys.count, by: groupSize) {
            pack(keys[start..<min(start + groupSize, keys.count)])
        }
    }

    /// Packs these finished tasks' content together (one alone: `compact`).
    private mutating func pack(_ keys: ArraySlice<TaskKey>) {
        let indices = keys.compactMap { tasks.index(forKey: $0) }
        var accumulators = indices.map { tasks.values[$0].accumulator }
        if accumulators.count == 1 {
            accumulators[0].compact()
        } else {
            TaskAccumulator.compact(together: &accumulators, spill: packing.spill)
        }
        for (index, accumulator) in zip(indices, accumulators) {
            // A task with nothing to pack (no artifacts, no history) stays as it is, and out of the
            // index until it changes: it freed nothing.
            guard accumulator.isCompacted else { continue }
            tasks.values[index].accumulator = accumulator
            tasks.values[index].timeline.shrinkToFit()
            packing.released += 1
        }
    }
}
