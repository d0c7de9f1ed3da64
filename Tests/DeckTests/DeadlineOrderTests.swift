import Foundation
import Testing

@testable import Deck

/// Deadlines due at the same instant fire in a fixed order, the one their descriptions sorted in
/// before (kind, then agent, then task) for the ids agents and consoles use.
@Suite struct DeadlineOrderTests {
    static func all() -> [Deadline] {
        let agents = ["a01", "a02", "a10", "b", "x9"].map(AgentID.init)
        let tasks = ["t1", "t2", "t10", "9f3c-1", "task-b"]
        var out: [Deadline] = []
        for agent in agents {
            out += [.cardPoll(agent), .listPoll(agent)]
            for task in tasks {
                let key = TaskKey(agentID: agent, taskID: task)
                out += [.taskPoll(key), .reconnect(key)]
            }
        }
        return out
    }

    @Test func sameOrderAsTheirDescriptions() {
        let deadlines = Self.all().shuffled()
        let fast = deadlines.sorted(by: DeckState.firesBefore)
        let described = deadlines.sorted { String(describing: $0) < String(describing: $1) }
        #expect(fast == described)
    }

    @Test func aStrictTotalOrder() {
        let deadlines = Self.all()
        for a in deadlines {
            #expect(!DeckState.firesBefore(a, a))
            for b in deadlines where a != b {
                #expect(DeckState.firesBefore(a, b) != DeckState.firesBefore(b, a), "\(a) \(b)")
            }
        }
    }

    @Test func dueDeadlinesAtOneInstantComeOutInThatOrder() {
        let agents = (1...30).map { AgentID(String(format: "a%02d", $0)) }
        var state = DeckState(config: DeckConfig(agents: agents.map { AgentConfig(id: $0, url: "http://127.0.0.1:9/\($0)") }, listPollInterval: nil))
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        for agent in agents.shuffled() { state.deadlines[.cardPoll(agent)] = now }
        let polled = state.fireDueDeadlines(now: now).compactMap { command -> AgentID? in
            if case .fetchCard(let id, _) = command { id } else { nil }
        }
        #expect(polled == agents)
    }
}
