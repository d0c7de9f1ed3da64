import CCurl
import CShim
import Glibc

/// The sockets libcurl asks to have watched, in one epoll set, plus the engine's wake-up fd.
/// libcurl names each socket and what to wait for through its socket callback
/// (`CURLMOPT_SOCKETFUNCTION`); a wait then reports only the sockets that are ready, so the loop
/// hands libcurl just those (`curl_multi_socket_action`) instead of having every transfer
/// polled and stepped on every wake-up. Network thread only.
final class SocketWatch {
    /// A socket the wait found ready, with libcurl's `CURL_CSELECT_*` bits.
    struct Ready {
        let socket: curl_socket_t
        let events: Int32
    }

    private let epoll: Int32
    private let wake: WakeSignal
    /// What each watched socket is registered for (CURL_POLL_IN/OUT/INOUT).
    private var watched: [curl_socket_t: Int32] = [:]
    private var readyFDs: [Int32]
    private var readiness: [Int32]

    /// Most sockets taken per wait; more ready ones are reported by the next wait.
    static let batchSize = 256

    init?(wake: WakeSignal) {
        let epoll = agentdeck_epoll_create()
        guard epoll >= 0 else { return nil }
        guard agentdeck_epoll_watch(epoll, wake.fd, 1, 1, 0) == 0 else {
            close(epoll)
            return nil
        }
        self.epoll = epoll
        self.wake = wake
        readyFDs = Array(repeating: -1, count: Self.batchSize)
        readiness = Array(repeating: 0, count: Self.batchSize)
    }

    deinit {
        close(epoll)
    }

    /// Sockets libcurl currently wants watched.
    var count: Int { watched.count }

    /// Makes libcurl report its sockets here. False when libcurl refuses.
    func install(on multi: UnsafeMutableRawPointer) -> Bool {
        let context = Unmanaged.passUnretained(self).toOpaque()
        let function = agentdeck_multi_setopt_socket_callback(multi) { _, socket, what, context, _ in
            guard let context else { return -1 }
            return Unmanaged<SocketWatch>.fromOpaque(context).takeUnretainedValue().update(socket, what)
        }
        let data = agentdeck_multi_setopt_pointer(multi, CURLMOPT_SOCKETDATA, context)
        return function == CURLM_OK && data == CURLM_OK
    }

    /// libcurl's socket callback: watch `socket` for `what` (CURL_POLL_*), or stop watching it.
    private func update(_ socket: curl_socket_t, _ what: Int32) -> Int32 {
        if what == CURL_POLL_REMOVE {
            // libcurl may already have closed it (the kernel then dropped it from the set).
            if watched.removeValue(forKey: socket) != nil { _ = agentdeck_epoll_unwatch(epoll, socket) }
            return 0
        }
        // No shortcut when `what` is unchanged: libcurl calls only on changes, and a socket
        // number closed and reused behind our back must be registered again.
        let readable: Int32 = what & CURL_POLL_IN != 0 ? 1 : 0
        let writable: Int32 = what & CURL_POLL_OUT != 0 ? 1 : 0
        let known = watched[socket] != nil
        var result = agentdeck_epoll_watch(epoll, socket, known ? 0 : 1, readable, writable)
        // A socket closed without a REMOVE left the set silently, and its number may be a new
        // socket's now (ENOENT); one we never saw may still be in the set (EEXIST).
        if result != 0 {
            let firstError = errno
            if firstError == ENOENT || firstError == EEXIST {
                result = agentdeck_epoll_watch(epoll, socket, firstError == ENOENT ? 1 : 0, readable, writable)
            }
        }
        guard result == 0 else {
            // Not reported to libcurl (-1 would abort every transfer of the engine): this one
            // transfer then ends by its own timeout or the idle watchdog.
            watched[socket] = nil
            return 0
        }
        watched[socket] = what
        return 0
    }

    // MARK: - Sockets of the engine's own (the fast revalidation path)

    /// What each of the engine's own sockets is registered for (readable, writable).
    private var own: [Int32: (readable: Bool, writable: Bool)] = [:]

    /// Watches one of the engine's own sockets for `readable` / `writable`; no system call when
    /// that is already what it is watched for. False when epoll refuses.
    func watchOwn(_ socket: Int32, readable: Bool, writable: Bool) -> Bool {
        let known = own[socket]
        if let known, known.readable == readable, known.writable == writable { return true }
        var result = agentdeck_epoll_watch(epoll, socket, known == nil ? 1 : 0, readable ? 1 : 0, writable ? 1 : 0)
        // A number libcurl used before may still be in the set (EEXIST), or not (ENOENT).
        if result != 0, errno == EEXIST || errno == ENOENT {
            result = agentdeck_epoll_watch(epoll, socket, errno == ENOENT ? 1 : 0, readable ? 1 : 0, writable ? 1 : 0)
        }
        guard result == 0 else { return false }
        own[socket] = (readable, writable)
        return true
    }

    /// Forgets one of the engine's own sockets; call just before closing it (closing takes it
    /// out of the epoll set, so no system call is spent on that).
    func forgetOwn(_ socket: Int32) {
        own[socket] = nil
    }

    /// Waits up to `milliseconds` (0: just look) and returns the ready sockets. A wake-up
    /// signal is taken (drained) here and reported as no socket.
    func wait(milliseconds: Int32) -> [Ready] {
        let count = agentdeck_epoll_wait(epoll, &readyFDs, &readiness, Int32(Self.batchSize), milliseconds)
        guard count > 0 else { return [] }
        var ready: [Ready] = []
        ready.reserveCapacity(Int(count))
        for index in 0..<Int(count) {
            let fd = readyFDs[index]
            if fd == wake.fd {
                wake.drain()
                continue
            }
            let bits = readiness[index]
            let events = (bits & AGENTDECK_READY_READ != 0 ? CURL_CSELECT_IN : 0)
                | (bits & AGENTDECK_READY_WRITE != 0 ? CURL_CSELECT_OUT : 0)
            ready.append(Ready(socket: fd, events: Int32(events)))
        }
        return ready
    }
}
