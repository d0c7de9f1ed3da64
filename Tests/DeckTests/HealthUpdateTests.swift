import A2A
import Foundation
import Testing

@testable import Deck

/// The health window fed through `update`, as the runtime feeds it: card polls, streamed and
/// polled tasks ending, sends that fail, tasks found by discovery. Read back through the view model.
@Suite("Health through update")
struct HealthUpdateTests {
    @Test func cardPollsAndFinishedTasksFillTheWindow() throws {
        var h = Harness.standard()  // alice and bob polled at t0 in 50 ms
        h.advance(30)
        h.send(.card(alice, .notModified(latency: 0.150)))
        h.advance(30)
        h.send(.card(alice, .failed(.unreachable("connection refused"))))
        h.advance(30)
        h.send(.card(alice, .notModified(latency: 0.070)))

        // Three tasks on alice: completed after 10 s, failed after 4 s, completed after 20 s.
        var tag = try h.dispatchedTask("t1", .working)
        h.advance(10)
        h.send(.streamEvent(tag, statusEvent("t1", .completed, "done")))
        tag = try h.dispatchedTask("t2", .working)
        h.advance(4)
        h.send(.streamEvent(tag, statusEvent("t2", .failed, "broke")))
        tag = try h.dispatchedTask("t3", .working)
        h.advance(20)
        h.send(.streamEvent(tag, statusEvent("t3", .completed)))
        // A status repeated after the end counts once.
        h.send(.streamEvent(tag, statusEvent("t3", .completed)))

        let m = try #require(h.state.agents[alice]?.metrics.summary(now: h.now, detailed: true))
        #expect(m.polls == 4 && m.pollsFailed == 1)
        // Answered latencies 50, 150, 70: p50 70 ms, p99 150 ms.
        #expect(m.latencyP50 == 0.070 && m.latencyP99 == 0.150)
        #expect(m.completed == 2 && m.failed == 1 && m.finished == 3)
        #expect(m.successRate == 2.0 / 3.0)
        // Durations 10, 4, 20 (from the pending row to the end): p50 10, p95 20.
        #expect(m.durationP50 == 10 && m.durationP95 == 20)
        // The three tasks ended in the last 34 s of a 124 s watch.
        #expect(abs(m.tasksPerMinute - 3 / (124.0 / 60)) < 1e-9)
        #expect(m.okPulse.reduce(0, +) == 2 && m.failedPulse.reduce(0, +) == 1)
        #expect(m.pollFailedPulse.reduce(0, +) == 1)

        // The view model shows it: the row (success over the window), the detail, the header.
        h.state.ui.focus = .agents
        h.state.ui.selectedAgent = alice
        let vm = h.state.viewModel(now: h.now)
        let row = try #require(vm.agents.first { $0.id == alice })
        #expect(row.metrics.latencyP50 == 0.070 && row.successRate == 2.0 / 3.0)
        #expect(row.metrics.durationP50 == nil, "rows leave out the detail-only figures")
        #expect(vm.agentDetail?.metrics == m)
        let fleet = try #require(vm.header.fleet)
        #expect(fleet.finished == 3 && fleet.completed == 2 && fleet.polls == 5)

        // Fifteen minutes later the window has moved past all of it.
        h.advance(900)
        let later = try #require(h.state.viewModel(now: h.now).agents.first { $0.id == alice })
        #expect(later.metrics.polls == 0 && later.successRate == nil && later.metrics.latencyP50 == nil)
    }

    @Test func skillsAreCountedFromTheDispatch() throws {
        var h = Harness.standard()
        for (i, skill) in ["summarize", "search", "summarize"].enumerated() {
            let tag = try #require(h.dispatch("@alice #\(skill) job \(i)").first?.streamParts?.tag)
            h.send(.streamEvent(tag, .task(taskSnapshot("s\(i)", .working))))
            h.advance(1)
            h.send(.streamEvent(tag, statusEvent("s\(i)", .completed)))
        }
        let m = try #require(h.state.agents[alice]?.metrics.summary(now: h.now, detailed: true))
        #expect(m.skills == [SkillCount(skill: "summarize", count: 2), SkillCount(skill: "search", count: 1)])
    }

    @Test func aSendThatNeverArrivesCountsAsFailed() throws {
        var h = Harness.standard()
        let call = try #require(h.dispatch("@bob translate this").first?.callParts)
        h.advance(2)
        h.send(.result(call.tag, .failure(.transport("connection refused"))))
        let m = try #require(h.state.agents[bob]?.metrics.summary(now: h.now))
        #expect(m.failed == 1 && m.completed == 0 && m.successRate == 0)
    }

    @Test func aPolledTaskCountsWhenItsPollSaysItEnded() throws {
        var h = Harness.standard()
        let call = try #require(h.dispatch("@bob translate this").first?.callParts)
        h.send(.result(call.tag, .success(.task(taskSnapshot("b1", .working)))))
        h.advance(6)
        let poll = try #require(h.send(.tick).compactMap(\.callParts).first)
        h.send(.result(poll.tag, .success(.task(taskSnapshot("b1", .completed)))))
        let m = try #require(h.state.agents[bob]?.metrics.summary(now: h.now, detailed: true))
        #expect(m.completed == 1 && m.durationP50 == 6)
    }

    @Test func tasksFoundAlreadyFinishedDoNotCount() throws {
        var h = Harness.standard(listPoll: 10)
        let list = try #require(h.state.requests.first { $0.value.purpose == .list(alice) }?.key)
        let page = TaskPage(tasks: [taskSnapshot("old-1", .completed), taskSnapshot("old-2", .failed), taskSnapshot("run", .working)])
        let out = h.send(.result(list, .success(.taskPage(page))))
        var m = try #require(h.state.agents[alice]?.metrics.summary(now: h.now))
        #expect(m.finished == 0, "a finished task found by a list poll ended who knows when")

        // The running one, watched to its end, counts.
        let stream = try #require(out.compactMap(\.streamParts).first)
        h.advance(8)
        h.send(.streamEvent(stream.tag, statusEvent("run", .completed)))
        m = try #require(h.state.agents[alice]?.metrics.summary(now: h.now, detailed: true))
        #expect(m.completed == 1 && m.durationP50 == 8)
    }

    @Test func theWindowFollowsTheConfig() throws {
        let config = DeckConfig(
            agents: [AgentConfig(id: alice, url: "http://127.0.0.1:9/a")], listPollInterval: nil, healthWindow: 60, healthBucket: 10)
        var h = Harness(config: config)
        h.send(.start)
        h.send(.card(alice, .fetched(makeCard("Alice"), endpoint: endpoint(.v1), etag: nil, latency: 0.02)))
        let m = try #require(h.state.agents[alice]?.metrics.summary(now: h.now))
        #expect(m.window == 60 && m.bucketDuration == 10 && m.okPulse.count == 6)
        h.advance(60)
        #expect(h.state.agents[alice]?.metrics.summary(now: h.now).polls == 0)
    }

    @Test func aCardThatChangesTwiceDiffsAgainstTheOneLastSeen() throws {
        var h = Harness.standard()
        let seen = try #require(h.state.agents[alice]?.card)
        var v2 = seen
        v2.version = "2.0"
        h.advance(30)
        h.send(.card(alice, .fetched(v2, endpoint: endpoint(.v1), etag: nil, latency: 0.05)))
        var v3 = v2
        v3.description = "now with planning"
        h.advance(30)
        h.send(.card(alice, .fetched(v3, endpoint: endpoint(.v1), etag: nil, latency: 0.05)))
        let entry = try #require(h.state.agents[alice])
        #expect(entry.cardChanged && entry.previousCard == seen && entry.cardChangedAt == h.now)
        h.state.ui.focus = .agents
        h.state.ui.selectedAgent = alice
        let changes = h.state.viewModel(now: h.now).agentDetail?.cardChanges ?? []
        #expect(Set(changes.map(\.path)) == ["version", "description"], "both changes since the operator looked")

        // Changing back to what the operator saw lowers the flag.
        h.advance(30)
        h.send(.card(alice, .fetched(seen, endpoint: endpoint(.v1), etag: nil, latency: 0.05)))
        #expect(h.state.agents[alice]?.cardChanged == false)
        #expect(h.state.viewModel(now: h.now).agentDetail?.cardChanges == [])
    }
}

/// A quick task can finish before its stream names it, and a list poll see it first.
@Suite("Health through update: races")
struct HealthRaceTests {
    @Test func aSentTaskThatDiscoverySawFinishCountsOnce() throws {
        var h = Harness.standard(listPoll: 10)
        let tag = try #require(h.dispatch("@alice go").first?.streamParts?.tag)
        h.advance(3)
        let list = try #require(h.state.requests.first { $0.value.purpose == .list(alice) }?.key)
        h.send(.result(list, .success(.taskPage(TaskPage(tasks: [taskSnapshot("t9", .completed)])))))
        #expect(h.state.agents[alice]?.metrics.summary(now: h.now).finished == 0, "not ours yet, as far as we know")
        h.send(.streamEvent(tag, .task(taskSnapshot("t9", .completed))))
        h.send(.streamEvent(tag, statusEvent("t9", .completed)))
        let m = try #require(h.state.agents[alice]?.metrics.summary(now: h.now, detailed: true))
        #expect(m.completed == 1 && m.finished == 1)
        #expect(m.durationP50 == 3, "timed from the dispatch")
    }

    @Test func aSentTaskThatDiscoverySawRunningCountsWhenItEnds() throws {
        var h = Harness.standard(listPoll: 10)
        let tag = try #require(h.dispatch("@alice go").first?.streamParts?.tag)
        let list = try #require(h.state.requests.first { $0.value.purpose == .list(alice) }?.key)
        h.send(.result(list, .success(.taskPage(TaskPage(tasks: [taskSnapshot("t9", .working)])))))
        h.send(.streamEvent(tag, statusEvent("t9", .working)))
        h.advance(5)
        h.send(.streamEvent(tag, statusEvent("t9", .failed)))
        let m = try #require(h.state.agents[alice]?.metrics.summary(now: h.now))
        #expect(m.failed == 1 && m.finished == 1)
    }
}
