import CCurl
import Foundation

/// The network thread's body: one libcurl multi handle driven by `curl_multi_socket_action`.
/// libcurl names the sockets it waits on (`SocketWatch`, an epoll set that also holds the
/// engine's wake-up signal) and its next deadline (`CurlTimer`); a round hands libcurl only the
/// sockets that are ready, or the timeout when it expired, so a wake-up costs what happened,
/// not a `poll` and a state-machine step for every transfer in flight. All libcurl calls and
/// all callbacks happen here, so transfers need no locking.
final class NetworkLoop {
    private let core: EngineCore
    private let multi: UnsafeMutableRawPointer
    /// libcurl's callbacks point at these (unretained): the loop keeps them alive until after
    /// `curl_multi_cleanup`, whose closing of cached connections still reports sockets.
    private let sockets: SocketWatch
    private let timer = CurlTimer()
    private var transfersByHandle: [UnsafeMutableRawPointer: Transfer] = [:]
    private var transfersByID: [RequestID: Transfer] = [:]
    private var handles = EasyHandlePool()
    private var origins = OriginMemo()
    /// Conditional card polls answered 304 without libcurl (see `FastRevalidator`).
    private let revalidator: FastRevalidator
    /// The connection cap last given to libcurl (see `updateConnectionCap`).
    private var connectionCap = 0
    private var connectionRoom = ConnectionCap()
    /// No stream's idle deadline is before this (nil: no stream has one). Activity only moves
    /// deadlines later, so streams need checking only once this has passed.
    private var earliestIdleDeadline: ContinuousClock.Instant?

    /// Longest wait when nothing is due; libcurl's timer, a wake-up or socket activity end it
    /// early.
    private static let maxWaitMilliseconds: Int64 = 5_000
    /// A busy loop goes round at most once per this many microseconds. A round no longer
    /// walks every transfer, but with 1,000 streams sending, going round for each event as it
    /// came would still pay an `epoll_wait`, the round's bookkeeping and a separate wake-up of
    /// each consumer per event; waiting this long lets one round take the events of many
    /// streams (the UI takes the news in 20 ms batches anyway). An idle loop is not slowed: it
    /// only sleeps after a short round.
    static let minimumRoundMicroseconds: UInt32 = 5_000

    init?(core: EngineCore, revalidation: RevalidationCounters, fastRevalidation: Bool) {
        guard let wake = WakeSignal(), let sockets = SocketWatch(wake: wake) else { return nil }
        guard let multi = curl_multi_init() else { return nil }
        self.core = core
        self.multi = multi
        self.sockets = sockets
        self.revalidator = FastRevalidator(sockets: sockets, counters: revalidation, enabled: fastRevalidation)
        guard sockets.install(on: multi), timer.install(on: multi) else {
            curl_multi_cleanup(multi)
            return nil
        }
        _ = agentdeck_multi_setopt_long(multi, CURLMOPT_PIPELINING, Int(CURLPIPE_MULTIPLEX))
        core.attach(wake: wake)
    }

    func run() {
        var roundStart = ContinuousClock.now
        while true {
            let elapsed = ContinuousClock.now - roundStart
            let minimum = Duration.microseconds(Int64(Self.minimumRoundMicroseconds))
            if elapsed < minimum {
                let (_, attoseconds) = (minimum - elapsed).components
                usleep(UInt32(clamping: attoseconds / 1_000_000_000_000))
            }
            roundStart = ContinuousClock.now
            let batch = core.drain()
            for submission in batch.submissions {
                if revalidator.begin(submission) {
                    // On the fast path's own socket: the handle kept for this URL is not needed.
                    handles.dropConfigured(for: submission.request.url)
                    continue
                }
                let origin = origins.origin(of: submission.request.url)
                connectionRoom.note(origin)
                start(submission, hops: 0, credentialOrigin: origin)
            }
            for id in batch.cancels {
                if let transfer = transfersByID[id] {
                    finish(transfer, error: WireError(.canceled, "canceled"))
                } else {
                    _ = revalidator.cancel(id)
                }
            }
            if batch.stopping { break }
            updateConnectionCap()

            // New transfers set libcurl's timer to 0: they start here.
            if timer.takeIfExpired(at: .now) {
                act(on: agentdeck_socket_timeout, events: 0)
                timer.refresh(from: multi)
            }
            collectCompletions()
            enforceIdleTimeouts()
            revalidator.expire()

            for ready in sockets.wait(milliseconds: waitMilliseconds()) {
                if revalidator.owns(ready.socket) {
                    if case .handToLibcurl(let submission) = revalidator.handle(ready.socket, events: ready.events) {
                        start(submission, hops: 0, credentialOrigin: origins.origin(of: submission.request.url))
                    }
                } else {
                    act(on: ready.socket, events: ready.events)
                }
            }
            collectCompletions()
        }
        for transfer in Array(transfersByID.values) {
            finish(transfer, error: WireError(.shutdown, "the HTTP engine shut down"))
        }
        revalidator.closeAll(WireError(.shutdown, "the HTTP engine shut down"))
        let late = core.close()
        handles.removeAll()
        curl_multi_cleanup(multi)
        for submission in late { submission.delivery.fail(WireError(.shutdown, "the HTTP engine shut down")) }
    }

    /// Lets libcurl act on one ready socket (or on its expired timer): only the transfers on
    /// that socket run, and their callbacks with them.
    private func act(on socket: curl_socket_t, events: Int32) {
        var running: Int32 = 0
        _ = curl_multi_socket_action(multi, socket, events, &running)
    }

    /// How long the wait may last: until libcurl's timer, the earliest idle deadline or the
    /// earliest fast revalidation deadline.
    private func waitMilliseconds() -> Int32 {
        let deadlines = [timer.deadline, earliestIdleDeadline, revalidator.earliestDeadline].compactMap { $0 }
        guard let deadline = deadlines.min() else { return Int32(Self.maxWaitMilliseconds) }
        let remaining = ContinuousClock.now.duration(to: deadline)
        if remaining <= .zero { return 0 }
        // Rounded up: waking before the deadline would only go round for nothing.
        let (seconds, attoseconds) = remaining.components
        let millis = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(min(Self.maxWaitMilliseconds, millis))
    }

    // MARK: - Starting and finishing

    private func start(_ submission: Submission, hops: Int, credentialOrigin: Origin?) {
        // The first hop's origin is the one the caller addressed; a redirect's is parsed anew.
        guard let handle = handles.take(for: submission.request.url) else {
            submission.delivery.fail(WireError(.other, "libcurl could not create a handle"))
            return
        }
        // A handle configured for an identical request: that request passed these checks.
        if !handle.isConfigured(for: submission.request, delivery: submission.delivery) {
            let origin = hops == 0 ? credentialOrigin : origins.origin(of: submission.request.url)
            if let problem = submission.request.validationProblem(origin: origin) {
                handles.give(handle)
                submission.delivery.fail(WireError(.invalidRequest, Redactor(secrets: submission.request.secrets).redact(problem)))
                return
            }
        }
        let transfer = Transfer(submission, handle: handle, hops: hops, credentialOrigin: credentialOrigin)
        if let error = transfer.configure() {
            submission.delivery.fail(error)
            return
        }
        let added = curl_multi_add_handle(multi, transfer.easy)
        guard added == CURLM_OK else {
            submission.delivery.fail(WireError(.other, "libcurl refused the transfer: \(String(cString: curl_multi_strerror(added)))"))
            return
        }
        transfersByHandle[transfer.easy] = transfer
        transfersByID[submission.id] = transfer
        if let deadline = Self.idleDeadline(of: transfer) { noteIdleDeadline(deadline) }
    }

    /// Removes the transfer from libcurl and the maps, and takes its handle back for the next
    /// transfer: read what is needed from the handle before.
    private func detach(_ transfer: Transfer) {
        _ = curl_multi_remove_handle(multi, transfer.easy)
        transfersByHandle[transfer.easy] = nil
        if transfersByID[transfer.id] === transfer { transfersByID[transfer.id] = nil }
        if let handle = transfer.surrenderHandle() { handles.give(handle) }
    }

    /// libcurl keeps at most 4 × (transfers in flight) connections by default and closes the
    /// oldest idle one beyond that: 100 agents polled a dozen at a time left room for ~50, so
    /// polls kept reopening connections (a TCP handshake and teardown on both ends, ~8 % of
    /// polls). One per transfer in flight plus an idle one per origin (`ConnectionCap`): every
    /// agent keeps its connection, and what a burst opened beyond that is closed as polls go on.
    private func updateConnectionCap() {
        let cap = connectionRoom.connections(inFlight: transfersByID.count)
        guard cap != connectionCap else { return }
        connectionCap = cap
        _ = agentdeck_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, cap)
    }

    private func collectCompletions() {
        var remaining: Int32 = 0
        while let message = curl_multi_info_read(multi, &remaining) {
            guard message.pointee.msg == CURLMSG_DONE,
                  let handle = message.pointee.easy_handle,
                  let transfer = transfersByHandle[handle]
            else { continue }
            let code = agentdeck_multi_msg_result(message)
            if code == CURLE_OK, followRedirect(of: transfer) { continue }
            finish(transfer, error: transfer.error(for: code))
        }
    }

    /// Starts the next hop of a followed redirect under the same request ID. The previous hop
    /// is detached first so its ID slot is free.
    private func followRedirect(of transfer: Transfer) -> Bool {
        guard case .collect = transfer.delivery,
              let next = RedirectPlan.next(
                after: transfer.request, status: transfer.responseCode(),
                target: transfer.string(CURLINFO_REDIRECT_URL), hopsSoFar: transfer.hops,
                credentialOrigin: transfer.credentialOrigin)
        else { return false }
        detach(transfer)
        start(Submission(id: transfer.id, request: next, delivery: transfer.delivery),
              hops: transfer.hops + 1, credentialOrigin: transfer.credentialOrigin)
        return true
    }

    /// Detaches the transfer and delivers its single final callback.
    private func finish(_ transfer: Transfer, error: WireError?) {
        let timing = transfer.timing
        let head = transfer.finalHead()
        let url = transfer.string(CURLINFO_EFFECTIVE_URL) ?? transfer.request.url
        // Read from the handle before it goes back to the pool: a 304 here opens the URL to
        // the fast path, anything else closes it.
        if case .collect = transfer.delivery {
            if error == nil, let head {
                revalidator.learn(from: transfer, status: head.status)
            } else {
                revalidator.forget(transfer.request.url)
            }
        }
        detach(transfer)
        switch transfer.delivery {
        case .collect(let completion):
            if let error {
                completion(.failure(error))
            } else if let head {
                completion(.success(HTTPResponse(
                    head: head, body: transfer.body, timing: timing, url: url, redirectsFollowed: transfer.hops)))
            } else {
                completion(.failure(WireError(.network, "no response received")))
            }
        case .bytes(_, _, let onEnd), .events(_, _, _, let onEnd):
            transfer.finishParsing()
            onEnd(StreamEnd(
                error: error, head: head, timing: timing, bytesReceived: transfer.bytesReceived,
                unparsedBody: transfer.body, discardedPartialEvent: transfer.discardedPartialEvent))
        }
    }

    // MARK: - Idle watchdog

    /// Aborts streams that have been silent too long, once the earliest idle deadline has
    /// passed (a scan over every transfer, so not every round), and notes the next one.
    private func enforceIdleTimeouts() {
        guard let earliest = earliestIdleDeadline, earliest <= .now else { return }
        let now = ContinuousClock.now
        earliestIdleDeadline = nil
        for transfer in Array(transfersByID.values) {
            guard let deadline = Self.idleDeadline(of: transfer) else { continue }
            if deadline <= now {
                let idle = transfer.request.idleTimeout ?? 0
                finish(transfer, error: WireError(
                    .idleTimeout, "idle timeout: no event or keep-alive for \(Self.format(idle)) s"))
            } else {
                noteIdleDeadline(deadline)
            }
        }
    }

    private func noteIdleDeadline(_ deadline: ContinuousClock.Instant) {
        if earliestIdleDeadline.map({ deadline < $0 }) ?? true { earliestIdleDeadline = deadline }
    }

    private static func idleDeadline(of transfer: Transfer) -> ContinuousClock.Instant? {
        guard let idle = transfer.request.idleTimeout, idle > 0 else { return nil }
        return transfer.lastActivity + .milliseconds(Int64(idle * 1000))
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
