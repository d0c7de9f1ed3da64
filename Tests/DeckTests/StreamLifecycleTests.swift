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

    @Test func aStreamCutAtTheTransportBringsTheNextCardPollForward() throws {
        var h = Harness.standard()
        let tag = try h.dispatchedTask("t1", .working)
        #expect(try #require(h.state.deadlines[.cardPoll(alice)]).timeIntervalSince(h.now) > 10)
        h.send(.streamEnded(tag, .failed(.transport("connection reset by peer"))))
        let due = try #require(h.state.deadlines[.cardPoll(alice)])
        #expect(due.timeIntervalSince(h.now) <= 1)
    }

    @Test func anAgentBackFromDownReconcilesEveryLostTaskAtOnce() throws {
        var h = Harness.standard()
        // t1 is waiting out a backoff; t2's reconnects gave up; t3 finished; t4 waits for input.
        var tag = try h.dispatchedTask("t1", .working)
        var get = try #require(h.send(.streamEnded(tag, .closed)).first?.callParts)
        h.send(.result(get.tag, .failure(.transport("connection refused"))))
        #expect(h.state.deadlines[.reconnect(key)] != nil)
        let t2 = TaskKey(agentID: alice, taskID: "t2")
        tag = try h.dispatchedTask("t2", .working)
        get = try #require(h.send(.streamEnded(tag, .closed)).first?.callParts)
        h.state.tasks[t2]?.reconnectAttempts = Backoff().maxAttempts
        h.send(.result(get.tag, .failure(.transport("connection refused"))))
        #expect(h.state.tasks[t2]?.stream == .ended)
        try h.dispatchedTask("t3", .completed)
        try h.dispatchedTask("t4", .inputRequired)

        h.send(.card(alice, .failed(.unreachable("connection refused"))))
        #expect(h.state.agents[alice]?.health.isDown == true)
        let out = h.send(.card(alice, .notModified(latency: 0.01)))
        let gets = out.compactMap { $0.callParts?.request }
        #expect(gets == [.get(taskID: "t1", historyLength: nil), .get(taskID: "t2", historyLength: nil)])
        #expect(h.state.deadlines[.reconnect(key)] == nil)
        #expect(h.state.tasks[t2]?.stream == .reconnecting(attempt: 1))
        // Up to up again: nothing more to reconcile.
        #expect(h.send(.card(alice, .notModified(latency: 0.01))).allSatisfy { $0.callParts == nil })
    }

    @Test func aTaskFinishedByAnotherAnswerStopsReconnecting() throws {
        var h = Harness.standard(listPoll: 10)
        let tag = try h.dispatchedTask("t1", .working)
        let get = try #require(h.send(.streamEnded(tag, .closed)).first?.callParts)
        h.send(.result(get.tag, .failure(.transport("connection refused"))))
        #expect(h.state.deadlines[.reconnect(key)] != nil)
        // A list poll (or any other answer) reports it failed meanwhile.
        let list = try #require(h.state.requests.first { $0.value.purpose == .list(alice) })
        h.send(.result(list.key, .success(.taskPage(TaskPage(tasks: [taskSnapshot("t1", .failed)])))))
        #expect(h.state.tasks[key]?.state == .failed)
        #expect(h.state.tasks[key]?.stream == .ended)
        #expect(h.state.deadlines[.reconnect(key)] == nil)
    }
}
