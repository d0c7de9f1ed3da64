import CCurl

/// libcurl's single timer (`CURLMOPT_TIMERFUNCTION`): when the loop must next call
/// `curl_multi_socket_action(CURL_SOCKET_TIMEOUT)` for libcurl's own deadlines (new transfers to
/// start, connect and transfer timeouts, retries). Network thread only.
///
/// libcurl's rules: the callback only records the deadline (calling back into libcurl from it
/// is not allowed); -1 removes the timer, 0 means "as soon as possible" — the loop acts on it.
final class CurlTimer {
    /// When the timer expires; nil when libcurl has nothing pending.
    private(set) var deadline: ContinuousClock.Instant?

    /// Makes libcurl report its timer here. False when libcurl refuses.
    func install(on multi: UnsafeMutableRawPointer) -> Bool {
        let context = Unmanaged.passUnretained(self).toOpaque()
        let function = agentdeck_multi_setopt_timer_callback(multi) { _, milliseconds, context in
            guard let context else { return -1 }
            Unmanaged<CurlTimer>.fromOpaque(context).takeUnretainedValue().set(milliseconds: milliseconds)
            return 0
        }
        let data = agentdeck_multi_setopt_pointer(multi, CURLMOPT_TIMERDATA, context)
        return function == CURLM_OK && data == CURLM_OK
    }

    /// True (and the timer cleared) when it has expired: then call socket_action(TIMEOUT).
    func takeIfExpired(at now: ContinuousClock.Instant) -> Bool {
        guard let deadline, deadline <= now else { return false }
        self.deadline = nil
        return true
    }

    /// Re-reads libcurl's next deadline (`curl_multi_timeout`). libcurl only calls the timer
    /// callback when its next deadline CHANGES: if the loop woke a little before libcurl's
    /// clock reached it (millisecond rounding), socket_action did nothing, and without this the
    /// timer would never fire again.
    func refresh(from multi: UnsafeMutableRawPointer) {
        var milliseconds = -1
        guard curl_multi_timeout(multi, &milliseconds) == CURLM_OK else { return }
        set(milliseconds: milliseconds)
    }

    private func set(milliseconds: Int) {
        deadline = milliseconds < 0 ? nil : .now + .milliseconds(milliseconds)
    }
}
