import A2A
import Foundation
import Testing

@testable import Deck

/// Incremental discovery: after a page, an agent is asked only for tasks whose status changed since
/// the newest one it listed (1.0 `statusTimestampAfter`).
@Suite struct ListWatermarkTests {
    static let t0 = Date(timeIntervalSince1970: 1_795_000_000.25)

    /// The filter asked for after listing a status at `seconds` (a margin before it).
    func since(_ seconds: TimeInterval) -> Date { Self.t0.addingTimeInterval(seconds - ListWatermark.margin) }

    func stamped(_ id: String, _ state: TaskState, at seconds: TimeInterval) -> A2ATask {
        A2ATask(id: id, contextID: "ctx", status: TaskStatus(state: state, timestamp: Self.t0.addingTimeInterval(seconds)))
    }

    /// The next ListTasks query alice is sent (due at once: the poll deadline is skipped); it stays
    /// in flight for `answerList`.
    func nextQuery(_ h: inout Harness) throws -> ListTasksQuery {
        let command = h.state.listPollCommand(alice)
        guard case .list(let query) = try #require(command?.callParts).request else {
            Issue.record("not a list: \(command)")
            return ListTasksQuery()
        }
        return query
    }

    @Test func theNextPollAsksOnlyForWhatChangedSinceTheNewestListed() throws {
        var h = Harness.standard(listPoll: 10)
        #expect(h.state.agents[alice]?.listWatermark.filter == nil)  // the first page is listed whole
        try h.answerList([stamped("old", .completed, at: 0), stamped("newest", .completed, at: 7), stamped("mid", .failed, at: 3)])
        #expect(h.state.tasks.count == 3)
        let query = try nextQuery(&h)
        #expect(query.statusTimestampAfter == since(7))
        #expect(query.pageSize == 50 && query.historyLength == 0)

        // Nothing changed since: an empty page keeps the mark (and the tasks).
        try h.answerList([])
        #expect(try nextQuery(&h).statusTimestampAfter == since(7))
        #expect(h.state.tasks.count == 3)
        // A new task moves it on; one restated from before (an agent ignoring the filter) does not move it back.
        try h.answerList([stamped("new", .working, at: 12), stamped("old", .completed, at: 0)])
        #expect(h.state.tasks[TaskKey(agentID: alice, taskID: "new")]?.state == .working)
        #expect(try nextQuery(&h).statusTimestampAfter == since(12))
    }

    @Test func anAgentListingTasksWithoutTimestampsIsAlwaysListedWhole() throws {
        var h = Harness.standard(listPoll: 10)
        // a2a-sdk's filter leaves out tasks without a status timestamp: filtering would hide them.
        try h.answerList([stamped("a", .completed, at: 5), taskSnapshot("b", .completed)])
        #expect(h.state.agents[alice]?.listWatermark.isUnusable == true)
        #expect(try nextQuery(&h).statusTimestampAfter == nil)
        try h.answerList([stamped("c", .completed, at: 9)])
        #expect(try nextQuery(&h).statusTimestampAfter == nil)
    }

    @Test func tasksLeftOutForWantOfRoomAreListedAgain() throws {
        var config = DeckConfig(agents: [AgentConfig(id: alice, url: "http://127.0.0.1:9/")], maxTasks: 2)
        config.listPollInterval = 10
        var h = Harness(config: config)
        h.send(.start)
        h.send(.card(alice, .fetched(makeCard("A"), endpoint: endpoint(.v1), etag: nil, latency: 0.1)))
        try h.answerList((0..<4).map { stamped("w\($0)", .working, at: Double($0)) })
        #expect(h.state.tasks.count == 2)
        // Two working tasks were not taken in: the mark stays where it was (none yet).
        #expect(try nextQuery(&h).statusTimestampAfter == nil)
    }

    @Test func anAgentRejectingTheFilterIsListedWholeFromThenOn() throws {
        var h = Harness.standard(listPoll: 10)
        try h.answerList([stamped("a", .completed, at: 5)])
        #expect(try nextQuery(&h).statusTimestampAfter != nil)
        let tag = try #require(h.state.requests.first { $0.value.purpose == .list(alice) }?.key)
        h.send(.result(tag, .failure(rpcFailure(-32602, "Invalid params"))))
        #expect(h.state.agents[alice]?.listWatermark.isUnusable == true)
        #expect(h.state.deadlines[.listPoll(alice)] != nil)  // still discovered, just whole
        #expect(try nextQuery(&h).statusTimestampAfter == nil)
        // Another failure (the agent being busy) leaves the filter alone.
        var other = Harness.standard(listPoll: 10)
        try other.answerList([stamped("a", .completed, at: 5)])
        _ = try nextQuery(&other)
        let busy = try #require(other.state.requests.first { $0.value.purpose == .list(alice) }?.key)
        other.send(.result(busy, .failure(rpcFailure(-32603, "Internal error"))))
        #expect(try nextQuery(&other).statusTimestampAfter == since(5))
    }

    @Test func anAgentThatComesBackOrARefreshListsTheNewestPageWhole() throws {
        var h = Harness.standard(listPoll: 10)
        try h.answerList([stamped("a", .completed, at: 5)])
        #expect(h.state.agents[alice]?.listWatermark.filter != nil)
        // Down and back: it may have restarted with an empty store, or another clock.
        h.send(.card(alice, .failed(.unreachable("connection refused"))))
        h.send(.card(alice, .fetched(makeCard("Alice"), endpoint: endpoint(.v1), etag: nil, latency: 0.1)))
        #expect(h.state.agents[alice]?.listWatermark.filter == nil)

        var r = Harness.standard(listPoll: 10)
        try r.answerList([stamped("a", .completed, at: 5)])
        r.key(.char("R"))
        #expect(r.state.agents[alice]?.listWatermark.filter == nil)
    }
}
