import Deck
import Foundation

/// glibc's `malloc_trim` (declared in malloc.h, which the Glibc module does not export).
@_silgen_name("malloc_trim") private func glibcMallocTrim(_ pad: Int) -> Int32

/// Gives the heap freed by packed or dropped finished tasks back to the system when
/// `HeapTrimPolicy` says so (checked after each update: two integer comparisons when it does not).
final class HeapTrimmer {
    private var policy = HeapTrimPolicy()

    func afterUpdate(_ state: DeckState) {
        guard policy.shouldTrim(released: state.finishedTasksReleased, now: Date()) else { return }
        _ = glibcMallocTrim(0)
    }
}
