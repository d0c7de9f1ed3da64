import A2A
import Foundation
import Testing

@testable import Deck

/// Discovery lists tasks without their histories (`historyLength: 0`); a finished task's history is
/// fetched once, when the operator selects it, and nothing the console already knew is dropped.
@Suite struct DiscoveryHistoryTests {
    static func history(_ id: String) -> [Message] {
        [Message(messageID: "\(id)-q", role: .user, parts: [.text("do \(id)")]),
         Message(messageID: "\(id)-a", role: .agent, parts: [.text("done \(id)")])]
    }

    /// The history fetches among `commands`: (task id, tag).
    static func historyFetches(_ h: Harness, _ commands: [Command]) -> [(String, RequestTag)] {
        commands.compactMap(\.callParts).compactMap { call in
            guard case .get(let id, let length) = call.request, length == nil,
                  case .history = h.state.requests[call.tag]?.purpose else { return nil }
            return (id, call.tag)
        }
    }

    @Test func discoveryAsksForNoHistories() throws {
        let h = Harness.standard(listPoll: 10)
        let list = try #require(h.state.requests.first { $0.value.purpose == .list(alice) })
        #expect(list.value.agentID == alice)
        var copy = h.state
        copy.requests[list.key] = nil
        #expect(copy.listPollCommand(alice)?.callParts?.request == .list(ListTasksQuery(pageSize: 50, historyLength: 0)))
    }

    @Test func aFinishedTasksHistoryIsFetchedOnceWhenSelected() throws {
        var h = Harness.standard(listPoll: 10)
        try h.answerList([taskSnapshot("d-run", .working), taskSnapshot("d-done", .completed), taskSnapshot("d-old", .failed)])
        let done = TaskKey(agentID: alice, taskID: "d-done")
        let old = TaskKey(agentID: alice, taskID: "d-old")
        // The running one streams (its history comes with the subscription's first event).
        #expect(h.state.tasks[TaskKey(agentID: alice, taskID: "d-run")]?.historyLeftOut == false)
        let selectedFirst = try #require(h.state.ui.selectedTask)
        // Whatever got selected by the list's arrival was fetched then; select the others one by one.
        var fetched: [String] = []
        for key in [done, old] where key != selectedFirst {
            #expect(h.state.tasks[key]?.historyLeftOut == true)
            h.state.ui.selectedTask = key
            let out = h.send(.tick)
            let fetches = Self.historyFetches(h, out)
            #expect(fetches.map(\.0) == [key.taskID])
            #expect(h.state.tasks[key]?.historyLeftOut == false)
            if let tag = fetches.first?.1 {
                h.send(.result(tag, .success(.task(A2ATask(id: key.taskID, contextID: "ctx-1", status: TaskStatus(state: h.state.tasks[key]!.state),
                                                        history: Self.history(key.taskID))))))
            }
            #expect(h.state.tasks[key]?.task.history.map(\.messageID) == ["\(key.taskID)-q", "\(key.taskID)-a"])
            fetched.append(key.taskID)
            // Selected again later: not asked again.
            h.state.ui.selectedTask = selectedFirst
            _ = h.send(.tick)
            h.state.ui.selectedTask = key
            #expect(Self.historyFetches(h, h.send(.tick)).isEmpty)
        }
        #expect(!fetched.isEmpty)
    }

    @Test func aLaterListWithoutHistoriesKeepsTheFetchedOne() throws {
        var h = Harness.standard(listPoll: 10)
        let out = try h.answerList([taskSnapshot("d-done", .completed)])
        let key = TaskKey(agentID: alice, taskID: "d-done")
        #expect(h.state.ui.selectedTask == key)
        let tag = try #require(Self.historyFetches(h, out).first?.1)
        h.send(.result(tag, .success(.task(A2ATask(id: "d-done", contextID: "ctx-1", status: TaskStatus(state: .completed),
                                                history: Self.history("d-done"))))))
        // The next list (quiet agents are listed less often) restates the task without history:
        // what was fetched stays.
        h.advance(60)
        _ = h.send(.tick)
        try h.answerList([taskSnapshot("d-done", .completed)])
        #expect(h.state.tasks[key]?.task.history.count == 2)
        #expect(h.state.tasks[key]?.historyLeftOut == false)
    }

    @Test func aFailedFetchSaysWhyAndIsNotRepeated() throws {
        var h = Harness.standard(listPoll: 10)
        let out = try h.answerList([taskSnapshot("d-done", .completed)])
        let key = TaskKey(agentID: alice, taskID: "d-done")
        let tag = try #require(Self.historyFetches(h, out).first?.1)
        h.send(.result(tag, .failure(rpcFailure(-32001, "Task not found"))))
        #expect(h.state.tasks[key]?.lastError?.hasPrefix("history: ") == true)
        #expect(h.state.tasks[key]?.state == .completed)
        #expect(Self.historyFetches(h, h.send(.tick)).isEmpty)
    }

    @Test func aListThatCarriesHistoryNeedsNoFetch() throws {
        var h = Harness.standard(listPoll: 10)
        let out = try h.answerList([A2ATask(id: "d-done", contextID: "ctx-1", status: TaskStatus(state: .completed), history: Self.history("d-done"))])
        #expect(Self.historyFetches(h, out).isEmpty)
        #expect(h.state.tasks[TaskKey(agentID: alice, taskID: "d-done")]?.historyLeftOut == false)
        #expect(h.state.tasks[TaskKey(agentID: alice, taskID: "d-done")]?.task.history.count == 2)
    }
}
