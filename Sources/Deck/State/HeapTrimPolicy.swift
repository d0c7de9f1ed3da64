import Foundation

/// When the dashboard gives freed heap back to the system. glibc keeps the pages of freed memory
/// (the unpacked content of finished tasks once packed or dropped: ~12 MB after a burst of 1,000
/// concurrent 4 KB streams), and `malloc_trim` walks the whole heap, so it runs only after enough
/// finished tasks were let go, and not more often than every `minimumInterval`.
public struct HeapTrimPolicy: Sendable, Hashable {
    /// Finished tasks packed or dropped since the last trim before another trim is worth it.
    public var minimumReleased: Int
    public var minimumInterval: TimeInterval
    private var releasedAtLastTrim = 0
    private var lastTrim: Date?

    public init(minimumReleased: Int = 256, minimumInterval: TimeInterval = 5) {
        self.minimumReleased = minimumReleased
        self.minimumInterval = minimumInterval
    }

    /// Whether to trim now, given `DeckState.finishedTasksReleased`; when it says yes, it counts
    /// the trim as done.
    public mutating func shouldTrim(released: Int, now: Date) -> Bool {
        // A count lower than the last one means a new state: count from it.
        if released < releasedAtLastTrim { releasedAtLastTrim = released }
        guard released - releasedAtLastTrim >= max(1, minimumReleased) else { return false }
        if let lastTrim, now.timeIntervalSince(lastTrim) < minimumInterval { return false }
        releasedAtLastTrim = released
        lastTrim = now
        return true
    }
}
