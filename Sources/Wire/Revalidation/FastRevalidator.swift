import CCurl
import Glibc

/// The revalidation fast path: a conditional card poll whose answer is expected to be `304 Not
/// Modified` is sent on a kept-alive socket of our own instead of through libcurl, whose
/// per-request machinery (request formatting one byte at a time, URL parsing, header parsing,
/// connection cache) was ~85 % of an idle console's network work.
///
/// Taken only when everything is plain and known: an `http://` URL (`PlainHTTPURL`), a request
/// `RevalidationRequest` can render exactly as libcurl would, no proxy in the environment, and
/// an address libcurl itself reached for this URL with a 304 over HTTP/1.1 (so no DNS here, and
/// the server has shown it answers conditional requests). Only a strict, complete 304 head is
/// accepted (`NotModifiedHead`); anything else closes the socket and the same submission goes
/// through libcurl, which handles it as it always has — and the URL stays on libcurl until
/// libcurl sees a 304 there again. One socket per URL, watched by the loop's epoll set; timeouts
/// are the request's, on the loop's clock. Network thread only.
final class FastRevalidator {
    /// What a socket event or a deadline led to, for the loop.
    enum Outcome {
        /// Nothing for the loop to do (answered, waiting, or an idle socket closed).
        case handled
        /// Redo this submission through libcurl.
        case handToLibcurl(Submission)
    }

    /// One card URL the fast path may serve.
    private final class Lane {
        /// The URL as the requests spell it (the key in `lanes`).
        let key: String
        let url: PlainHTTPURL
        var peer: PeerAddress
        /// The last conditional request rendered, reused while the ETag and headers stay.
        var rendered: RevalidationRequest?
        var connection: RevalidationConnection?
        var poll: Poll?

        init(key: String, url: PlainHTTPURL, peer: PeerAddress) {
            self.key = key
            self.url = url
            self.peer = peer
        }
    }

    /// A poll in flight on a lane.
    private struct Poll {
        let submission: Submission
        let completion: @Sendable (Result<HTTPResponse, WireError>) -> Void
        let started: ContinuousClock.Instant
        /// Total and connect limits, as libcurl's CURLOPT_TIMEOUT_MS / CONNECTTIMEOUT_MS.
        let deadline: ContinuousClock.Instant
        let connectDeadline: ContinuousClock.Instant
        var connected: ContinuousClock.Instant?
    }

    let counters: RevalidationCounters
    private let enabled: Bool
    private let sockets: SocketWatch
    private var lanes: [String: Lane] = [:]
    /// The lane of each fast socket and of each poll in flight (no URL hashing per event).
    private var laneBySocket: [Int32: Lane] = [:]
    private var laneByID: [RequestID: Lane] = [:]
    /// No poll's deadline is before this (nil: none in flight with one noted).
    private(set) var earliestDeadline: ContinuousClock.Instant?
    /// recv's landing area, allocated once.
    private let scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 4096, alignment: 1)

    /// Most URLs (hence sockets) served at once: one per agent of a large fleet.
    static let capacity = 1024

    init(sockets: SocketWatch, counters: RevalidationCounters, enabled: Bool) {
        self.sockets = sockets
        self.counters = counters
        self.enabled = enabled && !ProxyEnvironment.proxyInEffect()
    }

    deinit {
        scratch.deallocate()
    }

    /// Whether `socket` is one of the fast path's (the loop then hands its events here). Asked
    /// for every ready socket, streams' included: no hashing while the fast path holds none.
    func owns(_ socket: Int32) -> Bool { !laneBySocket.isEmpty && laneBySocket[socket] != nil }

    // MARK: - Learning from libcurl

    /// Called for every successful collected transfer libcurl finished (first hop): a 304 to a
    /// conditional GET over HTTP/1.1 opens the URL to the fast path at the address libcurl
    /// used; any other answer closes it.
    func learn(from transfer: Transfer, status: Int) {
        guard enabled, transfer.hops == 0, transfer.request.method == "GET" else { return }
        let url = transfer.request.url
        guard status == 304 else {
            forget(url)
            return
        }
        var version = 0
        _ = agentdeck_easy_getinfo_long(transfer.easy, CURLINFO_HTTP_VERSION, &version)
        var port = 0
        _ = agentdeck_easy_getinfo_long(transfer.easy, CURLINFO_PRIMARY_PORT, &port)
        guard version == Int(CURL_HTTP_VERSION_1_1), let ip = transfer.string(CURLINFO_PRIMARY_IP),
              let peer = PeerAddress(ip: ip, port: port)
        else {
            forget(url)
            return
        }
        if let lane = lanes[url] {
            if lane.peer != peer, lane.poll == nil {
                closeConnection(of: lane)
                lane.peer = peer
            }
            return
        }
        guard lanes.count < Self.capacity, let plain = PlainHTTPURL(url) else { return }
        lanes[url] = Lane(key: url, url: plain, peer: peer)
    }

    // MARK: - Polls

    /// Takes the submission when the fast path can serve it; false leaves it to libcurl.
    func begin(_ submission: Submission, now: ContinuousClock.Instant = .now) -> Bool {
        guard enabled, case .collect(let completion) = submission.delivery,
              let lane = lanes[submission.request.url], lane.poll == nil,
              let timeout = submission.request.timeout, timeout > 0
        else { return false }
        let request: RevalidationRequest
        if let rendered = lane.rendered, rendered.request.hasSameTransferOptions(as: submission.request) {
            request = rendered
        } else {
            guard let fresh = RevalidationRequest(submission.request, url: lane.url) else { return false }
            lane.rendered = fresh
            request = fresh
        }
        if lane.connection == nil {
            guard let fd = lane.peer.startConnect() else {
                forget(lane.key)
                return false
            }
            lane.connection = RevalidationConnection(connectingSocket: fd)
            laneBySocket[fd] = lane
            counters.connectionsOpened.add(1, ordering: .sequentiallyConsistent)
            counters.openConnections.add(1, ordering: .sequentiallyConsistent)
        }
        guard let connection = lane.connection else { return false }
        let deadline = now + Self.duration(timeout)
        lane.poll = Poll(
            submission: submission, completion: completion, started: now, deadline: deadline,
            connectDeadline: min(deadline, now + Self.duration(submission.request.connectTimeout)),
            connected: connection.phase == .connecting ? nil : now)
        laneByID[submission.id] = lane
        noteDeadline(lane.poll?.connectDeadline ?? deadline)
        switch apply(connection.begin(sending: request.bytes), to: lane) {
        case .handled:
            return true
        case .handToLibcurl:
            // Could not even send: libcurl takes it, as if the fast path had never looked.
            return false
        }
    }

    /// A watched socket is ready.
    func handle(_ socket: Int32, events: Int32) -> Outcome {
        guard let lane = laneBySocket[socket], let connection = lane.connection, connection.fd == socket
        else { return .handled }
        let readable = events & Int32(CURL_CSELECT_IN) != 0
        let writable = events & Int32(CURL_CSELECT_OUT) != 0
        if lane.poll?.connected == nil, connection.phase == .connecting, writable { lane.poll?.connected = .now }
        return apply(connection.ready(readable: readable, writable: writable, scratch: scratch), to: lane)
    }

    /// Ends a canceled poll (true when it was one of ours).
    func cancel(_ id: RequestID) -> Bool {
        guard let lane = laneByID[id], let poll = lane.poll else { return false }
        closeConnection(of: lane)
        end(lane, poll, with: .failure(WireError(.canceled, "canceled")))
        return true
    }

    /// Times out the polls whose deadline has passed, as libcurl would report them.
    func expire(now: ContinuousClock.Instant = .now) {
        guard let earliest = earliestDeadline, earliest <= now else { return }
        earliestDeadline = nil
        for (url, lane) in lanes {
            guard let poll = lane.poll else { continue }
            let connecting = poll.connected == nil
            let limit = connecting ? poll.connectDeadline : poll.deadline
            guard limit <= now else {
                noteDeadline(connecting ? poll.connectDeadline : poll.deadline)
                continue
            }
            let elapsed = Self.milliseconds(poll.started.duration(to: now))
            // libcurl's own wording for CURLE_OPERATION_TIMEDOUT.
            let message = connecting
                ? "Connection timed out after \(elapsed) milliseconds"
                : "Operation timed out after \(elapsed) milliseconds with 0 bytes received"
            closeConnection(of: lane)
            lane.poll = nil
            // The URL goes back to libcurl until libcurl sees a 304 there again.
            forget(url)
            counters.timedOut.add(1, ordering: .sequentiallyConsistent)
            end(lane, poll, with: .failure(WireError(
                .timeout, message, curlCode: Int(CURLE_OPERATION_TIMEDOUT.rawValue))))
        }
    }

    /// Fails every poll in flight and closes every socket (the engine is stopping).
    func closeAll(_ error: WireError) {
        for lane in lanes.values {
            closeConnection(of: lane)
            if let poll = lane.poll { end(lane, poll, with: .failure(error)) }
        }
        lanes.removeAll()
    }

    // MARK: - Steps

    private func apply(_ step: RevalidationConnection.Step, to lane: Lane) -> Outcome {
        guard let connection = lane.connection else { return .handled }
        switch step {
        case .waitWritable:
            if !sockets.watchOwn(connection.fd, readable: false, writable: true) { return giveUp(lane) }
            return .handled
        case .waitReadable:
            if !sockets.watchOwn(connection.fd, readable: true, writable: false) { return giveUp(lane) }
            return .handled
        case .answered(.notModified(let head, let keepsConnection)):
            guard let poll = lane.poll else {
                closeConnection(of: lane)
                return .handled
            }
            let done = ContinuousClock.now
            if keepsConnection {
                connection.finishPoll()
                // Idle: readable now only means the server closed it (or spoke unasked).
                if !sockets.watchOwn(connection.fd, readable: true, writable: false) { closeConnection(of: lane) }
            } else {
                closeConnection(of: lane)
            }
            counters.answered.add(1, ordering: .sequentiallyConsistent)
            let connectTime = poll.connected.map { Self.seconds(poll.started.duration(to: $0)) } ?? 0
            // libcurl's clocks run from the transfer's start; here from the submission being
            // taken on the network thread. The head arrives in one piece: first byte = total.
            let total = Self.seconds(poll.started.duration(to: done))
            let response = HTTPResponse(
                head: head, body: [], timing: HTTPTiming(connect: connectTime, firstByte: total, total: total),
                url: poll.submission.request.url, redirectsFollowed: 0)
            end(lane, poll, with: .success(response))
            return .handled
        case .answered:
            return giveUp(lane)
        case .broken:
            if lane.poll == nil {
                // An idle connection the server closed: quietly gone; the next poll reconnects.
                closeConnection(of: lane)
                return .handled
            }
            return giveUp(lane)
        }
    }

    /// Closes the lane's socket and hands its poll (if any) to libcurl; the URL stays on
    /// libcurl until libcurl sees a 304 there again.
    private func giveUp(_ lane: Lane) -> Outcome {
        closeConnection(of: lane)
        let poll = lane.poll
        lane.poll = nil
        forget(lane.key)
        guard let poll else { return .handled }
        laneByID[poll.submission.id] = nil
        forgetDeadlineWhenIdle()
        counters.handedToLibcurl.add(1, ordering: .sequentiallyConsistent)
        return .handToLibcurl(poll.submission)
    }

    private func end(_ lane: Lane, _ poll: Poll, with result: Result<HTTPResponse, WireError>) {
        lane.poll = nil
        laneByID[poll.submission.id] = nil
        forgetDeadlineWhenIdle()
        poll.completion(result)
    }

    /// With no poll in flight, no deadline is pending: the loop need not wake for a stale one.
    private func forgetDeadlineWhenIdle() {
        if laneByID.isEmpty { earliestDeadline = nil }
    }

    /// Takes the URL off the fast path (libcurl failed there, or the fast path gave up): it
    /// comes back when libcurl sees a 304 there again.
    /// A lane with a poll in flight stays: that poll's own outcome decides.
    func forget(_ url: String) {
        guard let lane = lanes[url], lane.poll == nil else { return }
        lanes[url] = nil
        closeConnection(of: lane)
    }

    private func closeConnection(of lane: Lane) {
        guard let connection = lane.connection else { return }
        sockets.forgetOwn(connection.fd)
        laneBySocket[connection.fd] = nil
        connection.close()
        lane.connection = nil
        counters.openConnections.add(-1, ordering: .sequentiallyConsistent)
    }

    private func noteDeadline(_ deadline: ContinuousClock.Instant) {
        if earliestDeadline.map({ deadline < $0 }) ?? true { earliestDeadline = deadline }
    }

    private static func duration(_ seconds: Double) -> Duration {
        .milliseconds(Int64(min(max(seconds, 0.001), 86_400) * 1000))
    }

    private static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    private static func milliseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds * 1000 + attoseconds / 1_000_000_000_000_000
    }
}
