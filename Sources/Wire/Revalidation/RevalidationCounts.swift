import Synchronization

/// What the fast revalidation path has done since the engine started (`HTTPEngine.revalidationCounts`).
public struct RevalidationCounts: Sendable, Equatable {
    /// Polls answered 304 on the fast path (never seen by libcurl).
    public var answered = 0
    /// Polls the fast path gave up on and handed to libcurl (any answer but a plain 304, a
    /// refused connect, a connection closed or reset under the request).
    public var handedToLibcurl = 0
    /// Polls that timed out on the fast path (reported as libcurl reports a timeout).
    public var timedOut = 0
    /// Connections the fast path opened (one per agent while the server keeps it).
    public var connectionsOpened = 0
    /// Fast-path connections open now.
    public var openConnections = 0
}

/// The counters behind `RevalidationCounts`: written on the network thread, read anywhere.
final class RevalidationCounters: Sendable {
    let answered = Atomic<Int>(0)
    let handedToLibcurl = Atomic<Int>(0)
    let timedOut = Atomic<Int>(0)
    let connectionsOpened = Atomic<Int>(0)
    let openConnections = Atomic<Int>(0)

    var snapshot: RevalidationCounts {
        RevalidationCounts(
            answered: answered.load(ordering: .sequentiallyConsistent),
            handedToLibcurl: handedToLibcurl.load(ordering: .sequentiallyConsistent),
            timedOut: timedOut.load(ordering: .sequentiallyConsistent),
            connectionsOpened: connectionsOpened.load(ordering: .sequentiallyConsistent),
            openConnections: openConnections.load(ordering: .sequentiallyConsistent))
    }
}
