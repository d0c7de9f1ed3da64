import A2A
import Foundation
import Testing

@testable import Deck

/// `updateReportingView`: an update that says the view did not change must leave the view model
/// at that instant equal, and real changes (down, up, slow, card, status) must say they did.
@Suite struct ViewChangeReportTests {
    /// Both agents answered in an earlier interval, so answered polls now settle away.
    func settled() -> Harness { .settledPolls() }

    @Test func uneventfulPollsAndPollTimersSayNothingChanged() throws {
        var h = settled()
        for i in 1...10 {
            h.advance(2)
            let effect = h.state.updateReportingView(.card(alice, .notModified(latency: 0.01 + Double(i) * 0.01)), now: h.now)
            #expect(!effect.changesView, "poll \(i)")
            #expect(effect.commands.isEmpty)
        }
        // The card poll timer: it only sends polls.
        let due = try #require(h.state.deadlines[.cardPoll(alice)])
        h.now = due
        let tick = h.state.updateReportingView(.tick, now: h.now)
        #expect(!tick.changesView)
        #expect(tick.commands.contains { if case .fetchCard(alice, _) = $0 { true } else { false } })
    }

    @Test func realChangesSaySo() throws {
        var h = settled()
        h.advance(2)
        #expect(h.state.updateReportingView(.card(alice, .failed(.unreachable("refused"))), now: h.now).changesView)
        h.advance(2)
        #expect(h.state.updateReportingView(.card(alice, .notModified(latency: 0.05)), now: h.now).changesView, "back up")
        h.advance(2)
        #expect(h.state.updateReportingView(.card(alice, .notModified(latency: 2.5)), now: h.now).changesView, "slow")
        h.advance(2)
        #expect(h.state.updateReportingView(.card(alice, .notModified(latency: 3.5)), now: h.now).changesView, "slow, by another figure")
        h.advance(2)
        var card = try #require(h.state.agents[alice]?.card)
        card.version = "2.0"
        #expect(h.state.updateReportingView(.card(alice, .fetched(card, endpoint: endpoint(.v1), etag: "W/\"2\"", latency: 0.04)), now: h.now).changesView)
        // A key always may.
        #expect(h.state.updateReportingView(.key(.char("j")), now: h.now).changesView)
    }

    @Test func theFirstIntervalsPollsAreNews() {
        // Before an earlier interval holds a poll, the running interval's polls are shown.
        var h = Harness.standard()
        h.advance(2)
        #expect(h.state.updateReportingView(.card(alice, .notModified(latency: 0.03)), now: h.now).changesView)
    }

    @Test func aStatusLineThatExpiresIsAChange() throws {
        var h = settled()
        var card = try #require(h.state.agents[alice]?.card)
        card.version = "3.0"
        h.send(.card(alice, .fetched(card, endpoint: endpoint(.v1), etag: "W/\"3\"", latency: 0.04)))
        let status = try #require(h.state.ui.status)
        h.now = status.expiresAt.addingTimeInterval(0.5)
        #expect(h.state.updateReportingView(.card(bob, .notModified(latency: 0.04)), now: h.now).changesView)
    }

    /// The promise, over seeded random runs: whenever an update says the view did not change,
    /// the view model at that instant is the one before it.
    @Test(arguments: [UInt64(1), 2, 3])
    func aQuietUpdateNeverChangesTheViewModel(seed: UInt64) throws {
        var random = IDGenerator(seed: seed)
        var h = Harness.standard(listPoll: 10)
        h.state.ui.selectedAgent = alice
        var card = try #require(h.state.agents[alice]?.card)
        var quiet = 0
        var loud = 0
        for step in 0..<600 {
            h.advance(Double(Int.random(in: 0...2500, using: &random)) / 1000)
            let agent = Bool.random(using: &random) ? alice : bob
            let msg: Msg
            switch Int.random(in: 0..<100, using: &random) {
            case 0..<70: msg = .card(agent, .notModified(latency: Double(Int.random(in: 1...200, using: &random)) / 1000))
            case 70..<74: msg = .card(agent, .notModified(latency: 2 + Double(Int.random(in: 1...9, using: &random)) / 10))
            case 74..<78: msg = .card(agent, .failed(.unreachable("refused")))
            case 78..<80:
                card.version = "v\(step % 3)"
                msg = .card(alice, .fetched(card, endpoint: endpoint(.v1), etag: "W/\"\(step % 3)\"", latency: 0.02))
            case 80..<82: msg = .key(.char("j"))
            default: msg = .tick
            }
            let before = h.state.viewModel(now: h.now)
            let effect = h.state.updateReportingView(msg, now: h.now)
            if effect.changesView {
                loud += 1
            } else {
                quiet += 1
                #expect(h.state.viewModel(now: h.now) == before, "step \(step): \(msg)")
            }
        }
        #expect(quiet > 200, "the run must exercise quiet updates")
        #expect(loud > 30)
    }
}
