import A2A
import Deck
import Foundation
import Testing

@testable import AgentDeckCLI

@Suite struct RawStoreTests {
    let agent = AgentID("a01")

    @Test func keepsTheLastFewPayloadsPerTaskAndEvictsOldTasksBeyondTheByteCap() {
        let store = RawStore(perTask: 3, maxBytes: 1000)
        let sink = RawSink(store: store, journal: nil)
        for i in 0..<5 { sink.received("{\"n\":\(i)}", agent: agent, taskIDs: ["t1"], source: "event") }
        #expect(store.payloads(for: TaskKey(agentID: agent, taskID: "t1")).map(\.text) == ["{\"n\":2}", "{\"n\":3}", "{\"n\":4}"])
        // 600 bytes for t2 and t3 each: t1 and then t2 go, the newest task stays.
        sink.received(String(repeating: "a", count: 600), agent: agent, taskIDs: ["t2"], source: "event")
        sink.received(String(repeating: "b", count: 600), agent: agent, taskIDs: ["t3"], source: "event")
        #expect(store.payloads(for: TaskKey(agentID: agent, taskID: "t1")).isEmpty)
        #expect(store.payloads(for: TaskKey(agentID: agent, taskID: "t2")).isEmpty)
        #expect(store.payloads(for: TaskKey(agentID: agent, taskID: "t3")).count == 1)
    }

    /// Each list poll restates every task it lists: the same JSON again is not kept twice
    /// (whether the kept text is in memory or spilled), a changed one is, and a stream's
    /// repeated events are all kept (each is news).
    @Test(arguments: [false, true])
    func aListRestatingTheSameJSONIsNotKeptAgain(spilled: Bool) throws {
        let spill = try RawStoreOrderTests.spillFile(if: spilled)
        let store = RawStore(perTask: 20, spill: spill, hotBytes: spilled ? 64 : 2 << 20)
        let body = { (state: String) in
            #"{"jsonrpc":"2.0","id":3,"result":{"tasks":[{"id":"t1","status":{"state":"\#(state)"}}]}}"#
        }
        let page = A2AResult.taskPage(TaskPage(tasks: [A2ATask(id: "t1", status: TaskStatus(state: .completed))]))
        let sink = RawSink(store: store, journal: nil)
        for _ in 0..<5 { sink.receivedResult(body("TASK_STATE_WORKING"), agent: agent, result: page) }
        let key = TaskKey(agentID: agent, taskID: "t1")
        #expect(store.payloads(for: key).map(\.text) == [#"{"id":"t1","status":{"state":"TASK_STATE_WORKING"}}"#])
        for _ in 0..<3 { sink.receivedResult(body("TASK_STATE_COMPLETED"), agent: agent, result: page) }
        #expect(store.payloads(for: key).map(\.text) == [
            #"{"id":"t1","status":{"state":"TASK_STATE_WORKING"}}"#, #"{"id":"t1","status":{"state":"TASK_STATE_COMPLETED"}}"#,
        ])
        // Back to an earlier text: not the latest one, so it is kept.
        sink.receivedResult(body("TASK_STATE_WORKING"), agent: agent, result: page)
        #expect(store.payloads(for: key).count == 3)
        for _ in 0..<3 { sink.received(#"{"n":1}"#, agent: agent, taskIDs: ["t1"], source: "event") }
        #expect(store.payloads(for: key).count == 6)
        #expect(store.payloads(for: key).map(\.source) == ["list", "list", "list", "event", "event", "event"])
    }

    @Test func aHugePayloadIsKeptCutWithANote() {
        let store = RawStore()
        RawSink(store: store, journal: nil).received(String(repeating: "x", count: RawStore.maxPayloadBytes + 10), agent: agent,
                                                     taskIDs: ["t"], source: "event")
        let kept = store.payloads(for: TaskKey(agentID: agent, taskID: "t")).first?.text ?? ""
        #expect(kept.utf8.count < RawStore.maxPayloadBytes + 100)
        #expect(kept.hasSuffix("(cut: \(RawStore.maxPayloadBytes + 10) bytes received)"))
    }

    @Test func aTaskListIsSplitSoEachTaskGetsItsOwnJSON() {
        let store = RawStore()
        let body = #"{"jsonrpc":"2.0","id":3,"result":{"tasks":[{"id":"t1","status":{"state":"TASK_STATE_WORKING"}},{"id":"t2","note":"x"}],"nextPageToken":""}}"#
        let page = A2AResult.taskPage(TaskPage(tasks: [
            A2ATask(id: "t1", status: TaskStatus(state: .working)), A2ATask(id: "t2", status: TaskStatus(state: .completed)),
        ]))
        RawSink(store: store, journal: nil).receivedResult(body, agent: agent, result: page)
        #expect(store.payloads(for: TaskKey(agentID: agent, taskID: "t1")).map(\.text) == [#"{"id":"t1","status":{"state":"TASK_STATE_WORKING"}}"#])
        #expect(store.payloads(for: TaskKey(agentID: agent, taskID: "t2")).first?.source == "list")
    }

    @Test func theRawViewShowsTheSelectedTasksPayloadsPrettyAndRedacted() {
        let store = RawStore()
        let secret = "s3cr3t-\(UUID().uuidString)"
        RawSink(store: store, journal: nil).received(#"{"id":"t1","echo":"\#(secret)","url":"http://h/?token=abc"}"#,
                                                      agent: agent, taskIDs: ["t1"], source: "event")
        var state = DeckState(config: DeckConfig(agents: [AgentConfig(id: agent, url: "http://127.0.0.1:9/")]))
        let key = TaskKey(agentID: agent, taskID: "t1")
        state.tasks[key] = TaskEntry(key: key, origin: .discovered, now: Date())
        state.ui.selectedTask = key
        let redaction = JournalRedaction(secrets: [secret], agentURLs: [])
        let content = RawViewSource.content(state, store: store, redaction: redaction)
        #expect(content.title == "Raw JSON: task t1")
        #expect(content.lines.first == "--- 1 of 1: event ---")
        #expect(content.lines.dropFirst().first == "{")
        #expect(content.lines.contains("  \"id\": \"t1\","), "pretty-printed, keys in arrival order: \(content.lines)")
        #expect(!content.lines.joined().contains(secret))
        #expect(content.lines.joined().contains("token=***"))
        // With the agents pane focused, the agent's card (none yet) instead.
        state.ui.focus = .agents
        #expect(RawViewSource.content(state, store: store, redaction: redaction).lines == ["no card received yet"])
    }
}

/// The store keeps tasks in order of their latest payload with stamped places instead of moving
/// a key inside an array; checked against that straightforward model over seeded random runs.
@Suite struct RawStoreOrderTests {
    /// The former store: an array of keys, a task's old place removed on every payload.
    struct Model {
        let perTask: Int
        let maxBytes: Int
        var byTask: [TaskKey: [String]] = [:]
        var order: [TaskKey] = []
        var bytes = 0

        mutating func add(_ key: TaskKey, _ text: String) {
            var list = byTask[key] ?? []
            list.append(text)
            bytes += text.utf8.count
            while list.count > perTask { bytes -= list.removeFirst().utf8.count }
            byTask[key] = list
            if let i = order.lastIndex(of: key) { order.remove(at: i) }
            order.append(key)
            while bytes > maxBytes, order.count > 1 {
                let oldest = order.removeFirst()
                bytes -= (byTask.removeValue(forKey: oldest) ?? []).reduce(0) { $0 + $1.utf8.count }
            }
        }
    }

    @Test(arguments: [(UInt64(3), false), (11, false), (2024, false), (5, true), (17, true), (2025, true)] as [(UInt64, Bool)])
    func sameTasksAndPayloadsAsTheLinearModel(seed: UInt64, spilled: Bool) throws {
        var random = seed
        func next(_ bound: Int) -> Int {
            random = random &* 6364136223846793005 &+ 1442695040888963407
            return Int(truncatingIfNeeded: random >> 33) % bound
        }
        let agent = AgentID("a01")
        let perTask = 1 + next(4)
        let maxBytes = 200 + next(2_000)
        // Spilled: all but the newest ~300 bytes of text go to the scratch file, in small batches.
        let spill = try RawStoreOrderTests.spillFile(if: spilled)
        let store = RawStore(perTask: perTask, maxBytes: maxBytes, spill: spill, hotBytes: 300)
        var model = Model(perTask: perTask, maxBytes: maxBytes)
        let keys = (0..<(5 + next(60))).map { TaskKey(agentID: agent, taskID: "t\($0)") }
        for step in 0..<3_000 {
            // A few hot tasks most of the time, any task sometimes: places go stale unevenly.
            let key = next(4) == 0 ? keys[next(keys.count)] : keys[next(min(4, keys.count))]
            let text = "{\"step\":\(step),\"pad\":\"\(String(repeating: "x", count: next(120)))\"}"
            store.add(RawPayload(subject: .task(key), source: "event", text: text))
            model.add(key, text)
            if step % 37 == 0 || step == 2_999 {
                #expect(store.tasksByAge == model.order, "step \(step)")
                for key in keys {
                    #expect(store.payloads(for: key).map(\.text) == (model.byTask[key] ?? []), "step \(step) \(key)")
                }
                if let spill {
                    // What is held is either in memory or in the file, and nothing dropped stays in the file.
                    let held = keys.reduce(0) { $0 + (model.byTask[$1] ?? []).reduce(0) { $0 + $1.utf8.count } }
                    #expect(store.bytesInMemory + spill.liveBytes == held, "step \(step)")
                    #expect(store.bytesInMemory <= 300 + 2 * 200, "step \(step)")
                }
            }
        }
        #expect(store.hotQueueLength <= 2 * keys.count * perTask + 64)
    }

    /// Many tasks, each heard from once in a while, long after the byte bound evicted it: both
    /// queues must stay the size of what is held, not of everything ever received (their dead
    /// places before the start index were never freed: 19 MB after 7,400 tasks in the dashboard).
    @Test(arguments: [false, true])
    func queuesStayTheSizeOfWhatIsHeld(spilled: Bool) throws {
        let spill = try RawStoreOrderTests.spillFile(if: spilled)
        let store = RawStore(perTask: 4, maxBytes: 5_000, spill: spill, hotBytes: 300)
        let agent = AgentID("a01")
        let keys = (0..<2_000).map { TaskKey(agentID: agent, taskID: "t\($0)") }
        for step in 0..<20_000 {
            let key = keys[step % keys.count]
            store.add(RawPayload(subject: .task(key), source: "event", text: "{\"step\":\(step),\"pad\":\"\(String(repeating: "x", count: 80))\"}"))
        }
        let held = store.tasksByAge
        let payloads = held.reduce(0) { $0 + store.payloads(for: $1).count }
        #expect(held.count < 100 && payloads > 0)
        // The newest payloads read back exactly.
        let last = try #require(held.last)
        #expect(store.payloads(for: last).last?.text.hasPrefix("{\"step\":19999,") == true)
        // Live part at most 2n + 64 places (else it is compacted), dead prefix at most the live
        // part + 64 (else dropped): 4n + 192 in all, whatever the number of payloads received.
        #expect(store.queuedPlaces.order <= 4 * held.count + 192)
        #expect(store.queuedPlaces.hot <= 4 * payloads + 192)
    }

    /// One task streaming for a long time: its oldest payloads are dropped (per-task bound) before
    /// the in-memory budget ever fills; the spill queue must not keep a place for each of them.
    @Test func aLongStreamDoesNotGrowTheSpillQueue() throws {
        let spill = try #require(try Self.spillFile(if: true))
        let store = RawStore(perTask: 5, maxBytes: 1 << 20, spill: spill, hotBytes: 1 << 20)
        let key = TaskKey(agentID: AgentID("a01"), taskID: "t")
        for i in 0..<10_000 { store.add(RawPayload(subject: .task(key), source: "event", text: "{\"n\":\(i)}")) }
        #expect(store.payloads(for: key).map(\.text) == (9_995..<10_000).map { "{\"n\":\($0)}" })
        #expect(store.hotQueueLength <= 2 * 5 + 64)
        #expect(spill.liveBytes == 0)
    }

    /// A spill file in a fresh scratch folder when `wanted` (nil otherwise).
    static func spillFile(if wanted: Bool) throws -> SpillFile? {
        guard wanted else { return nil }
        let file: SpillFile = try #require(SpillFile(directory: try ScratchFolder("agentdeck-spill").path))
        return file
    }
}
