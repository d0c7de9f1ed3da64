import Foundation

/// When the dashboard gives freed heap back to the system. glibc keeps the pages of freed memory
/// (the unpacked content of finished tasks once packed or dropped: ~4 MB after a burst of 1,000
/// concurrent 4 KB streams), so it trims once enough finished tasks were let go: at most every
/// `minimumInterval` while tasks are still streaming (their next events reuse the pages, which a
/// trim would make fault in again), and at once when no task has a request or stream in flight
/// any more (a burst is over: nothing is about to reuse them). One `malloc_trim` costs ~0.1–0.2 ms
/// on this heap (`agentdeck-bench memory`, `_trim_cost`).
public struct HeapTrimPolicy: Sendable, Hashable {
    /// Finished tasks packed or dropped since the last trim before another trim is worth it.
    public var minimumReleased: Int
    public var minimumInterval: TimeInterval
    private var releasedAtLastTrim = 0
    private var lastTrim: Date?

    public init(minimumReleased: Int = 256, minimumInterval: TimeInterval = 1) {
        self.minimumReleased = minimumReleased
        self.minimumInterval = minimumInterval
    }

    /// Whether to trim now, given `DeckState.finishedTasksReleased` and whether any task still has
    /// a request or stream in flight (`DeckState.hasTaskRequestsInFlight`); when it says yes, it
    /// counts the trim as done.
    public mutating func shouldTrim(released: Int, now: Date, tasksInFlight: Bool = true) -> Bool {
        // A count lower than the last one means a new state: count from it.
        if released < releasedAtLastTrim { releasedAtLastTrim = released }
        guard released - releasedAtLastTrim >= max(1, minimumReleased) else { return false }
        if tasksInFlight, let lastTrim, now.timeIntervalSince(lastTrim) < minimumInterval { return false }
        releasedAtLastTrim = released
        lastTrim = now
        return true
    }
}

extension DeckState {
    /// Some task has a request or stream in flight (a stream, a poll, a cancel): work may still
    /// come in (see `HeapTrimPolicy`).
    public var hasTaskRequestsInFlight: Bool { requests.concernsSomeTask }
}
