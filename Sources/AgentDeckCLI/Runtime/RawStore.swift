import A2A
import Deck
import Foundation
import Synchronization

/// The JSON agents sent about each task, as received, for the raw view: the last few payloads
/// per task, bounded in count and bytes. Filled on the network thread (live) or from the
/// journal (replay); read on the UI thread.
final class RawStore: Sendable {
    /// One payload larger than this is kept cut, with a note (the decoded model is complete).
    static let maxPayloadBytes = 1 << 20
    let perTask: Int
    let maxBytes: Int
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

        mutating func evictOldest() {
            while orderStart < order.count {
                let (key, stamp) = order[orderStart]
                orderStart += 1
                guard let kept = byTask[key], kept.stamp == stamp else { continue }
                bytes -= kept.payloads.reduce(0) { $0 + $1.text.utf8.count }
                byTask.removeValue(forKey: key)
                return
            }
        }

        /// Drops the skipped places once they outnumber the live ones (amortized O(1) a payload).
        mutating func compactIfSparse() {
            let places = order.count - orderStart
            guard places > 2 * byTask.count + 64 else { return }
            order = order[orderStart...].filter { byTask[$0.key]?.stamp == $0.stamp }
            orderStart = 0
        }
    }

    private struct Kept {
        var payloads: [RawPayload]
        /// Matches the task's latest place in `order`.
        var stamp: Int
    }

    init(perTask: Int = 20, maxBytes: Int = 32 << 20) {
        self.perTask = perTask
        self.maxBytes = maxBytes
    }

    static func bounded(_ text: String) -> String {
        guard text.utf8.count > maxPayloadBytes else { return text }
        let cut = String(decoding: text.utf8.prefix(maxPayloadBytes), as: UTF8.self)
        return cut + "\n… (cut: \(text.utf8.count) bytes received)"
    }

    func add(_ payload: RawPayload) {
        guard case .task(let key) = payload.subject else { return }
        state.withLock { s in
            let stamp = s.nextStamp
            s.nextStamp += 1
            var kept = s.byTask.removeValue(forKey: key) ?? Kept(payloads: [], stamp: stamp)
            kept.payloads.append(payload)
            kept.stamp = stamp
            s.bytes += payload.text.utf8.count
            while kept.payloads.count > perTask {
                s.bytes -= kept.payloads.removeFirst().text.utf8.count
            }
            s.byTask[key] = kept
            s.order.append((key, stamp))
            while s.bytes > maxBytes, s.byTask.count > 1 {
                s.evictOldest()
            }
            s.compactIfSparse()
        }
    }

    /// Tasks held, oldest payload first (for tests).
    var tasksByAge: [TaskKey] {
        state.withLock { s in s.order[s.orderStart...].filter { s.byTask[$0.key]?.stamp == $0.stamp }.map(\.key) }
    }

    /// The payloads received for a task, oldest first.
    func payloads(for key: TaskKey) -> [RawPayload] { state.withLock { $0.byTask[key]?.payloads ?? [] } }
}

/// Where the agents' JSON goes as it arrives: the raw view's store and the journal.
final class RawSink: Sendable {
    let store: RawStore
    let journal: JournalWriter?

    init(store: RawStore, journal: JournalWriter?) {
        self.store = store
        self.journal = journal
    }

    /// A call's answer. A task list is split so each task gets its own JSON (the page's
    /// `tasks` array, JSON-RPC `result.tasks` or REST `tasks`, matched by position and id).
    func receivedResult(_ text: String, agent: AgentID, result: A2AResult) {
        guard case .taskPage(let page) = result else {
            received(text, agent: agent, taskIDs: result.streamEvents.compactMap(\.taskID), source: "result")
            return
        }
        if let listed = Self.listedTasks(in: text, page: page) {
            for (id, json) in listed { received(json, agent: agent, taskIDs: [id], source: "list") }
            return
        }
        guard let body = try? JSONParser.parse(text),
              let list = (body["result"]?["tasks"] ?? body["tasks"])?.arrayValue, list.count == page.tasks.count
        else { return }
        for (task, json) in zip(page.tasks, list) where json["id"]?.stringValue == task.id {
            received(JSONWriter().string(json), agent: agent, taskIDs: [task.id], source: "list")
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
