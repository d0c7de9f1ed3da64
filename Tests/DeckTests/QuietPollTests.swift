import A2A
import Foundation
import Testing

@testable import Deck

/// An uneventful card poll (answered, same card, same health) must leave what the screen is drawn
/// from unchanged: no last-read clock, no per-poll count or latency. Poll figures move at the
/// health interval's boundaries; real changes (down, up, slow, card) show at once.
@Suite struct QuietPollTests {
    func settled() -> Harness { .settledPolls() }

    @Test func answeredPollsWithinAnIntervalLeaveTheViewModelEqual() throws {
        var h = settled()
        let before = h.state.viewModel(now: h.now)
        #expect(before.agentDetail?.metrics.polls == 1, "the running interval's poll is not counted yet")
        // Ten polls 2 s apart with latencies that differ each time, all before t0 + 60.
        for i in 1...10 {
            h.advance(2)
            h.send(.card(alice, .notModified(latency: 0.01 + Double(i) * 0.007)))
            h.send(.card(bob, .notModified(latency: 0.02 + Double(i) * 0.005)))
            #expect(h.state.viewModel(now: h.now) == before, "poll \(i)")
        }
        // The boundary: the interval's 11 answered polls now count, with their latencies.
        h.advance(10)
        h.send(.card(alice, .notModified(latency: 0.04)))
        let after = h.state.viewModel(now: h.now)
        let metrics = try #require(after.agentDetail?.metrics)
        #expect(metrics.polls == 12)
        #expect(metrics.latencyPulse.suffix(2).first ?? 0 > 0, "the finished interval's latency is drawn")
        #expect(metrics.latencyPulse.last == 0, "the running one's is not yet")
        #expect(after.agentDetail?.lastChangeAt == t0, "up since the first poll: nothing changed since")
    }

    @Test func downUpAndSlowShowAtOnce() throws {
        var h = settled()
        h.advance(2)
        let quiet = h.state.viewModel(now: h.now)
        h.send(.card(alice, .failed(.unreachable("connection refused"))))
        let down = h.state.viewModel(now: h.now)
        #expect(down != quiet)
        #expect(down.agentDetail?.lastChangeAt == h.now)
        #expect(down.agentDetail?.metrics.pollsFailed == 1, "a failed poll counts at once")
        #expect(down.agentDetail?.consecutivePollFailures == 1)

        h.advance(2)
        h.send(.card(alice, .notModified(latency: 0.05)))
        let up = h.state.viewModel(now: h.now)
        #expect(up.agentDetail?.row.health == .up)
        #expect(up.agentDetail?.lastChangeAt == h.now)

        h.advance(2)
        h.send(.card(alice, .notModified(latency: 2.5)))
        let slow = h.state.viewModel(now: h.now)
        #expect(slow.agentDetail?.row.health.label == "degraded")
        #expect(slow.agentDetail?.lastChangeAt == h.now)
        // Still slow, by another figure: the reason changes, the time of the change does not.
        let slowSince = h.now
        h.advance(2)
        h.send(.card(alice, .notModified(latency: 3.5)))
        #expect(h.state.viewModel(now: h.now).agentDetail?.lastChangeAt == slowSince)
    }

    @Test func aCardChangeIsTheLastChange() throws {
        var h = settled()
        var card = try #require(h.state.agents[alice]?.card)
        card.version = "2.0"
        h.advance(2)
        h.send(.card(alice, .fetched(card, endpoint: endpoint(.v1), etag: "W/\"2\"", latency: 0.04)))
        let model = h.state.viewModel(now: h.now)
        #expect(model.agentDetail?.lastChangeAt == h.now)
        #expect(model.agentDetail?.cardChanges.isEmpty == false)
    }

    @Test func aConsoleJustStartedShowsItsFirstPolls() {
        // No earlier interval has a poll: the running one's are shown rather than nothing.
        var h = Harness.standard()
        h.state.ui.selectedAgent = alice
        let model = h.state.viewModel(now: h.now)
        #expect(model.agentDetail?.metrics.polls == 1)
        #expect(model.agentDetail?.metrics.latencyP50 == 0.05)
    }
}

extension Harness {
    /// Alice selected, both agents answered at t0 (on an interval boundary) and once in the next
    /// interval, so earlier intervals hold polls and the figures are settled.
    static func settledPolls() -> Harness {
        var h = Harness.standard()
        h.state.ui.selectedAgent = alice
        h.advance(30)
        h.send(.card(alice, .notModified(latency: 0.04)))
        h.send(.card(bob, .notModified(latency: 0.04)))
        return h
    }
}
