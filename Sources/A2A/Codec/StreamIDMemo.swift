import Synchronization

/// The two ids one stream's events keep repeating (its task's id and context id), as Strings the
/// decoder made for an earlier event of the stream: a later event whose id has the same bytes
/// shares that String instead of making another. Every status and artifact update names both
/// ids; making them was two allocations and two UTF-8 validations per event (and two frees
/// later), and the dashboard's comparisons of an event's id with its task's are then between
/// one String's storage and itself.
///
/// One per stream (`StreamContext` makes it; copies of the context share it). Matching is by
/// bytes, so a memo shared by several streams, or one holding ids of another task, only misses.
public final class StreamIDMemo: Sendable {
    /// One pair of ids, never changed once made: reading it under the lock is one reference
    /// count (a tuple of two Strings was two, and copies of both optionals).
    final class Kept: Sendable {
        let first: String?
        let second: String?
        init(_ first: String?, _ second: String?) {
            self.first = first
            self.second = second
        }
    }

    private let kept = Mutex<Kept?>(nil)

    public init() {}

    /// The ids kept, if any.
    var current: Kept? { kept.withLock { $0 } }

    /// Keeps these two instead.
    func keep(_ first: String?, _ second: String?) {
        let ids = Kept(first, second)
        kept.withLock { $0 = ids }
    }
}
