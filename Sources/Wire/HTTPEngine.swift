import A2A
import CCurl
import CShim
import Foundation

/// A protocol-agnostic HTTP client on ONE network thread (libcurl multi interface).
///
/// - Every request gets exactly one final callback (`completion` or `onEnd`), also when it is
///   canceled, invalid, or the engine shuts down.
/// - All callbacks run on the network thread, in libcurl's callbacks: do little there (parse,
///   decode, hand off), never block, never call `shutdown()` from them.
/// - libcurl follows no redirects: see `RedirectPolicy`.
/// - `message` of every `WireError` is redacted with the request's credential header values.
public final class HTTPEngine: Sendable {
    private let core = EngineCore()
    private let revalidation = RevalidationCounters()

    /// `fastRevalidation`: conditional GETs of `http://` URLs that libcurl has already seen
    /// answered 304 are sent on a socket of the engine's own and only a strict 304 is taken
    /// from it (`FastRevalidator`); anything else is done again through libcurl. Off: every
    /// request goes through libcurl.
    public init(fastRevalidation: Bool = true) {
        _ = Self.curlReady
        let core = self.core
        let revalidation = self.revalidation
        let thread = Thread {
            core.markNetworkThread()
            guard let loop = NetworkLoop(core: core, revalidation: revalidation, fastRevalidation: fastRevalidation) else {
                for submission in core.close() {
                    submission.delivery.fail(WireError(.other, "libcurl multi handle unavailable"))
                }
                return
            }
            loop.run()
        }
        thread.name = "agentdeck.network"
        thread.start()
    }

    deinit {
        core.requestStop()
    }

    /// `curl_global_init` exactly once per process (a lazy static is initialized once, thread-safely),
    /// with libcurl's large blocks in their own mappings (see CShim's agentdeck_curl_heap.h).
    private static let curlReady: Bool = agentdeck_curl_global_init_mem(
        agentdeck_curl_malloc, agentdeck_curl_free, agentdeck_curl_realloc, agentdeck_curl_strdup, agentdeck_curl_calloc
    ) == CURLE_OK

    /// Sends a request and collects the whole body (up to `maxBodyBytes`). Any HTTP status is
    /// a `.success`; transport problems are `.failure`.
    @discardableResult
    public func perform(
        _ request: HTTPRequest, completion: @escaping @Sendable (Result<HTTPResponse, WireError>) -> Void
    ) -> RequestID {
        submit(request, .collect(completion))
    }

    /// Opens a stream: `onHead` (status, headers) before any body byte, then `onBytes` for each
    /// chunk as it arrives (return false to abort), then `onEnd` once.
    @discardableResult
    public func stream(
        _ request: HTTPRequest,
        onHead: @escaping @Sendable (HTTPResponseHead) -> Void,
        onBytes: @escaping @Sendable (UnsafeRawBufferPointer) -> Bool,
        onEnd: @escaping @Sendable (StreamEnd) -> Void
    ) -> RequestID {
        submit(request, .bytes(onHead: onHead, onBytes: onBytes, onEnd: onEnd))
    }

    /// Opens a Server-Sent Events stream parsed on the network thread: `onHead`, then one
    /// `onItem` per event / comment / limit error (return false to abort), then `onEnd`.
    /// An answer that is not `text/event-stream` (a JSON error, say) is not parsed: its body
    /// arrives in `StreamEnd.unparsedBody`. Check `onHead`'s `isEventStream`.
    @discardableResult
    public func streamSSE(
        _ request: HTTPRequest,
        limits: SSELimits = SSELimits(),
        onHead: @escaping @Sendable (HTTPResponseHead) -> Void,
        onItem: @escaping @Sendable (SSEItem) -> Bool,
        onEnd: @escaping @Sendable (StreamEnd) -> Void
    ) -> RequestID {
        submit(request, .events(limits: limits, onHead: onHead, onItem: onItem, onEnd: onEnd))
    }

    /// What the fast revalidation path has done so far (any thread).
    public var revalidationCounts: RevalidationCounts { revalidation.snapshot }

    /// Cancels from any thread; returns at once. The request's final callback then reports
    /// `.canceled` (unless it had already finished). Unknown or finished IDs are ignored.
    public func cancel(_ id: RequestID) {
        core.cancel(id)
    }

    /// Ends every transfer (their callbacks report `.shutdown`), stops the network thread and
    /// waits for it. Later requests fail at once with `.shutdown`.
    public func shutdown() {
        core.requestStop()
        if !core.isOnNetworkThread {
            core.waitUntilClosed()
        }
    }

    /// `perform` for async callers; cancelling the task cancels the request.
    public func perform(_ request: HTTPRequest) async -> Result<HTTPResponse, WireError> {
        let pending = PendingCancel()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let id = perform(request) { continuation.resume(returning: $0) }
                if pending.attach(id) { cancel(id) }
            }
        } onCancel: {
            if let id = pending.markCanceled() { cancel(id) }
        }
    }

    private func submit(_ request: HTTPRequest, _ delivery: Delivery) -> RequestID {
        let id = core.allocateID()
        if !core.submit(Submission(id: id, request: request, delivery: delivery)) {
            delivery.fail(WireError(.shutdown, "the HTTP engine shut down"))
        }
        return id
    }
}

/// Joins a task cancellation with the request ID, whichever comes first.
private final class PendingCancel: @unchecked Sendable {
    private let lock = NSLock()
    private var id: RequestID?
    private var canceled = false

    /// Records the ID; true when the task was already canceled (so cancel now).
    func attach(_ id: RequestID) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        self.id = id
        return canceled
    }

    /// Records the cancellation; returns the ID when already known.
    func markCanceled() -> RequestID? {
        lock.lock()
        defer { lock.unlock() }
        canceled = true
        return id
    }
}
