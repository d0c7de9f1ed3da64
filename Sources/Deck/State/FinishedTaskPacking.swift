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

    /// Equal whenever the tasks are: a cache of them and a statistic, not part of the state's meaning.
    static func == (a: FinishedTaskPacking, b: FinishedTaskPacking) -> Bool { true }
    func hash(into hasher: inout Hasher) {}
}

extension DeckState {
    /// Finished tasks packed or dropped by retention so far (only ever grows): the runtime gives
    /// freed heap back to the system after enough of them (see `HeapTrimPolicy`).
    public var finishedTasksReleased: Int { packing.released }

    /// Finished tasks waiting to be packed (or kept unpacked as the most recent ones).
    public var unpackedFinishedTaskCount: Int { packing.unpacked.count }

    /// Packs the oldest finished tasks beyond `config.keepFinishedUnpacked`, at most
    /// `FinishedTaskPacking.tasksPerUpdate` of them. (The selected one is not spared: the detail
    /// pane unpacking it costs ~30 µs a frame for 4 KB of text, which it then lays out anyway.)
    mutating func packOldFinishedTasks() {
        let excess = packing.unpacked.count - max(0, config.keepFinishedUnpacked)
        guard excess > 0 else { return }
        let keys = packing.unpacked.removeOldest(min(excess, FinishedTaskPacking.tasksPerUpdate), sparing: nil)
        for key in keys {
            guard let index = tasks.index(forKey: key) else { continue }
            tasks.values[index].accumulator.compact()
            // A task with nothing to pack (no artifacts, no history) stays as it is, and out of the
            // index until it changes: it freed nothing.
            if tasks.values[index].accumulator.isCompacted { packing.released += 1 }
        }
    }
}
