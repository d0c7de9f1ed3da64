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
final class RawStore: Sendable {
    /// One payload larger than this is kept cut, with a note (the decoded model is complete).
    static let maxPayloadBytes = 1 << 20
    let perTask: Int
    let maxBytes: Int
    /// Payload text kept in memory before the oldest of it is moved to the spill file.
    let hotBytes: Int
    private let spill: SpillFile?
    private let state = Mutex(Stored())

    private struct Stored {
        var byTask: [TaskKey: Kept] = [:]
        /// Tasks in order of their latest payload, oldest first: evicted first. A task moves to
        /// the end by being appended again with a new stamp; its older places are skipped (and
        /// dropped when the queue is compacted). Finding and removing its old place in a plain
        /// array was a linear scan of every task per payload: a hot spot of the network thread
        /// with 1,000 streams.
        var order: [(key: TaskKey, stamp: Int)] = []
        /// Places before this index in `order` are gone.
        var orderStart = 0
        var nextStamp = 0
        var bytes = 0
        /// Payloads whose text is in memory, oldest first (by serial; gone ones are skipped), and
        /// the bytes of that text.
        var hot: [(key: TaskKey, serial: Int)] = []
        var hotStart = 0
        var hotBytes = 0
        /// Payloads whose text is in memory.
        var hotCount = 0
        var nextSerial = 0

        mutating func evictOldest(spill: SpillFile?) {
            while orderStart < order.count {
                let (key, stamp) = order[orderStart]
                orderStart += 1
                guard let kept = byTask[key], kept.stamp == stamp else { continue }
                for payload in kept.payloads { forget(payload, spill: spill) }
                byTask.removeValue(forKey: key)
                return
            }
        }

        /// Accounts for a payload that is dropped.
        mutating func forget(_ payload: KeptPayload, spill: SpillFile?) {
            bytes -= payload.byteCount
            if let extent = payload.extent {
                spill?.release(extent)
            } else {
                hotBytes -= payload.byteCount
                hotCount -= 1
            }
        }

        /// Drops the queue's places of payloads that are gone or spilled once they outnumber the
        /// rest (a single long stream drops its oldest payloads without ever filling `hotBytes`).
        mutating func compactHotIfSparse() {
            if hot.count - hotStart > 2 * hotCount + 64 {
                hot = hot[hotStart...].filter { place in
                    byTask[place.key]?.payloads.contains { $0.serial == place.serial && $0.text != nil } ?? false
                }
                hotStart = 0
            } else if hotStart > hot.count - hotStart + 64 {
                // The places before `hotStart` (spilled) are dead too: without this, a queue whose
                // live part never got sparse kept every place ever made (12.6 MB after 7,400
                // tasks in the real dashboard, growing for as long as it ran).
                hot.removeFirst(hotStart)
                hotStart = 0
            }
        }

        /// Drops the skipped places once they outnumber the live ones (amortized O(1) a payload).
        mutating func compactIfSparse() {
            let places = order.count - orderStart
            if places > 2 * byTask.count + 64 {
                order = order[orderStart...].filter { byTask[$0.key]?.stamp == $0.stamp }
                orderStart = 0
            } else if orderStart > places + 64 {
                // Places before `orderStart` (evicted) are dead as well: dropped once they
                // outnumber the rest, or the queue grows with every payload of a long run.
                order.removeFirst(orderStart)
                orderStart = 0
            }
        }

        /// Moves the oldest in-memory text to the spill file until at most half of `limit` is
        /// left in memory, in batches of up to `SpillFile.largestBlob` bytes (one write each).
        mutating func spillOldest(to spill: SpillFile, limit: Int) {
            while hotBytes > limit / 2, hotStart < hot.count {
                var batch: [UInt8] = []
                var members: [(key: TaskKey, index: Int, range: Range<Int>)] = []
                while hotStart < hot.count {
                    let (key, serial) = hot[hotStart]
                    guard let index = byTask[key]?.payloads.firstIndex(where: { $0.serial == serial }),
                          let text = byTask[key]?.payloads[index].text
                    else {
                        hotStart += 1  // dropped since
                        continue
                    }
                    if !batch.isEmpty && batch.count + text.utf8.count > SpillFile.largestBlob { break }
                    hotStart += 1
                    members.append((key, index, batch.count..<batch.count + text.utf8.count))
                    batch.append(contentsOf: text.utf8)
                    if batch.count >= SpillFile.largestBlob / 2 { break }
                }
                // One payload larger than a blob, or a failed write: it stays in memory.
                guard !members.isEmpty, let extent = spill.store(batch) else { continue }
                for member in members {
                    let piece = extent.piece(member.range)
                    byTask[member.key]?.payloads[member.index].moveText(to: piece)
                    hotBytes -= member.range.count
                    hotCount -= 1
                }
            }
            compactHotIfSparse()
        }
    }

    /// A payload as held: its text in memory, or where it is in the spill file. Its subject is
    /// the task it is kept under (not a copy of the task's key per payload: with 10,000 tasks of
    /// ~12 payloads each, those copies and their id strings were ~5 MB).
    private struct KeptPayload {
        var source: String
        var text: String?
        var extent: SpillFile.Extent?
        var byteCount: Int
        var serial: Int
        /// A hash of a listed task's text (`RawStore.restatementFingerprint`), 0 for other payloads.
        var fingerprint: Int

        mutating func moveText(to extent: SpillFile.Extent) {
            self.extent = extent
            text = nil
        }

        func payload(of key: TaskKey, from spill: SpillFile?) -> RawPayload {
            let text = self.text ?? extent.flatMap { spill?.load($0) }.map { String(decoding: $0, as: UTF8.self) }
            return RawPayload(subject: .task(key), source: source, text: text ?? "(this payload could not be read back from the scratch file)")
        }
    }

    private struct Kept {
        var payloads: [KeptPayload]
        /// Matches the task's latest place in `order`.
        var stamp: Int
    }

    init(perTask: Int = 20, maxBytes: Int = 32 << 20, spill: SpillFile? = nil, hotBytes: Int = 2 << 20) {
        self.perTask = perTask
        self.maxBytes = maxBytes
        self.spill = spill
        self.hotBytes = hotBytes
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
        state.withLock { s in
            // A list poll restating the task's latest payload word for word: nothing new to show.
            // Keeping each restatement filled every task's 20 places with copies (~10 MB of
            // records for 10,000 settled tasks, made on the network thread every 10 s).
            if fingerprint != 0, let last = s.byTask[received]?.payloads.last, last.fingerprint == fingerprint,
               last.byteCount == payload.text.utf8.count, last.source == payload.source {
                return
            }
            // The key already held, if any: one id string per task for every place that names it
            // (each payload's id is a fresh string from the decoder).
            let key = s.byTask.index(forKey: received).map { s.byTask.keys[$0] } ?? received
            let stamp = s.nextStamp
            s.nextStamp += 1
            let serial = s.nextSerial
            s.nextSerial += 1
            let byteCount = payload.text.utf8.count
            var kept = s.byTask.removeValue(forKey: key) ?? Kept(payloads: [], stamp: stamp)
            kept.payloads.append(KeptPayload(
                source: payload.source, text: payload.text, extent: nil, byteCount: byteCount, serial: serial,
                fingerprint: fingerprint))
            kept.stamp = stamp
            s.bytes += byteCount
            s.hotBytes += byteCount
            s.hotCount += 1
            if spill != nil { s.hot.append((key, serial)) }
            while kept.payloads.count > perTask {
                s.forget(kept.payloads.removeFirst(), spill: spill)
            }
            s.byTask[key] = kept
            s.order.append((key, stamp))
            while s.bytes > maxBytes, s.byTask.count > 1 {
                s.evictOldest(spill: spill)
            }
            s.compactIfSparse()
            if let spill {
                if s.hotBytes > hotBytes { s.spillOldest(to: spill, limit: hotBytes) }
                s.compactHotIfSparse()
            }
        }
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

    /// Bytes of payload text held in memory (the rest is in the spill file), for tests and measurements.
    var bytesInMemory: Int { state.withLock { $0.hotBytes } }

    /// The payloads received for a task, oldest first.
    func payloads(for key: TaskKey) -> [RawPayload] {
        let kept = state.withLock { $0.byTask[key]?.payloads ?? [] }
        return kept.map { $0.payload(of: key, from: spill) }
    }
}

/// Where the agents' JSON goes as it arrives: the raw view's store and the journal.
final class RawSink: Sendable {
    let store: RawStore
    let journal: JournalWriter?
    /// A task list's per-task JSON waiting for its result to be applied (by request tag): only
    /// then is it known which of its tasks `update` skips (`journalListed`).
    private let listsAwaitingJournal = Mutex<[RequestTag: [RawPayload]]>([:])

    init(store: RawStore, journal: JournalWriter?) {
        self.store = store
        self.journal = journal
    }

    /// A call's answer. A task list is split so each task gets its own JSON (the page's
    /// `tasks` array, JSON-RPC `result.tasks` or REST `tasks`, matched by position and id); the
    /// raw view gets them now, the journal when the result is applied (`journalListed`).
    func receivedResult(_ text: String, agent: AgentID, result: A2AResult, tag: RequestTag? = nil) {
        guard case .taskPage(let page) = result else {
            received(text, agent: agent, taskIDs: result.streamEvents.compactMap(\.taskID), source: "result")
            return
        }
        var payloads: [RawPayload] = []
        func listed(_ json: String, _ id: String) {
            guard TaskKey.isUsable(taskID: id) else { return }
            let payload = RawPayload(
                subject: .task(TaskKey(agentID: agent, taskID: id)), source: RawStore.listSource, text: RawStore.bounded(json))
            store.add(payload)
            payloads.append(payload)
        }
        if let found = Self.listedTasks(in: text, page: page) {
            for (id, json) in found { listed(json, id) }
        } else if let body = try? JSONParser.parse(text),
                  let list = (body["result"]?["tasks"] ?? body["tasks"])?.arrayValue, list.count == page.tasks.count {
            for (task, json) in zip(page.tasks, list) where json["id"]?.stringValue == task.id {
                listed(JSONWriter().string(json), task.id)
            }
        }
        guard let journal, !payloads.isEmpty else { return }
        guard let tag else {
            let now = JournalClock.now()
            for payload in payloads { journal.record(.raw(payload, at: now)) }
            return
        }
        listsAwaitingJournal.withLock { $0[tag, default: []] += payloads }
    }

    /// Journals the per-task JSON of the task list answered to `tag`, as its result is applied,
    /// but for the tasks `update` skips (followed by a stream: their events are journaled).
    func journalListed(_ tag: RequestTag, skipping skipped: Set<String>, at now: Date) {
        guard let journal, let payloads = listsAwaitingJournal.withLock({ $0.removeValue(forKey: tag) }) else { return }
        for payload in payloads {
            if case .task(let key) = payload.subject, skipped.contains(key.taskID) { continue }
            journal.record(.raw(payload, at: now))
        }
    }

    /// Each listed task's JSON cut from the page as received, when every element has a plain
    /// string id (nil otherwise: the caller parses the page). Elements whose id is not the
    /// decoded task's at that position are left out, as the parsing path does.
    static func listedTasks(in text: String, page: TaskPage) -> [(id: String, json: String)]? {
        var text = text
        return text.withUTF8 { body -> [(id: String, json: String)]? in
            guard let ranges = TaskListSlices.elements(of: body), ranges.count == page.tasks.count else { return nil }
            var listed: [(id: String, json: String)] = []
            listed.reserveCapacity(ranges.count)
            for (task, range) in zip(page.tasks, ranges) {
                guard let id = TaskListSlices.plainString(member: "id", of: range, in: body) else { return nil }
                guard UnsafeBufferPointer(rebasing: body[id]).elementsEqual(task.id.utf8) else { continue }
                listed.append((task.id, String(decoding: UnsafeBufferPointer(rebasing: body[range]), as: UTF8.self)))
            }
            return listed
        }
    }

    /// One payload that decoded to events (or a result) about these tasks.
    func received(_ text: String, agent: AgentID, taskIDs: [String], source: String) {
        guard !taskIDs.isEmpty else { return }
        let bounded = RawStore.bounded(text)
        let now = JournalClock.now()
        for id in Set(taskIDs).sorted() where TaskKey.isUsable(taskID: id) {
            let payload = RawPayload(subject: .task(TaskKey(agentID: agent, taskID: id)), source: source, text: bounded)
            store.add(payload)
            journal?.record(.raw(payload, at: now))
        }
    }
}

/// The last raw payload a client reported, held until the decoded events (or result) that
/// follow it on the same thread pick it up.
final class LatestRaw: Sendable {
    private let text = Mutex<String?>(nil)
    func set(_ value: String) { text.withLock { $0 = value } }
    func take() -> String? { text.withLock { $0.take() } }
}
