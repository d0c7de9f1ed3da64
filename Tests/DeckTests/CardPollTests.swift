import A2A
import Foundation
import Testing

@testable import Deck

@Suite struct CardPollTests {
    @Test func startPollsEveryAgentAndSuccessSchedulesTheNext() {
        var h = Harness(config: DeckConfig(agents: [
            AgentConfig(id: alice, url: "http://127.0.0.1:9/a"), AgentConfig(id: bob, url: "http://127.0.0.1:9/b"),
        ], cardPollInterval: 30))
        #expect(h.send(.start) == [.fetchCard(alice, ifNoneMatch: nil), .fetchCard(bob, ifNoneMatch: nil)])
        #expect(h.state.agents[alice]?.health == .unknown)
        h.send(.card(alice, .fetched(makeCard("Alice"), endpoint: endpoint(.v03), etag: "\"e1\"", latency: 0.1)))
        #expect(h.state.agents[alice]?.health == .up)
        #expect(h.state.agents[alice]?.etag == "\"e1\"")
        #expect(h.state.agents[alice]?.displayName == "Alice")
        #expect(h.state.deadlines[.cardPoll(alice)] == t0.addingTimeInterval(30))
        h.advance(30)
        #expect(h.send(.tick) == [.fetchCard(alice, ifNoneMatch: "\"e1\"")])
        h.send(.card(alice, .notModified(latency: 0.02)))
        #expect(h.state.agents[alice]?.card?.name == "Alice")
        #expect(h.state.agents[alice]?.pollLatency == 0.02)
        #expect(h.state.agents[alice]?.lastPollAt == h.now)
    }

    @Test func failureKeepsTheCardAndMarksDownWithReason() throws {
        var h = Harness.standard()
        let card = h.state.agents[alice]?.card
        h.advance(30)
        h.send(.card(alice, .failed(.http(status: 503, "Service Unavailable"))))
        let entry = try #require(h.state.agents[alice])
        #expect(entry.card == card, "never drop the card")
        #expect(entry.card != nil)
        guard case .down(let reason) = entry.health else {
            Issue.record("expected down, got \(entry.health)")
            return
        }
        #expect(reason.contains("503"))
        #expect(entry.consecutivePollFailures == 1)
        #expect(entry.lastSeenAt == t0)
        #expect(entry.lastPollAt == h.now)

        h.send(.card(alice, .failed(.unreachable("connection refused"))))
        #expect(h.state.agents[alice]?.health == .unreachable("connection refused"))
        #expect(h.state.agents[alice]?.consecutivePollFailures == 2)
        #expect(h.state.agents[alice]?.card == card)
        #expect(HeaderSummary(h.state).agentsDown == 1)
        #expect(HeaderSummary(h.state).agentsUp == 1)

        h.send(.card(alice, .notModified(latency: 0.1)))
        #expect(h.state.agents[alice]?.health == .up)
    }

    @Test func cardChangeIsDetectedWithAFieldDiff() throws {
        var h = Harness.standard()
        let old = try #require(h.state.agents[alice]?.card)
        var new = old
        new.version = "1.1"
        new.skills.append(AgentSkill(id: "plan", name: "Plan"))
        h.send(.card(alice, .fetched(new, endpoint: endpoint(.v1), etag: "W/\"2\"", latency: 0.05)))
        let entry = try #require(h.state.agents[alice])
        #expect(entry.cardChanged)
        #expect(entry.previousCard == old)
        #expect(entry.card == new)
        let changes = CardDiff.diff(old, new)
        #expect(changes.contains { $0.path == "version" && $0.kind == .changed && $0.old == "\"1.0\"" && $0.new == "\"1.1\"" })
        #expect(changes.contains { $0.path == "skills.plan" && $0.kind == .added })
        #expect(changes.count == 2)
        // The view model shows the diff for the selected agent; opening the agent clears the flag.
        h.state.ui.focus = .agents
        h.state.ui.selectedAgent = alice
        #expect(h.state.viewModel(now: h.now).cardChanges == changes)
        let detail = h.state.viewModel(now: h.now).agentDetail
        #expect(detail?.card == new && detail?.etag == "W/\"2\"" && detail?.cardChanges == changes)
        h.key(.enter)
        #expect(h.state.agents[alice]?.cardChanged == false)
    }

    @Test func sameCardAgainIsNoChange() throws {
        var h = Harness.standard()
        let card = try #require(h.state.agents[alice]?.card)
        h.send(.card(alice, .fetched(card, endpoint: endpoint(.v1), etag: nil, latency: 0.05)))
        #expect(h.state.agents[alice]?.cardChanged == false)
    }

    @Test func rawDiffSeesUnmodelledFields() {
        var a = makeCard("A")
        var b = a
        a.raw = ["name": "A", "x-team": "red", "skills": [["id": "s1"]]]
        b.raw = ["name": "A", "x-team": "blue", "skills": [["id": "s1"], ["id": "s2"]]]
        let changes = CardDiff.diff(a, b)
        #expect(changes.map(\.path) == ["x-team", "skills[1]"])
        #expect(changes.map(\.kind) == [.changed, .added])
    }

    @Test func slowPollsAndFailingCallsDegrade() throws {
        var h = Harness.standard()
        h.send(.card(alice, .notModified(latency: 5)))
        guard case .degraded(let why) = h.state.agents[alice]?.health else {
            Issue.record("expected degraded")
            return
        }
        #expect(why.contains("slow"))
        h.send(.card(alice, .notModified(latency: 0.1)))
        #expect(h.state.agents[alice]?.health == .up)

        for i in 0..<3 {
            let tag = try #require(h.dispatch("@alice try \(i)").first?.streamParts?.tag)
            h.send(.streamEnded(tag, .failed(.transport("connection reset"))))
        }
        guard case .degraded(let why2) = h.state.agents[alice]?.health else {
            Issue.record("expected degraded after failed calls, got \(String(describing: h.state.agents[alice]?.health))")
            return
        }
        #expect(why2.contains("3 failed calls"))
    }

    @Test func grpcOnlyCardsAreShownAsSuch() {
        var h = Harness.standard()
        let card = makeCard("G", interfaces: [AgentInterface(url: "127.0.0.1:50051", binding: .grpc, protocolVersion: "1.0")])
        h.send(.card(bob, .fetched(card, endpoint: nil, etag: nil, latency: 0.05)))
        #expect(h.state.agents[bob]?.health == .grpcOnly)
        #expect(h.state.agents[bob]?.card == card)
        #expect(h.dispatch("@bob hello").isEmpty)
        #expect(h.state.tasks.isEmpty)
        #expect(h.state.ui.status?.text.contains("gRPC") == true)
    }

    @Test func aCardWithNothingWeSpeakIsDown() {
        var h = Harness(config: DeckConfig(agents: [AgentConfig(id: alice, url: "http://127.0.0.1:9/")]))
        h.send(.start)
        h.send(.card(alice, .fetched(makeCard("A"), endpoint: nil, etag: nil, latency: 0.1)))
        guard case .down(let why) = h.state.agents[alice]?.health else {
            Issue.record("expected down")
            return
        }
        #expect(why.contains("no interface"))
    }
}
