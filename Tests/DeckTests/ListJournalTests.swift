import A2A
import Foundation
import Seeded
import Testing

@testable import Deck

/// The journal keeps a ListTasks answer cut down to what `update` uses of it: the same state and
/// commands must come out of the cut message as out of the whole one.
@Suite struct ListJournalTests {
    /// A listed task as discovery sees it again later: a long history and an artifact.
    func heavy(_ id: String, _ state: TaskState, steps: Int) -> A2ATask {
        var t = taskSnapshot(id, state)
        t.history = (0..<steps).map { i in
            Message(messageID: "\(id)-m\(i)", taskID: id, role: .agent, parts: [.text("step \(i) of \(id)")])
        }
        t.artifacts = [Artifact(artifactID: "\(id)-a", parts: [.text(String(repeating: "x", count: steps * 10))])]
        return t
    }

    @Test func streamedTasksAreSkippedAndTheCutMessageHasTheSameEffect() throws {
        var h = Harness.standard(listPoll: 10)
        let first = try #require(h.state.requests.first { $0.value.purpose == .list(alice) }?.key)
        h.send(.result(first, .success(.taskPage(TaskPage(tasks: [
            taskSnapshot("d-run", .working), taskSnapshot("d-done", .completed),
        ])))))
        #expect(h.state.streamTag(for: TaskKey(agentID: alice, taskID: "d-run")) != nil)

        h.advance(10)
        let again = try #require(h.send(.tick).compactMap(\.callParts).first { $0.agent == alice && $0.request == .list(ListTasksQuery(pageSize: 50, historyLength: 0)) })
        let page = TaskPage(tasks: [
            heavy("d-run", .working, steps: 40), heavy("d-done", .completed, steps: 5), heavy("d-new", .working, steps: 3),
        ])
        let msg = Msg.result(again.tag, .success(.taskPage(page)))
        let skipped = h.state.listedTasksSkipped(by: msg)
        #expect(skipped == ["d-run"])
        let cut = DeckState.listResult(msg, reducing: skipped)
        guard case .result(_, .success(.taskPage(let cutPage))) = cut else {
            Issue.record("not a task page")
            return
        }
        #expect(cutPage.tasks.map(\.id) == ["d-run", "d-done", "d-new"])
        #expect(cutPage.tasks[0].history.isEmpty && cutPage.tasks[0].artifacts.isEmpty)
        #expect(cutPage.tasks[0].status.state == .working)
        #expect(cutPage.tasks[1] == page.tasks[1] && cutPage.tasks[2] == page.tasks[2])

        var whole = h.state
        var shorter = h.state
        let wholeOut = whole.update(msg, now: h.now)
        let shorterOut = shorter.update(cut, now: h.now)
        #expect(wholeOut == shorterOut)
        #expect(whole == shorter)
    }

    /// Seeded random pages over a run: after every list answer, the cut message applied to a copy
    /// of the state gives the same state and commands as the whole one.
    @Test func cutMessagesReplayTheSameOverRandomRuns() throws {
        for seed in [UInt64(1), 7, 42] {
            var rng = SplitMix64(seed: seed)
            var h = Harness.standard(listPoll: 10)
            var ids: [String] = []
            for round in 0..<12 {
                h.advance(10)
                h.send(.tick)
                let pending = h.state.requests.filter { if case .list = $0.value.purpose { true } else { false } }
                for (tag, request) in pending {
                    let agent = request.agentID
                    if rng.next() % 3 == 0 { ids.append("t-\(round)-\(ids.count)") }
                    let states: [TaskState] = [.working, .working, .completed, .inputRequired, .submitted]
                    let tasks = ids.filter { _ in rng.next() % 4 != 0 }.map { id in
                        heavy(id, states[Int(rng.next() % UInt64(states.count))], steps: Int(rng.next() % 20))
                    }
                    let msg = Msg.result(tag, .success(.taskPage(TaskPage(tasks: tasks))))
                    let cut = DeckState.listResult(msg, reducing: h.state.listedTasksSkipped(by: msg))
                    var shorter = h.state
                    let shorterOut = shorter.update(cut, now: h.now)
                    let out = h.send(msg)
                    #expect(out == shorterOut, "seed \(seed) round \(round) agent \(agent.rawValue)")
                    #expect(h.state == shorter, "seed \(seed) round \(round) agent \(agent.rawValue)")
                }
            }
            // Something was skipped along the way, or the test proves nothing.
            #expect(h.state.tasks.values.contains { h.state.streamTag(for: $0.key) != nil }, "seed \(seed)")
        }
    }
}
