import A2A
import Deck
import Foundation
import Synchronization

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
