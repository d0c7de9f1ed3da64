import Glibc

/// One agent's kept-alive TCP connection for fast revalidations: non-blocking, watched by the
/// network loop's epoll set, used by one poll at a time and idle in between. It only moves
/// bytes and says what it needs next; `FastRevalidator` decides what a step means.
final class RevalidationConnection {
    enum Phase: Equatable {
        /// The TCP connect is under way (wait for writable).
        case connecting
        /// Request bytes are left to send (wait for writable).
        case sending
        /// The request is out; the answer's head is awaited (wait for readable).
        case awaitingHead
        /// Between polls. Readable now means the server closed it (or sent something unasked).
        case idle
    }

    /// What the connection needs, or what came of a step.
    enum Step: Equatable {
        case waitWritable
        case waitReadable
        /// The answer's head, judged (never `.incomplete`).
        case answered(NotModifiedHead)
        /// The connection is unusable (refused, reset, closed by the server).
        case broken(String)
    }

    let fd: Int32
    private(set) var phase: Phase
    /// Whether this connection carried an earlier poll (libcurl reports connect time 0 then).
    private(set) var carriedAPoll = false
    private var unsent: ArraySlice<UInt8> = []
    private var received: [UInt8] = []

    init(connectingSocket fd: Int32) {
        self.fd = fd
        self.phase = .connecting
    }

    /// Queues a poll's request; the connection must be connecting or idle.
    func begin(sending request: [UInt8]) -> Step {
        unsent = request[...]
        received.removeAll(keepingCapacity: true)
        if phase == .connecting { return .waitWritable }
        phase = .sending
        return flush()
    }

    /// The socket is ready (`writable` also covers an error on it, as epoll reports).
    func ready(readable: Bool, writable: Bool, scratch: UnsafeMutableRawBufferPointer) -> Step {
        switch phase {
        case .connecting:
            guard writable else { return .waitWritable }
            var failure: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            guard getsockopt(fd, SOL_SOCKET, SO_ERROR, &failure, &length) == 0, failure == 0 else {
                return .broken("connect failed (\(failure))")
            }
            phase = .sending
            return flush()
        case .sending:
            return writable ? flush() : .waitWritable
        case .awaitingHead:
            return readable ? receive(into: scratch) : .waitReadable
        case .idle:
            return .broken("the server closed the idle connection or sent unasked bytes")
        }
    }

    /// Back to idle after a poll whose answer was taken.
    func finishPoll() {
        phase = .idle
        carriedAPoll = true
        received.removeAll(keepingCapacity: true)
    }

    func close() {
        _ = Glibc.close(fd)
    }

    private func flush() -> Step {
        while !unsent.isEmpty {
            let sent = unsent.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent > 0 {
                unsent = unsent.dropFirst(sent)
            } else if sent < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                return .waitWritable
            } else if sent < 0 && errno == EINTR {
                continue
            } else {
                return .broken("send failed (\(errno))")
            }
        }
        phase = .awaitingHead
        return .waitReadable
    }

    /// Reads until the head can be judged (at most one byte beyond the head limit) or nothing is left to read.
    private func receive(into scratch: UnsafeMutableRawBufferPointer) -> Step {
        while received.count <= NotModifiedHead.maxBytes {
            let room = min(scratch.count, NotModifiedHead.maxBytes + 1 - received.count)
            let count = recv(fd, scratch.baseAddress, room, 0)
            if count > 0 {
                received.append(contentsOf: UnsafeRawBufferPointer(rebasing: scratch[0..<count]))
                // A verdict needs no second recv (it would only say EAGAIN): bytes arriving
                // after the head make the idle socket readable, and it is closed then.
                let verdict = NotModifiedHead.parse(received)
                if verdict != .incomplete { return .answered(verdict) }
                continue
            }
            if count == 0 {
                // A 304 followed by the close (`Connection: close`, or a server that says
                // nothing) is still a 304; the connection just cannot carry the next poll.
                if case .notModified(let head, _) = NotModifiedHead.parse(received) {
                    return .answered(.notModified(head, keepsConnection: false))
                }
                return .broken("the server closed the connection")
            }
            if errno == EINTR { continue }
            if errno == EAGAIN || errno == EWOULDBLOCK { break }
            return .broken("recv failed (\(errno))")
        }
        return received.count > NotModifiedHead.maxBytes
            ? .answered(.unusable("head larger than \(NotModifiedHead.maxBytes) bytes")) : .waitReadable
    }
}
