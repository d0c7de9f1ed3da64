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

    func afterUpdate(_ state: DeckState) {
        updates += 1
        guard policy.shouldTrim(
            released: state.finishedTasksReleased, now: Date(), tasksInFlight: state.hasTaskRequestsInFlight, updates: updates)
        else { return }
        ProcessHeap.trim()
    }
}
