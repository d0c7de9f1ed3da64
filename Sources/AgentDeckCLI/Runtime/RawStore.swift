import A2A
import Deck
import Foundation
import Synchronization

/// The JSON agents sent about each task, as received, for the raw view: the last few payloads
/// per task, bounded in count and bytes. Added to on the network thread (live) or from the
/// journal (replay); taken in (`settle`) and read on the UI thread.
///
/// With a `SpillFile`, only the most recent `hotBytes` of payload text stay in memory; older text
/// goes to the file in batches (one write per ~128 KB) and is read back when the raw view shows it.
/// Up to 32 MB of raw JSON for thousands of finished tasks then costs no resident memory.
///
/// Each payload is a 32-byte `RawRecord` in one pool shared by every task (`RawStoreContents`):
/// 10,000 settled tasks' ~120,000 payloads are a few large blocks, not a small array per task
/// made on the network thread (see `RawRecordPool`).
///
/// `add` only queues: the payloads are taken in by `settle`, which the dashboard calls on the UI
/// thread after each batch of news (and every read calls first). What the store keeps for as long
/// as a task is retained — its key's id, a fresh copy (`TaskKey.freshCopy`), and the pool's
/// growth — is then made in the UI thread's heap, not between the network thread's transient
/// buffers, where each kept block held a page resident (BENCHMARKS.md, round 8).
final class RawStore: Sendable {
    /// One payload larger than this is kept cut, with a note (the decoded model is complete).
    static let maxPayloadBytes = 1 << 20
    let perTask: Int
    let maxBytes: Int
    /// Payload text kept in memory before the oldest of it is moved to the spill file.
    let hotBytes: Int
    private let spill: SpillFile?
    private let state: Mutex<RawStoreContents>
    /// Payloads added and not yet taken in (see `settle`).
    private let queued = Mutex<[Queued]>([])
    /// A queue this long is taken in by the thread that adds (nobody is settling: a replay, a
    /// test, or a UI thread that stalled).
    static let queueLimit = 4096

    private struct Queued {
        var key: TaskKey
        var source: String
        var text: String
        var fingerprint: Int
    }

    init(perTask: Int = 20, maxBytes: Int = 32 << 20, spill: SpillFile? = nil, hotBytes: Int = 512 << 10) {
        self.perTask = perTask
        self.maxBytes = maxBytes
        self.spill = spill
        self.hotBytes = hotBytes
        state = Mutex(RawStoreContents(perTask: perTask, maxBytes: maxBytes, hotLimit: hotBytes, spill: spill))
    }

    static func bounded(_ text: String) -> String {
        guard text.utf8.count > maxPayloadBytes else { return text }
        let cut = String(decoding: text.utf8.prefix(maxPayloadBytes), as: UTF8.self)
        return cut + "\n… (cut: \(text.utf8.count) bytes received)"
    }

    /// The source of a listed task's JSON (a ListTasks page, cut per task).
    static let listSource = "list"

    /// A hash of a listed task's text, never 0 (0: not hashed); 0 for other sources. Each list
    /// poll restates every task it lists (every 10 s, all 10,000 of a settled fleet): the same
    /// text again is not kept twice (see `add`).
    static func restatementFingerprint(_ payload: RawPayload) -> Int {
        guard payload.source == listSource else { return 0 }
        var hasher = Hasher()
        var text = payload.text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        return hasher.finalize() | 1
    }

    func add(_ payload: RawPayload) {
        guard case .task(let received) = payload.subject else { return }
        let item = Queued(key: received, source: payload.source, text: payload.text, fingerprint: Self.restatementFingerprint(payload))
        let backlog = queued.withLock { queue in
            queue.append(item)
            return queue.count
        }
        if backlog >= Self.queueLimit { settle() }
    }

    /// Payloads added and not taken in yet (for tests: bounded by `queueLimit`).
    var queuedCount: Int { queued.withLock { $0.count } }

    /// Takes the queued payloads in, in the order they were added. Call it on the thread that
    /// should hold what the store keeps (the dashboard's UI thread); every read calls it first.
    /// `known` gives the key the caller already holds for a task new to the store (its strings
    /// are then shared, not copied).
    func settle(known: (TaskKey) -> TaskKey? = { _ in nil }) {
        let batch = queued.withLock { queue in
            let batch = queue
            queue = []
            return batch
        }
        guard !batch.isEmpty else { return }
        state.withLock { contents in
            // The text too is copied here: kept until it is spilled, it would otherwise stay where
            // the network thread made it, between that thread's transient buffers.
            for item in batch {
                contents.add(item.key, source: item.source, text: FreshCopy.of(item.text), fingerprint: item.fingerprint, known: known)
            }
        }
    }

    /// Tasks held, oldest payload first (for tests).
    var tasksByAge: [TaskKey] {
        settle()
        return state.withLock { s in s.order[s.orderStart...].filter { s.byTask[$0.key]?.stamp == $0.stamp }.map(\.key) }
    }

    /// Places in the queue of in-memory payloads (for tests: it must stay bounded).
    var hotQueueLength: Int { settle(); return state.withLock { $0.hot.count - $0.hotStart } }

    /// Places the two queues hold, dead ones before their start included (for tests: bounded by
    /// what is held, not by what was ever received).
    var queuedPlaces: (order: Int, hot: Int) { settle(); return state.withLock { ($0.order.count, $0.hot.count) } }

    /// Payload records in use, records the shared pool holds (in use or free), and source names
    /// known (for tests and measurements: the pool is as long as the most records held at once).
    var recordCounts: (live: Int, pooled: Int, sources: Int) {
        settle()
        return state.withLock { ($0.pool.liveCount, $0.pool.capacity, $0.sources.count) }
    }

    /// Bytes of payload text held in memory (the rest is in the spill file), for tests and measurements.
    var bytesInMemory: Int { settle(); return state.withLock { $0.hotBytes } }

    /// The payloads received for a task, oldest first.
    func payloads(for key: TaskKey) -> [RawPayload] {
        settle()
        // Spilled text is read after the lock is let go: the network thread does not wait on the disk.
        let held = state.withLock { $0.held(key) }
        return held.map { payload in
            let text = payload.text ?? payload.spilled.flatMap { spill?.load($0) }.map { String(decoding: $0, as: UTF8.self) }
            return RawPayload(subject: .task(key), source: payload.source,
                              text: text ?? "(this payload could not be read back from the scratch file)")
        }
    }
}
