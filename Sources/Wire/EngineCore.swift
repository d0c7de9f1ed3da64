import Foundation

/// The only state shared between caller threads and the network thread: a submission queue,
/// cancel requests, the stop flag, and the loop's wake-up signal. Guarded by one lock, held
/// briefly; the wake-up happens under the lock so it can never race the signal's release.
final class EngineCore: @unchecked Sendable {
    struct Batch {
        var submissions: [Submission] = []
        var cancels: [RequestID] = []
        var stopping = false

        /// Queued submissions or cancels: a wake-up has gone out for them since the last drain.
        var hasWork: Bool { !submissions.isEmpty || !cancels.isEmpty }
    }

    private let lock = NSCondition()
    private var batch = Batch()
    private var nextID: UInt64 = 1
    private var wake: WakeSignal?
    /// The network thread has exited; nothing will run submissions any more.
    private var closed = false
    private var networkThread: pthread_t?

    func allocateID() -> RequestID {
        lock.lock()
        defer { lock.unlock() }
        let id = RequestID(rawValue: nextID)
        nextID += 1
        return id
    }

    /// Queues a submission; false once the engine is stopping or stopped.
    func submit(_ submission: Submission) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard !batch.stopping && !closed else { return false }
        let wakeIsPending = batch.hasWork
        batch.submissions.append(submission)
        // The first piece of work since the last drain wakes the thread; it drains all of it.
        // (A dozen card polls sent together used to write a dozen wake-ups.)
        if !wakeIsPending { wakeLocked() }
        return true
    }

    func cancel(_ id: RequestID) {
        lock.lock()
        defer { lock.unlock() }
        guard !closed else { return }
        let wakeIsPending = batch.hasWork
        batch.cancels.append(id)
        if !wakeIsPending { wakeLocked() }
    }

    func requestStop() {
        lock.lock()
        defer { lock.unlock() }
        batch.stopping = true
        wakeLocked()
    }

    /// Blocks until the network thread has exited.
    func waitUntilClosed() {
        lock.lock()
        defer { lock.unlock() }
        while !closed { lock.wait() }
    }

    /// True on the network thread (where waiting for the thread to exit would deadlock).
    var isOnNetworkThread: Bool {
        lock.lock()
        defer { lock.unlock() }
        guard let networkThread else { return false }
        return pthread_equal(networkThread, pthread_self()) != 0
    }

    // MARK: network thread side

    func markNetworkThread() {
        lock.lock()
        defer { lock.unlock() }
        networkThread = pthread_self()
    }

    func attach(wake: WakeSignal) {
        lock.lock()
        defer { lock.unlock() }
        self.wake = wake
    }

    /// Takes everything queued since the last call.
    func drain() -> Batch {
        lock.lock()
        defer { lock.unlock() }
        let taken = batch
        batch.submissions = []
        batch.cancels = []
        return taken
    }

    /// Called by the network thread when it stops taking work. Returns the submissions that
    /// raced in, so they can be failed.
    func close() -> [Submission] {
        lock.lock()
        defer { lock.unlock() }
        closed = true
        wake = nil
        let late = batch.submissions
        batch = Batch(stopping: true)
        lock.broadcast()
        return late
    }

    private func wakeLocked() {
        wake?.signal()
    }
}

