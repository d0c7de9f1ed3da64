import Foundation
import Synchronization

/// Hands messages from the network thread to the UI thread. Producers append under a mutex and
/// write one wake byte to a pipe only when the inbox goes from empty to non-empty, so a flood of
/// events costs one wake-up per UI frame, not one per event. The UI thread polls `wakeFD`.
public final class Inbox<Message: Sendable>: Sendable {
    private let pending = Mutex<[Message]>([])
    private let readFD: Int32
    private let writeFD: Int32

    /// The descriptor the UI loop waits on.
    public var wakeFD: Int32 { readFD }

    public init() {
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
        let wasEmpty = pending.withLock { queue in
            queue.append(message)
            return queue.count == 1
        }
        if wasEmpty { wake() }
    }

    public func post(contentsOf messages: [Message]) {
        guard !messages.isEmpty else { return }
        let wasEmpty = pending.withLock { queue in
            let empty = queue.isEmpty
            queue.append(contentsOf: messages)
            return empty
        }
        if wasEmpty { wake() }
    }

    /// Takes everything queued, oldest first, and clears the wake pipe.
    public func drain() -> [Message] {
        var scratch = [UInt8](repeating: 0, count: 64)
        while read(readFD, &scratch, scratch.count) > 0 {}
        return pending.withLock { queue in
            let taken = queue
            queue.removeAll(keepingCapacity: true)
            return taken
        }
    }

    private func wake() {
        var byte: UInt8 = 1
        _ = write(writeFD, &byte, 1)
    }
}
