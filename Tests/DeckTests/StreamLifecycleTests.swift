import A2A
import Foundation
import Testing

@testable import Deck

@Suite struct StreamLifecycleTests {
    let key = TaskKey(agentID: alice, taskID: "t1")

    @Test func endedWithoutTerminalStateGetsThenSubscribes() throws {
        var h = Harness.standard()
        let tag = try h.dispatchedTask("t1", .working)
        let out = h.send(.streamEnded(tag, .closed))
        let get = try #require(out.first?.callParts)
        #expect(out.count == 1)
        #expect(get.request == .get(taskID: "t1", historyLength: nil))
        #expect(h.state.tasks[key]?.stream == .reconnecting(attempt: 1))

        let next = h.send(.result(get.tag, .success(.task(taskSnapshot("t1", .working)))))
        let sub = try #require(next.first?.streamParts)
        #expect(sub.request == .subscribe(taskID: "t1"))
        #expect(h.state.tasks[key]?.stream == .live)

        // The subscription's snapshot resets the attempt count.
        h.send(.streamEvent(sub.tag, .task(taskSnapshot("t1", .working))))
        #expect(h.state.tasks[key]?.reconnectAttempts == 0)
    }

    @Test func finishedMeanwhileMeansNoSubscribe() throws {
        var h = Harness.standard()
        let tag = try h.dispatchedTask("t1", .working)
        let get = try #require(h.send(.streamEnded(tag, .closed)).first?.callParts)
        let next = h.send(.result(get.tag, .success(.task(taskSnapshot("t1", .completed)))))
        #expect(next.isEmpty)
        #expect(h.state.tasks[key]?.state == .completed)
        #expect(h.state.tasks[key]?.stream == .ended)
    }

    @Test(arguments: [TaskState.completed, .failed, .inputRequired, .authRequired])
    func endedAfterAFinalOrInterruptedStateIsNormal(_ state: TaskState) throws {
        var h = Harness.standard()
        let tag = try h.dispatchedTask("t1", state)
        #expect(h.send(.streamEnded(tag, .closed)).isEmpty)
        #expect(h.state.tasks[key]?.stream == .ended)
        #expect(h.state.requests.isEmpty)
    }

    @Test func repeatedDropsBackOffThroughDeadlinesThenGiveUp() throws {
        var h = Harness.standard()
        var tag = try h.dispatchedTask("t1", .working)
        var out = h.send(.streamEnded(tag, .closed))
        var previousDelay: TimeInterval = 0
        for attempt in 2...Backoff().maxAttempts {
            let get = try #require(out.first?.callParts)
            out = h.send(.result(get.tag, .success(.task(taskSnapshot("t1", .working)))))
            tag = try #require(out.first?.streamParts?.tag)
            // Drops again before any event.
            out = h.send(.streamEnded(tag, .failed(.transport("connection reset"))))
            #expect(out.isEmpty, "no immediate retry on attempt \(attempt)")
            #expect(h.state.tasks[key]?.stream == .reconnecting(attempt: attempt))
            let due = try #require(h.state.deadlines[.reconnect(key)])
            let delay = due.timeIntervalSince(h.now)
            #expect(delay >= previousDelay * 0.6 && delay <= 30 * 1.2)
            previousDelay = delay
            #expect((h.state.nextDeadline ?? .distantFuture) <= due)
            // Not yet…
            h.now = due.addingTimeInterval(-0.01)
            #expect(!h.send(.tick).contains { $0.callParts != nil })
            h.now = due
            out = h.send(.tick)
            #expect(out.first?.callParts?.request == .get(taskID: "t1", historyLength: nil))
        }
        let get = try #require(out.first?.callParts)
        out = h.send(.result(get.tag, .success(.task(taskSnapshot("t1", .working)))))
        tag = try #require(out.first?.streamParts?.tag)
        out = h.send(.streamEnded(tag, .closed))
        #expect(out.isEmpty)
        #expect(h.state.tasks[key]?.stream == .ended)
        #expect(h.state.tasks[key]?.lastError?.contains("gave up") == true)
        #expect(h.state.deadlines[.reconnect(key)] == nil)
    }

    @Test func taskNotFoundStopsFollowing() throws {
        var h = Harness.standard()
        let tag = try h.dispatchedTask("t1", .working)
        let get = try #require(h.send(.streamEnded(tag, .closed)).first?.callParts)
        #expect(h.send(.result(get.tag, .failure(rpcFailure(-32001, "gone")))).isEmpty)
        #expect(h.state.tasks[key]?.stream == .ended)
        #expect(h.state.tasks[key]?.lastError?.contains("task not found") == true)
        #expect(h.state.deadlines.keys.allSatisfy { if case .reconnect = $0 { false } else { true } })
    }

    @Test func staleTagsAreIgnored() {
        var h = Harness.standard()
        let before = h.state
        #expect(h.send(.streamEvent(RequestTag(4242), statusEvent("zz", .working))).isEmpty)
        #expect(h.send(.streamEnded(RequestTag(4242), .closed)).isEmpty)
        #expect(h.send(.result(RequestTag(4242), .success(.task(taskSnapshot("zz", .working))))).isEmpty)
        #expect(h.state == before)
    }
}
