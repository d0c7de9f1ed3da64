import CCurl
import Foundation

/// The network thread's body: one libcurl multi handle driving every transfer with
/// `curl_multi_poll`, woken by `curl_multi_wakeup` when work is queued. All libcurl calls
/// (except the wakeup) and all callbacks happen here, so transfers need no locking.
final class NetworkLoop {
    private let core: EngineCore
    private let multi: UnsafeMutableRawPointer
    private var transfersByHandle: [UnsafeMutableRawPointer: Transfer] = [:]
    private var transfersByID: [RequestID: Transfer] = [:]

    /// Longest sleep in `curl_multi_poll` when nothing is due; libcurl shortens it for its own
    /// timers, a wakeup or socket activity end it early.
    private static let maxPollMilliseconds = 5_000
    /// A busy loop goes round at most once per this many microseconds: with 1,000 streams each
    /// round is a `poll` over every socket and a `curl_multi_perform` over every transfer, and
    /// going round for each event as it came spent a quarter of the thread in `poll` alone.
    /// Waiting this long lets a round take the events of many streams (the UI takes the news in
    /// 20 ms batches anyway). An idle loop is not slowed: it only sleeps after a short round.
    static let minimumRoundMicroseconds: UInt32 = 5_000

    init?(core: EngineCore) {
        guard let multi = curl_multi_init() else { return nil }
        self.core = core
        self.multi = multi
        _ = agentdeck_multi_setopt_long(multi, CURLMOPT_PIPELINING, Int(CURLPIPE_MULTIPLEX))
        core.attach(multi: multi)
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
            for submission in batch.submissions { start(submission, hops: 0, credentialOrigin: Origin(url: submission.request.url)) }
            for id in batch.cancels {
                if let transfer = transfersByID[id] {
                    finish(transfer, error: WireError(.canceled, "canceled"))
                }
            }
            if batch.stopping { break }

            var running: Int32 = 0
            _ = curl_multi_perform(multi, &running)
            collectCompletions()
            let nextDeadline = enforceIdleTimeouts()

            var ready: Int32 = 0
            _ = curl_multi_poll(multi, nil, 0, Int32(pollMilliseconds(until: nextDeadline)), &ready)
        }
        for transfer in Array(transfersByID.values) {
            finish(transfer, error: WireError(.shutdown, "the HTTP engine shut down"))
        }
        let late = core.close()
        curl_multi_cleanup(multi)
        for submission in late { submission.delivery.fail(WireError(.shutdown, "the HTTP engine shut down")) }
    }

    // MARK: - Starting and finishing

    private func start(_ submission: Submission, hops: Int, credentialOrigin: Origin?) {
        if let problem = submission.request.validationProblem() {
            submission.delivery.fail(WireError(.invalidRequest, Redactor(secrets: submission.request.secrets).redact(problem)))
            return
        }
        guard let transfer = Transfer(submission, hops: hops, credentialOrigin: credentialOrigin) else {
            submission.delivery.fail(WireError(.other, "libcurl could not create a handle"))
            return
        }
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
    }

    private func detach(_ transfer: Transfer) {
        _ = curl_multi_remove_handle(multi, transfer.easy)
        transfersByHandle[transfer.easy] = nil
        if transfersByID[transfer.id] === transfer { transfersByID[transfer.id] = nil }
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

    /// Aborts streams that have been silent too long; returns the earliest upcoming deadline.
    private func enforceIdleTimeouts() -> ContinuousClock.Instant? {
        let now = ContinuousClock.now
        var earliest: ContinuousClock.Instant?
        for transfer in Array(transfersByID.values) {
            guard let idle = transfer.request.idleTimeout, idle > 0 else { continue }
            let deadline = transfer.lastActivity + .milliseconds(Int64(idle * 1000))
            if deadline <= now {
                finish(transfer, error: WireError(
                    .idleTimeout, "idle timeout: no event or keep-alive for \(Self.format(idle)) s"))
            } else if earliest.map({ deadline < $0 }) ?? true {
                earliest = deadline
            }
        }
        return earliest
    }

    private func pollMilliseconds(until deadline: ContinuousClock.Instant?) -> Int {
        guard let deadline else { return Self.maxPollMilliseconds }
        let remaining = ContinuousClock.now.duration(to: deadline)
        let millis = remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000
        return Int(max(1, min(Int64(Self.maxPollMilliseconds), millis + 1)))
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
