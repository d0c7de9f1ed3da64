import Deck
import Foundation
import Terminal

/// Gives the heap freed by packed or dropped finished tasks back to the system when
/// `HeapTrimPolicy` says so (checked after each update: two integer comparisons when it does not).
final class HeapTrimmer {
    private var policy = HeapTrimPolicy()

    /// Fixes glibc's thresholds first (see `ProcessHeap`): one dashboard, one trimmer.
    init() {
        ProcessHeap.configure()
    }

    func afterUpdate(_ state: DeckState) {
        guard policy.shouldTrim(
            released: state.finishedTasksReleased, now: Date(), tasksInFlight: state.hasTaskRequestsInFlight) else { return }
        ProcessHeap.trim()
    }
}
