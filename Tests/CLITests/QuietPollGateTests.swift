import A2A
import Deck
import Foundation
import Testing
@testable import AgentDeckCLI

@Suite struct QuietPollGateTests {
    let alice = AgentID("alice")
    let bob = AgentID("bob")

    @Test func onlyA304AfterA304MayWait() {
        let gate = QuietPollGate(slowLatency: 2)
        #expect(!gate.mayWait(alice, .notModified(latency: 0.01)), "the first: it may end a spell")
        #expect(gate.mayWait(alice, .notModified(latency: 0.02)))
        #expect(gate.mayWait(alice, .notModified(latency: 2)))
        #expect(!gate.mayWait(bob, .notModified(latency: 0.01)), "agents are apart")
        #expect(!gate.mayWait(alice, .notModified(latency: 2.01)), "slow is news")
        #expect(!gate.mayWait(alice, .notModified(latency: 0.01)), "and so is its end")
        #expect(gate.mayWait(alice, .notModified(latency: 0.01)))
        #expect(!gate.mayWait(alice, .failed(.unreachable("refused"))))
        #expect(!gate.mayWait(alice, .notModified(latency: 0.01)), "back up")
        #expect(!gate.mayWait(alice, .fetched(AgentCard(name: "A", description: "", version: "1"), endpoint: nil, etag: nil, latency: 0.01)))
        #expect(!gate.mayWait(alice, .notModified(latency: 0.01)), "after a new card")
    }
}
