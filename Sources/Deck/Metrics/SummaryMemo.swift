import Foundation

/// The last window summary an `AgentMetrics` value gave, by the interval its window ended in:
/// the agent rows ask for every agent's summary every frame, and between polls and finished
/// tasks (and within one interval) it is the same. A value whose window changes takes a fresh
/// memo (see `AgentMetrics`), so a memo only ever describes the window it was made with.
final class SummaryMemo: Sendable, Hashable {
    private struct Stored {
        var interval: Int
        var summary: HealthSummary
    }

    private let stored = Locked<Stored?>(nil)

    /// The summary for the window ending in `interval`, computed by `make` unless memoized.
    func summary(endingIn interval: Int, _ make: () -> HealthSummary) -> HealthSummary {
        if let hit = stored.read({ $0 }), hit.interval == interval { return hit.summary }
        let summary = make()
        stored.write { $0 = Stored(interval: interval, summary: summary) }
        return summary
    }

    /// Equal whenever the metrics are: a cache, not part of the value.
    static func == (a: SummaryMemo, b: SummaryMemo) -> Bool { true }
    func hash(into hasher: inout Hasher) {}
}

/// A value behind a lock (the memo is read from whatever thread draws).
private final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func read<T>(_ body: (Value) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(value)
    }
    func write(_ body: (inout Value) -> Void) {
        lock.lock()
        defer { lock.unlock() }
        body(&value)
    }
}
