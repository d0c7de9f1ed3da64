import Deck
import Foundation
import Terminal

/// Gives freed heap back to the system when `HeapTrimPolicy` says so: after finished tasks were
/// packed or dropped, or after many updates (news leaves freed buffers behind on every thread's
/// arena). Checked after each update: a few integer comparisons when it does not trim.
final class HeapTrimmer {
    private var policy = HeapTrimPolicy()
    private var updates = 0

    /// Fixes glibc's thresholds first (see `ProcessHeap`): one dashboard, one trimmer.
    init() {
        ProcessHeap.configure()
    }

    /// Takes the two figures it reads, not the state: passing a class-held `DeckState` copied
    /// every field of it (retain + release of each) on every update.
    func afterUpdate(finishedTasksReleased released: Int, tasksInFlight: Bool, listedTasks: Int) {
        updates += 1
        guard policy.shouldTrim(
            released: released, now: Date(), tasksInFlight: tasksInFlight, updates: updates, listed: listedTasks)
        else { return }
        ProcessHeap.trim()
    }
}
