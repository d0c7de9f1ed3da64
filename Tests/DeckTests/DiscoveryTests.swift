import A2A
import Foundation
import Testing

@testable import Deck

@Suite struct DiscoveryTests {
    @Test func v1AgentsAreListedAndRunningTasksSubscribed() throws {
        var h = Harness.standard(listPoll: 10)
        let list = try #require(h.state.requests.first { $0.value.purpose == .list(alice) })
        #expect(list.value.agentID == alice)
        let page = TaskPage(tasks: [
            taskSnapshot("d-run", .working), taskSnapshot("d-done", .completed), taskSnapshot("d-ask", .inputRequired),
        ])
        let out = h.send(.result(list.key, .success(.taskPage(page))))
        #expect(out.compactMap(\.streamParts).map(\.request) == [.subscribe(taskID: "d-run")])
        for id in ["d-run", "d-done", "d-ask"] {
            let entry = try #require(h.state.tasks[TaskKey(agentID: alice, taskID: id)])
            #expect(entry.origin == .discovered)
        }
        #expect(h.state.tasks[TaskKey(agentID: alice, taskID: "d-done")]?.state == .completed)
        #expect(h.state.deadlines[.listPoll(alice)] == h.now.addingTimeInterval(10))

        // The next page repeats d-run (already streamed: left alone) and adds nothing new.
        h.advance(10)
        let again = try #require(h.send(.tick).compactMap(\.callParts).first { $0.request == .list(ListTasksQuery(pageSize: 50, historyLength: 0)) })
        #expect(again.agent == alice || again.agent == bob)
        #expect(h.send(.result(again.tag, .success(.taskPage(page)))).isEmpty)
        // Every listed task is counted for the heap trim policy, known or not.
        #expect(h.state.listedTasksApplied == 6)
    }

    @Test func onlyOneListInFlightPerAgent() throws {
        var h = Harness.standard(listPoll: 10)
        let lists = h.state.requests.values.filter { $0.purpose == .list(alice) }
        #expect(lists.count == 1)
        #expect(h.state.listPollCommand(alice) == nil)
        // A refresh does not pile up another one either.
        let refresh = h.key(.char("R"))
        #expect(refresh.filter { if case .fetchCard = $0 { true } else { false } }.count == 2)
        #expect(h.state.requests.values.filter { $0.purpose == .list(alice) }.count == 1)
    }

    @Test func agentsWithoutListTasksAreNotAskedAgain() throws {
        var h = Harness.standard(listPoll: 10)
        let list = try #require(h.state.requests.first { $0.value.purpose == .list(bob) }?.key)
        h.send(.result(list, .failure(rpcFailure(-32601, "Method not found"))))
        #expect(h.state.agents[bob]?.listUnsupported == true)
        #expect(h.state.deadlines[.listPoll(bob)] == nil)
        #expect(h.state.listPollCommand(bob) == nil)
    }

    @Test func v03AgentsAreNotListedUntilTheLadderFindsV1() {
        var h = Harness(config: DeckConfig(agents: [AgentConfig(id: alice, url: "http://127.0.0.1:9/")], listPollInterval: 10))
        h.send(.start)
        let out = h.send(.card(alice, .fetched(makeCard("A"), endpoint: endpoint(.v03), etag: nil, latency: 0.1)))
        #expect(out.isEmpty)
        #expect(h.state.requests.isEmpty)
        let later = h.send(.endpoint(alice, endpoint(.v1)))
        #expect(later.first?.callParts?.request == .list(ListTasksQuery(pageSize: 50, historyLength: 0)))
        #expect(h.state.agents[alice]?.dialect == .v1)
    }

    @Test func attachFollowsATaskById() throws {
        var h = Harness.standard()
        h.key(.char(":"))
        h.type("attach @bob b-77")
        let get = try #require(h.key(.enter).first?.callParts)
        #expect(get.agent == bob)
        #expect(get.request == .get(taskID: "b-77", historyLength: nil))
        let out = h.send(.result(get.tag, .success(.task(taskSnapshot("b-77", .working)))))
        let key = TaskKey(agentID: bob, taskID: "b-77")
        #expect(out.first?.streamParts?.request == .subscribe(taskID: "b-77"))
        #expect(h.state.tasks[key]?.origin == .attached)
        #expect(h.state.ui.selectedTask == key)
    }

    @Test func attachOnTheSelectedAgentAndFailures() throws {
        var h = Harness.standard()
        h.state.ui.selectedAgent = alice
        h.key(.char(":"))
        h.type("attach nope")
        let get = try #require(h.key(.enter).first?.callParts)
        #expect(get.agent == alice)
        h.send(.result(get.tag, .failure(rpcFailure(-32001))))
        #expect(h.state.tasks.isEmpty)
        #expect(h.state.ui.status?.kind == .error)

        h.key(.char(":"))
        h.type("attach @carol x")
        #expect(h.key(.enter).isEmpty)
        #expect(h.state.ui.status?.text.contains("carol") == true)
    }

    @Test func dispatchedTaskAlreadyDiscoveredMerges() throws {
        var h = Harness.standard(listPoll: 10)
        let tag = try #require(h.dispatch("@alice go").first?.streamParts?.tag)
        let placeholder = try #require(h.state.ui.selectedTask)
        // The list poll sees the task before the stream's first event does.
        let list = try #require(h.state.requests.first { $0.value.purpose == .list(alice) }?.key)
        h.send(.result(list, .success(.taskPage(TaskPage(tasks: [taskSnapshot("t9", .working)])))))
        h.send(.streamEvent(tag, statusEvent("t9", .working)))
        let key = TaskKey(agentID: alice, taskID: "t9")
        #expect(h.state.tasks[placeholder] == nil)
        #expect(h.state.tasks[key]?.origin == .dispatched)
        #expect(h.state.tasks[key]?.requestText == "go")
        #expect(h.state.tasks.count == 1)
        #expect(h.state.ui.selectedTask == key)
    }

    @Test func discoveryIsBoundedByMaxTasks() throws {
        var h = Harness(config: DeckConfig(agents: [AgentConfig(id: alice, url: "http://127.0.0.1:9/")], maxTasks: 3))
        h.send(.start)
        h.send(.card(alice, .fetched(makeCard("A"), endpoint: endpoint(.v1), etag: nil, latency: 0.1)))
        let list = try #require(h.state.requests.first { $0.value.purpose == .list(alice) }?.key)
        let page = TaskPage(tasks: (0..<10).map { taskSnapshot("w\($0)", .working) })
        let out = h.send(.result(list, .success(.taskPage(page))))
        #expect(h.state.tasks.count == 3)
        #expect(out.count == 3)
    }

    @Test func finishedTasksDoNotUseUpDiscoverysRoom() throws {
        // 3 unfinished at most, 100 finished kept: a page of 10 finished and 10 working tasks adds
        // all the finished ones and 3 working ones (counting finished tasks in, as before, it
        // stopped at 3 in all: 10,000 retained finished tasks never got past the default 5,000).
        var config = DeckConfig(agents: [AgentConfig(id: alice, url: "http://127.0.0.1:9/")], maxFinishedTasks: 100, maxTasks: 3)
        config.listPollInterval = 10
        var h = Harness(config: config)
        h.send(.start)
        h.send(.card(alice, .fetched(makeCard("A"), endpoint: endpoint(.v1), etag: nil, latency: 0.1)))
        let list = try #require(h.state.requests.first { $0.value.purpose == .list(alice) }?.key)
        let page = TaskPage(tasks: (0..<10).map { taskSnapshot("f\($0)", .completed) } + (0..<10).map { taskSnapshot("w\($0)", .working) })
        let out = h.send(.result(list, .success(.taskPage(page))))
        #expect(h.state.tasks.values.filter { $0.state == .completed }.count == 10)
        #expect(h.state.tasks.values.filter { $0.state == .working }.count == 3)
        #expect(out.compactMap(\.streamParts).count == 3)
    }
}

@Suite struct HostileInputTests {
    @Test func absurdTaskIDsAreNotKeyedBy() throws {
        var h = Harness.standard(listPoll: 10)
        let huge = String(repeating: "x", count: 10_000)
        let list = try #require(h.state.requests.first { $0.value.purpose == .list(alice) }?.key)
        h.send(.result(list, .success(.taskPage(TaskPage(tasks: [taskSnapshot(huge, .working), taskSnapshot("", .working)])))))
        #expect(h.state.tasks.isEmpty)

        let tag = try #require(h.dispatch("@alice hi").first?.streamParts?.tag)
        let placeholder = try #require(h.state.ui.selectedTask)
        h.send(.streamEvent(tag, .task(taskSnapshot(huge, .working))))
        #expect(h.state.tasks.keys.map(\.taskID) == [placeholder.taskID])
        #expect(h.state.tasks[placeholder]?.isPlaceholder == true)
    }

    @Test func eventsForAnotherTaskDoNotTouchOurs() throws {
        var h = Harness.standard()
        let tag = try h.dispatchedTask("t1", .working)
        h.send(.streamEvent(tag, statusEvent("someone-else", .failed, "boom")))
        let entry = try #require(h.state.tasks[TaskKey(agentID: alice, taskID: "t1")])
        #expect(entry.state == .working)
        #expect(h.state.tasks.count == 1)
    }
}
