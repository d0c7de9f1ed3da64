import A2A
import Foundation
import Testing

@testable import Deck

/// `AgentEntry` keeps its fields in a shared copy-on-write box: copies must still behave as
/// independent values.
@Suite struct AgentEntryBoxTests {
    @Test func aCopyDoesNotSeeChangesMadeAfterIt() {
        var entry = AgentEntry(config: AgentConfig(id: alice, name: "Alice", url: "http://127.0.0.1:9/alice"))
        let copy = entry
        #expect(copy == entry)
        entry.health = .down("refused")
        entry.consecutivePollFailures += 1
        entry.metrics.recordPoll(ok: false, latency: nil, at: t0)
        #expect(copy.health == .unknown)
        #expect(copy.consecutivePollFailures == 0)
        #expect(copy.metrics.summary(now: t0).polls == 0)
        #expect(entry.metrics.summary(now: t0).polls == 1)
        #expect(copy != entry)
        // Equal fields are equal entries (and hash alike), whichever box holds them.
        var rebuilt = AgentEntry(config: copy.config)
        #expect(rebuilt == copy)
        #expect(rebuilt.hashValue == copy.hashValue)
        rebuilt.etag = "W/\"1\""
        #expect(rebuilt != copy)
    }

    @Test func changesThroughTheStateReachOnlyThatState() {
        let h = Harness.standard()
        var later = h.state
        later.agents[alice]?.cardChanged = true
        #expect(h.state.agents[alice]?.cardChanged == false)
        #expect(later.agents[alice]?.cardChanged == true)
    }
}
