import A2A
import Deck
import Foundation
import Testing

@testable import AgentDeckCLI

/// The store's representation: 32-byte records in one pool shared by every task, freed records
/// reused, source names interned, in-memory text beside the records.
@Suite struct RawStoreRecordTests {
    let agent = AgentID("a01")

    func key(_ n: Int) -> TaskKey { TaskKey(agentID: agent, taskID: "t\(n)") }

    func event(_ n: Int, _ source: String = "event", pad: Int = 0) -> RawPayload {
        RawPayload(subject: .task(key(n)), source: source, text: "{\"n\":\(n),\"pad\":\"\(String(repeating: "x", count: pad))\"}")
    }

    @Test func aRecordIsThirtyTwoBytes() {
        #expect(MemoryLayout<RawRecord>.stride <= 32)
    }

    /// Payloads dropped by the per-task bound give their records back; the next ones reuse them.
    @Test func aTasksOverflowFreesItsOldestRecords() {
        let store = RawStore(perTask: 3)
        for i in 0..<10 {
            store.add(RawPayload(subject: .task(key(1)), source: "event", text: "{\"i\":\(i)}"))
        }
        #expect(store.payloads(for: key(1)).map(\.text) == (7..<10).map { "{\"i\":\($0)}" })
        #expect(store.recordCounts.live == 3)
        #expect(store.recordCounts.pooled == 4, "3 held, and the new one made before the oldest went")
    }

    /// Thousands of tasks come and go under the byte bound: the pool stays the size of the most
    /// records held at once, not of every payload received.
    @Test(arguments: [false, true])
    func thePoolIsReusedAcrossManyTasks(spilled: Bool) throws {
        let spill = try RawStoreOrderTests.spillFile(if: spilled)
        let store = RawStore(perTask: 4, maxBytes: 4_000, spill: spill, hotBytes: 500)
        var mostHeld = 0
        for step in 0..<30_000 {
            store.add(event(step / 3, pad: step % 50))
            mostHeld = max(mostHeld, store.recordCounts.live)
        }
        let held = store.tasksByAge
        let payloads = held.reduce(0) { $0 + store.payloads(for: $1).count }
        #expect(held.count > 10 && held.count < 200)
        #expect(store.recordCounts.live == payloads)
        #expect(store.recordCounts.pooled <= mostHeld + 1)
        #expect(store.payloads(for: key(9_999)).map(\.text) == (0..<3).map { "{\"n\":9999,\"pad\":\"\(String(repeating: "x", count: (29_997 + $0) % 50))\"}" })
        // Evicted tasks keep nothing.
        #expect(store.payloads(for: key(0)).isEmpty)
        if let spill { #expect(store.bytesInMemory + spill.liveBytes == held.reduce(0) { $0 + store.payloads(for: $1).reduce(0) { $0 + $1.text.utf8.count } }) }
    }

    /// Text moved to the spill file reads back exactly, oldest first, whatever the source.
    @Test func spilledTextReadsBackWithItsSource() throws {
        let spill = try #require(try RawStoreOrderTests.spillFile(if: true))
        let store = RawStore(perTask: 20, spill: spill, hotBytes: 1_000)
        let sources = ["list", "event", "result", "webhook"]
        for i in 0..<200 { store.add(event(i % 10, sources[i % 4], pad: i)) }
        // The store's read first: it takes the queued payloads in (`RawStore.settle`).
        #expect(store.bytesInMemory <= 1_000 && spill.liveBytes > 0)
        for task in 0..<10 {
            let held = store.payloads(for: key(task))
            let expected = (0..<200).filter { $0 % 10 == task }.suffix(20)
            #expect(held.map(\.text) == expected.map { event(task, pad: $0).text })
            #expect(held.map(\.source) == expected.map { sources[$0 % 4] })
        }
    }

    /// A restatement is compared with the task's newest payload only: after another source, or
    /// after the task was evicted, the same listed JSON is kept again.
    @Test func aRestatementIsComparedWithTheNewestPayloadOnly() {
        let store = RawStore(perTask: 5, maxBytes: 200)
        let listed = RawPayload(subject: .task(key(1)), source: RawStore.listSource, text: #"{"id":"t1","state":"working"}"#)
        store.add(listed)
        store.add(listed)
        #expect(store.payloads(for: key(1)).count == 1)
        store.add(event(1))
        store.add(listed)
        #expect(store.payloads(for: key(1)).map(\.source) == ["list", "event", "list"])
        // Another task's 300 bytes evict t1: the same JSON again starts t1 afresh.
        store.add(event(2, pad: 300))
        #expect(store.payloads(for: key(1)).isEmpty)
        store.add(listed)
        #expect(store.payloads(for: key(1)).map(\.text) == [listed.text])
        // Same bytes under another source is not a restatement.
        store.add(RawPayload(subject: .task(key(1)), source: "result", text: listed.text))
        store.add(RawPayload(subject: .task(key(1)), source: RawStore.listSource, text: listed.text))
        #expect(store.payloads(for: key(1)).map(\.source) == ["list", "result", "list"])
    }

    /// A journal written by another version may name sources this one never makes: replayed,
    /// they read back as written, and their names go once no payload uses them.
    @Test func aReplayedUnknownSourceReadsBackAndItsNameGoesWithIt() {
        let start = JournalClock.now()
        let config = DeckConfig(agents: [AgentConfig(id: agent, url: "http://127.0.0.1:9/")])
        let entries: [JournalEntry] = [
            .raw(RawPayload(subject: .task(key(1)), source: "push-notification", text: #"{"a":1}"#), at: start),
            .raw(RawPayload(subject: .task(key(1)), source: "event", text: #"{"a":2}"#), at: start),
            .raw(RawPayload(subject: .task(key(2)), source: "sse-resubscribe", text: #"{"b":1}"#), at: start),
        ]
        let log = JournalSessionLog(
            session: JournalSession(id: "x", started: start, config: config, keyMap: .standard), entries: entries, missingStart: false)
        let store = RawStore(perTask: 2, maxBytes: 1_000)
        var replay = JournalReplay(log, rawStore: store)
        replay.advanceToEnd()
        #expect(store.payloads(for: key(1)).map(\.source) == ["push-notification", "event"])
        #expect(store.payloads(for: key(2)).map(\.source) == ["sse-resubscribe"])
        #expect(store.recordCounts.sources == RawSourceNames.builtIn.count + 2)
        // Task 1's unusual payload drops out (per-task bound): its name goes, task 2's stays.
        store.add(event(1))
        store.add(event(1))
        #expect(store.payloads(for: key(1)).map(\.source) == ["event", "event"])
        #expect(store.recordCounts.sources == RawSourceNames.builtIn.count + 1)
        // A journal naming a new source on every line: the table holds only the names in use.
        for i in 0..<5_000 { store.add(RawPayload(subject: .task(key(3)), source: "s\(i)", text: "{}")) }
        #expect(store.payloads(for: key(3)).map(\.source) == ["s4998", "s4999"])
        #expect(store.recordCounts.sources == RawSourceNames.builtIn.count + 3)
    }

    /// 2¹⁶ − 1 names in use at once: a further one is named by the overflow name, and a
    /// name freed since is given to the next new one.
    @Test func sourceNamesBeyondTheCodesShareTheOverflowName() {
        var names = RawSourceNames()
        let first = names.use("n0")
        for i in 1..<(Int(UInt16.max) - RawSourceNames.builtIn.count) { _ = names.use("n\(i)") }
        #expect(names.count == Int(UInt16.max))
        let overflow = names.use("one too many")
        #expect(names.name(overflow) == RawSourceNames.overflowName)
        #expect(names.name(names.use("and another")) == RawSourceNames.overflowName)
        #expect(names.name(first) == "n0")
        names.release(first)
        let reused = names.use("late")
        #expect(reused == first && names.name(reused) == "late")
        #expect(names.name(names.use("event")) == "event")
    }

    /// `add` queues; `settle` (the dashboard's UI thread) takes the payloads in, in order, keeping a
    /// fresh copy of each new task's id; a queue left unsettled is taken in by the adder at its limit.
    @Test func addedPayloadsAreTakenInBySettleInOrder() throws {
        let store = RawStore(perTask: 20)
        let id = "0a1b2c3d-7777-4888-9999-aaaabbbbcccc"
        let added = TaskKey(agentID: agent, taskID: id)
        for n in 0..<5 { store.add(RawPayload(subject: .task(added), source: "event", text: "{\"n\":\(n)}")) }
        store.settle()
        #expect(store.payloads(for: added).map(\.text) == (0..<5).map { "{\"n\":\($0)}" })
        let kept = try #require(store.tasksByAge.first)
        #expect(kept == added)
        var keptID = kept.taskID, addedID = added.taskID
        let keptAddress = keptID.withUTF8 { UInt(bitPattern: $0.baseAddress) }
        let addedAddress = addedID.withUTF8 { UInt(bitPattern: $0.baseAddress) }
        #expect(keptAddress != addedAddress, "the store keeps its own copy of the id")

        // A key the caller already holds (the dashboard's task list) is shared, not copied: one id
        // string per task for the list and the store; a task the caller does not know gets a copy.
        let held = TaskKey(agentID: agent, taskID: FreshCopy.of(id.replacingOccurrences(of: "0a1b", with: "ffff")))
        let decoded = TaskKey(agentID: agent, taskID: FreshCopy.of(held.taskID))
        let stranger = TaskKey(agentID: agent, taskID: FreshCopy.of(id.replacingOccurrences(of: "0a1b", with: "eeee")))
        store.add(RawPayload(subject: .task(decoded), source: "event", text: "{}"))
        store.add(RawPayload(subject: .task(stranger), source: "event", text: "{}"))
        store.settle { $0 == held ? held : nil }
        let keys = store.tasksByAge
        let sharedKey = try #require(keys.first { $0 == held })
        let strangerKey = try #require(keys.first { $0 == stranger })
        var sharedID = sharedKey.taskID, heldID = held.taskID, decodedID = decoded.taskID
        var strangerID = strangerKey.taskID, strangerAddedID = stranger.taskID
        #expect(sharedID.withUTF8 { UInt(bitPattern: $0.baseAddress) } == heldID.withUTF8 { UInt(bitPattern: $0.baseAddress) })
        #expect(sharedID.withUTF8 { UInt(bitPattern: $0.baseAddress) } != decodedID.withUTF8 { UInt(bitPattern: $0.baseAddress) })
        #expect(strangerID.withUTF8 { UInt(bitPattern: $0.baseAddress) } != strangerAddedID.withUTF8 { UInt(bitPattern: $0.baseAddress) })

        // Nobody settles: the queue is taken in by `add` once it is this long, never longer.
        let unsettled = RawStore(perTask: 1)
        for n in 0..<(RawStore.queueLimit * 2 + 10) { unsettled.add(event(n)) }
        #expect(unsettled.queuedCount == 10)
        #expect(unsettled.recordCounts.live == RawStore.queueLimit * 2 + 10)
    }
}
