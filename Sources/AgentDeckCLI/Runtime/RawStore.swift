import A2A
import Deck
import Foundation
import Synchronization

/// The JSON agents sent about each task, as received, for the raw view: the last few payloads
/// per task, bounded in count and bytes. Filled on the network thread (live) or from the
/// journal (replay); read on the UI thread.
///
/// With a `SpillFile`, only the most recent `hotBytes` of payload text stay in memory; older text
/// goes to the file in batches (one write per ~128 KB) and is read back when the raw view shows it.
/// Up to 32 MB of raw JSON for thousands of finished tasks then costs no resident memory.
///
/// Each payload is a 32-byte `RawRecord` in one pool shared by every task (`RawStoreContents`):
/// 10,000 settled tasks' ~120,000 payloads are a few large blocks, not a small array per task
/// made on the network thread (see `RawRecordPool`).
final class RawStore: Sendable {
    /// One payload larger than this is kept cut, with a note (the decoded model is complete).
    static let maxPayloadBytes = 1 << 20
    let perTask: Int
    let maxBytes: Int
    /// Payload text kept in memory before the oldest of it is moved to the spill file.
    let hotBytes: Int
    private let spill: SpillFile?
    private let state: Mutex<RawStoreContents>

    init(perTask: Int = 20, maxBytes: Int = 32 << 20, spill: SpillFile? = nil, hotBytes: Int = 2 << 20) {
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
        let fingerprint = Self.restatementFingerprint(payload)
        state.withLock { $0.add(received, source: payload.source, text: payload.text, fingerprint: fingerprint) }
    }

    /// Tasks held, oldest payload first (for tests).
    var tasksByAge: [TaskKey] {
        state.withLock { s in s.order[s.orderStart...].filter { s.byTask[$0.key]?.stamp == $0.stamp }.map(\.key) }
    }

    /// Places in the queue of in-memory payloads (for tests: it must stay bounded).
    var hotQueueLength: Int { state.withLock { $0.hot.count - $0.hotStart } }

    /// Places the two queues hold, dead ones before their start included (for tests: bounded by
    /// what is held, not by what was ever received).
    var queuedPlaces: (order: Int, hot: Int) { state.withLock { ($0.order.count, $0.hot.count) } }

    /// Payload records in use, records the shared pool holds (in use or free), and source names
    /// known (for tests and measurements: the pool is as long as the most records held at once).
    var recordCounts: (live: Int, pooled: Int, sources: Int) {
        state.withLock { ($0.pool.liveCount, $0.pool.capacity, $0.sources.count) }
    }

    /// Bytes of payload text held in memory (the rest is in the spill file), for tests and measurements.
    var bytesInMemory: Int { state.withLock { $0.hotBytes } }

    /// The payloads received for a task, oldest first.
    func payloads(for key: TaskKey) -> [RawPayload] {
        // Spilled text is read after the lock is let go: the network thread does not wait on the disk.
        let held = state.withLock { $0.held(key) }
        return held.map { payload in
            let text = payload.text ?? payload.spilled.flatMap { spill?.load($0) }.map { String(decoding: $0, as: UTF8.self) }
            return RawPayload(subject: .task(key), source: payload.source,
                              text: text ?? "(this payload could not be read back from the scratch file)")
        }
    }
}
