import A2A
import Foundation
import Testing

@testable import Deck

/// ListTasks discovery backs off on an agent whose answers list no active task (20, 40, 40 s
/// after one, two, three quiet answers with a 10 s interval) and returns to the interval on
/// activity or an operator action.
@Suite struct DiscoveryBackoffTests {
    /// Answers Alice's list in flight with `page`, then returns the delay to the next one.
    func answer(_ h: inout Harness, _ page: TaskPage) throws -> TimeInterval {
        try h.answerList(page.tasks)
        let due = try #require(h.state.deadlines[.listPoll(alice)])
        let delay = due.timeIntervalSince(h.now)
        h.now = due
        h.send(.tick)
        return delay
    }

    @Test func quietAnswersBackOffAndActivityResets() throws {
        var h = Harness.standard(listPoll: 10)
        let quiet = TaskPage(tasks: [taskSnapshot("old", .completed)])
        var delays: [TimeInterval] = []
        for _ in 0..<5 { delays.append(try answer(&h, quiet)) }
        #expect(delays == [20, 40, 40, 40, 40])
        // A task running there: back to the interval at once.
        #expect(try answer(&h, TaskPage(tasks: [taskSnapshot("new", .working)])) == 10)
        #expect(try answer(&h, quiet) == 20)
        // Waiting for input counts as activity too.
        #expect(try answer(&h, TaskPage(tasks: [taskSnapshot("ask", .inputRequired)])) == 10)
    }

    @Test func aDispatchBringsTheNextListWithinTheInterval() throws {
        var h = Harness.standard(listPoll: 10)
        let quiet = TaskPage(tasks: [])
        for _ in 0..<3 { _ = try answer(&h, quiet) }
        let list = try #require(h.state.requests.first { $0.value.purpose == .list(alice) }?.key)
        h.send(.result(list, .success(.taskPage(quiet))))
        #expect(h.state.deadlines[.listPoll(alice)] == h.now.addingTimeInterval(40))
        _ = h.state.dispatch(to: alice, skill: nil, text: "hello", now: h.now)
        #expect(h.state.deadlines[.listPoll(alice)] == h.now.addingTimeInterval(10))
        #expect(h.state.agents[alice]?.quietListPolls == 0)
    }

    @Test func delayIsBoundedForAnyCount() {
        #expect(DeckState.listPollDelay(interval: 10, quietPolls: 0) == 10)
        #expect(DeckState.listPollDelay(interval: 10, quietPolls: 1_000_000) == 40)
        #expect(DeckState.listPollDelay(interval: 10, quietPolls: -3) == 10)
        // An interval already longer than the cap is never shortened nor lengthened.
        #expect(DeckState.listPollDelay(interval: 120, quietPolls: 5) == 120)
    }
}
