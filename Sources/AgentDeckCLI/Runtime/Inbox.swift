import Foundation
import Synchronization

/// Hands messages from the network thread to the UI thread. Producers append under a mutex and
/// write one wake byte to a pipe only when none is pending since the last drain, so a flood of
/// events costs one wake-up per UI frame, not one per event. The UI thread polls `wakeFD`.
///
/// A message that may wait (an uneventful card poll: `postLazily`) wakes nobody when the
/// reader has said it will look within `lazyDelay` anyway (`planWakeUp`): 100 agents polled
/// every 2 s then cost the UI thread the wake-ups it makes for its timers, not 50 more a second.
public final class Inbox<Message: Sendable>: Sendable {
    private struct Queue {
        var messages: [Message] = []
        /// A wake byte went out since the last drain: the reader is coming.
        var wakeWritten = false
        /// The reader has planned its wake-ups at least once (until then, every post wakes it).
        var readerPlans = false
        /// The latest instant by which the reader said it looks next; nil: only when woken.
        var readerLooksBy: ContinuousClock.Instant?
        /// When the oldest lazily posted message still queued arrived.
        var oldestLazy: ContinuousClock.Instant?
    }

    private let pending = Mutex(Queue())
    private let readFD: Int32
    private let writeFD: Int32
    /// The longest a lazily posted message waits for the reader.
    public let lazyDelay: Duration

    /// The descriptor the UI loop waits on.
    public var wakeFD: Int32 { readFD }

    public init(lazyDelay: Duration = .milliseconds(250)) {
        self.lazyDelay = lazyDelay
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) != 0 { fds = [-1, -1] }
        readFD = fds[0]
        writeFD = fds[1]
        // Non-blocking both ends: a full pipe must never stall the network thread, and draining
        // must never block the UI thread.
        for fd in fds where fd >= 0 {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
    }

    deinit {
        close(readFD)
        close(writeFD)
    }

    public func post(_ message: Message) {
        let mustWake = pending.withLock { queue in
            queue.messages.append(message)
            return Self.claimWake(&queue)
        }
        if mustWake { wake() }
    }

    public func post(contentsOf messages: [Message]) {
        guard !messages.isEmpty else { return }
        let mustWake = pending.withLock { queue in
            queue.messages.append(contentsOf: messages)
            return Self.claimWake(&queue)
        }
        if mustWake { wake() }
    }

    /// Queues a message that may wait up to `lazyDelay` for the reader: it wakes the reader only
    /// when the reader's plan (`planWakeUp`) would not look in time. Order with other messages
    /// is kept.
    public func postLazily(_ message: Message) {
        let now = ContinuousClock.now
        let mustWake = pending.withLock { queue in
            queue.messages.append(message)
            if queue.oldestLazy == nil { queue.oldestLazy = now }
            if queue.readerPlans, let looksBy = queue.readerLooksBy, looksBy <= now + lazyDelay { return false }
            return Self.claimWake(&queue)
        }
        if mustWake { wake() }
    }

    /// The reader (UI thread) says when it will look next, before it sleeps: `planned` is its
    /// own next deadline (nil: none). Returns the instant it must wake by instead, earlier when
    /// lazily posted messages are waiting; sleeping past it breaks `postLazily`'s promise.
    public func planWakeUp(_ planned: ContinuousClock.Instant?) -> ContinuousClock.Instant? {
        pending.withLock { queue in
            queue.readerPlans = true
            let lazyDue = queue.oldestLazy.map { $0 + lazyDelay }
            let looksBy = [planned, lazyDue].compactMap { $0 }.min()
            queue.readerLooksBy = looksBy
            return looksBy
        }
    }

    /// Takes everything queued, oldest first, and clears the wake pipe.
    public func drain() -> [Message] {
        var scratch = [UInt8](repeating: 0, count: 64)
        while read(readFD, &scratch, scratch.count) > 0 {}
        return pending.withLock { queue in
            let taken = queue.messages
            // `taken` shares the buffer: keeping its capacity allocated a new one as large as the
            // biggest burst, held for the rest of the run. A new, small one instead.
            queue.messages = []
            queue.messages.reserveCapacity(min(taken.count, Self.keptCapacity))
            queue.wakeWritten = false
            queue.oldestLazy = nil
            return taken
        }
    }

    /// Room the queue holds now (for tests: a burst must not leave its size behind).
    var queuedCapacity: Int { pending.withLock { $0.messages.capacity } }

    /// Room kept for the next messages after a drain: a frame's worth of news in the usual case,
    /// never a whole burst's.
    static var keptCapacity: Int { 256 }

    /// True when the caller must write the wake byte (none is pending since the last drain).
    private static func claimWake(_ queue: inout Queue) -> Bool {
        guard !queue.wakeWritten else { return false }
        queue.wakeWritten = true
        return true
    }

    private func wake() {
        var byte: UInt8 = 1
        _ = write(writeFD, &byte, 1)
    }
}
