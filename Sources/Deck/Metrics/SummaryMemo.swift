import Foundation
import Synchronization

/// The last window summary an `AgentMetrics` value gave, by the interval its window ended in:
/// the agent rows ask for every agent's summary every frame, and between polls and finished
/// tasks (and within one interval) it is the same. A value whose window changes takes a fresh
/// memo (see `AgentMetrics`), so a memo only ever describes the window it was made with.
final class SummaryMemo: Sendable, Hashable {
    /// One summary, never changed once made: reading it under the lock is one reference count.
    private final class Frozen: Sendable {
        let interval: Int
        let summary: HealthSummary
        init(interval: Int, summary: HealthSummary) {
            self.interval = interval
            self.summary = summary
        }
    }

    /// The lock sits in this object, next to what it guards (the memo is read from whatever
    /// thread draws; a frame reads 200 of them, so one cache line each matters).
    private let stored = Mutex<Frozen?>(nil)

    /// The summary memoized for the window ending in `interval`, if it is the one kept. (No
    /// closure to compute a miss: a closure capturing the metrics copied them on every hit.)
    func summary(endingIn interval: Int) -> HealthSummary? {
        guard let hit = stored.withLock({ $0 }), hit.interval == interval else { return nil }
        return hit.summary
    }

    /// True when it holds the summary of the window ending in `interval`.
    func holds(_ interval: Int) -> Bool {
        stored.withLock { $0?.interval == interval }
    }

    /// Keeps `summary` as the one for the window ending in `interval`.
    func keep(_ summary: HealthSummary, endingIn interval: Int) {
        let frozen = Frozen(interval: interval, summary: summary)
        stored.withLock { $0 = frozen }
    }

    /// Equal whenever the metrics are: a cache, not part of the value.
    static func == (a: SummaryMemo, b: SummaryMemo) -> Bool { true }
    func hash(into hasher: inout Hasher) {}
}
