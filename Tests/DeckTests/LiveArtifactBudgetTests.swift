import A2A
import Foundation
import Seeded
import Testing

@testable import Deck

/// The budget on artifact bytes of running tasks (`LiveArtifactBudget`): the running total kept by
/// `fold` against a sum over every task, the bound it promises, and that nothing is cut silently.
@Suite struct LiveArtifactBudgetTests {
    /// What the budget should hold: every unfinished task's counted bytes.
    static func straightSum(_ state: DeckState) -> Int {
        state.tasks.values.reduce(0) { $0 + ($1.state.isTerminal ? 0 : $1.accumulator.artifactByteCount) }
    }

    /// An artifact's text parts, joined.
    static func text(of artifact: Artifact?) -> String {
        (artifact?.parts ?? []).map { part in if case .text(let t) = part.content { t } else { "" } }.joined()
    }

    static func chunk(_ task: String, _ artifact: String, _ text: String, append: Bool, last: Bool = false) -> StreamEvent {
        .artifact(ArtifactUpdate(taskID: task, contextID: "ctx-1", artifact: Artifact(artifactID: artifact, name: artifact, parts: [.text(text)]),
                                 append: append, lastChunk: last))
    }

    @Test(arguments: [1, 2, 3, 4])
    func runningTotalMatchesASumAndStaysBounded(seed: UInt64) throws {
        let limit = 4_000
        var h = Harness.standard(maxFinished: 1_000)
        h.state.config.liveArtifactByteLimit = limit
        var random = SplitMix64(seed: seed)
        // What each task's artifacts were sent, in order: the kept text must be a prefix of it.
        var sent: [String: [String: String]] = [:]
        var open: [(tag: RequestTag, id: String, artifacts: Int)] = []
        var started = 0
        var refusedSomething = false
        for _ in 0..<600 {
            switch random.below(10) {
            case 0 where open.count < 12, 1 where open.count < 12:
                started += 1
                let id = "t\(started)"
                open.append((try h.dispatchedTask(id), id, 0))
            case 2 where !open.isEmpty:
                // A task ends: its bytes no longer count.
                let (tag, id, _) = open.remove(at: random.below(open.count))
                h.send(.streamEvent(tag, statusEvent(id, [.completed, .failed, .canceled][random.below(3)])))
            case 3 where !open.isEmpty:
                // A new artifact (or one started over).
                let n = random.below(open.count)
                open[n].artifacts = min(open[n].artifacts + 1, 3)
                let artifact = "a\(random.below(open[n].artifacts))"
                let text = String(repeating: "x", count: 1 + random.below(300))
                sent[open[n].id, default: [:]][artifact] = text
                h.send(.streamEvent(open[n].tag, Self.chunk(open[n].id, artifact, text, append: false)))
            default:
                guard !open.isEmpty else { continue }
                let n = random.below(open.count)
                guard open[n].artifacts > 0 else { continue }
                let artifact = "a\(random.below(open[n].artifacts))"
                guard sent[open[n].id]?[artifact] != nil else { continue }
                let text = String(repeating: "y", count: 1 + random.below(400))
                sent[open[n].id]?[artifact]? += text
                h.send(.streamEvent(open[n].tag, Self.chunk(open[n].id, artifact, text, append: true, last: random.below(8) == 0)))
            }
            #expect(h.state.liveArtifactBytes == Self.straightSum(h.state))
            // Under twice the limit, plus the one chunk that may cross it (at most 400 + overhead).
            #expect(h.state.liveArtifactBytes <= 2 * limit + 500)
        }
        // Nothing silently lost: each artifact kept is a prefix of what was sent, and all of it
        // unless marked truncated.
        for (id, artifacts) in sent {
            let entry = try #require(h.state.tasks[TaskKey(agentID: alice, taskID: id)])
            for (artifactID, text) in artifacts {
                let kept = Self.text(of: entry.task.artifacts.first { $0.artifactID == artifactID })
                #expect(text.hasPrefix(kept))
                if kept != text {
                    refusedSomething = true
                    #expect(entry.accumulator.isTruncated(artifactID: artifactID), "\(id)/\(artifactID) lost chunks unmarked")
                    #expect(entry.task.artifacts.contains { $0.artifactID == artifactID }, "a refused artifact is still listed")
                }
            }
        }
        #expect(refusedSomething, "the run must press against the limit")
        // All finished: nothing counts any more.
        for (tag, id, _) in open { h.send(.streamEvent(tag, statusEvent(id, .completed))) }
        #expect(h.state.liveArtifactBytes == 0)
    }

    @Test func aFloodingTaskDoesNotStarveTheOthers() throws {
        var h = Harness.standard()
        h.state.config.liveArtifactByteLimit = 10_000
        let flood = try h.dispatchedTask("flood")
        let quiet = try h.dispatchedTask("quiet")
        h.send(.streamEvent(flood, Self.chunk("flood", "log", String(repeating: "f", count: 900), append: false)))
        for _ in 0..<30 { h.send(.streamEvent(flood, Self.chunk("flood", "log", String(repeating: "f", count: 900), append: true))) }
        let flooder = try #require(h.state.tasks[TaskKey(agentID: alice, taskID: "flood")])
        #expect(flooder.accumulator.isTruncated(artifactID: "log"))
        #expect(h.state.liveArtifactBytes <= 10_000 + 964)
        // The other task still gets its share (half the limit while two tasks hold bytes).
        h.send(.streamEvent(quiet, Self.chunk("quiet", "report", String(repeating: "q", count: 2_000), append: false, last: true)))
        let other = try #require(h.state.tasks[TaskKey(agentID: alice, taskID: "quiet")])
        #expect(Self.text(of: other.task.artifacts.first).count == 2_000)
        #expect(!other.accumulator.isTruncated(artifactID: "report"))
        // Once the flooder finishes, its bytes leave the budget: a later artifact of it... is not
        // taken (finished), but new running tasks have room again.
        h.send(.streamEvent(flood, statusEvent("flood", .completed)))
        #expect(h.state.liveArtifactBytes == other.accumulator.artifactByteCount)
    }

    @Test func aRefusedFirstChunkIsListedTruncatedAndSavedWithANote() throws {
        var h = Harness.standard()
        h.state.config.liveArtifactByteLimit = 0
        let tag = try h.dispatchedTask("t1")
        h.send(.streamEvent(tag, Self.chunk("t1", "answer", "all of it", append: false, last: true)))
        let key = TaskKey(agentID: alice, taskID: "t1")
        let entry = try #require(h.state.tasks[key])
        #expect(entry.task.artifacts.map(\.artifactID) == ["answer"])
        #expect(entry.task.artifacts.first?.parts.isEmpty == true)
        #expect(entry.accumulator.completedArtifactIDs == ["answer"], "the last chunk still ends it")
        #expect(entry.accumulator.truncatedArtifactIDs == ["answer"])
        // The detail pane says so; so does a save.
        h.state.ui.selectedTask = key
        let detail = try #require(h.state.viewModel(now: h.now).detail)
        #expect(detail.truncatedArtifactIDs == ["answer"])
        let save = h.state.saveSelection(path: nil, taskWhenNoArtifact: false, now: h.now)
        guard case .save(let request)? = save.first else { Issue.record("no save: \(save)"); return }
        #expect(request.truncated)
        // A chunk of it that arrives once there is room again stays out: no holes in the text.
        h.state.config.liveArtifactByteLimit = 1 << 20
        h.send(.streamEvent(tag, Self.chunk("t1", "answer", "more", append: true)))
        #expect(h.state.tasks[key]?.task.artifacts.first?.parts.isEmpty == true)
        // A new artifact is taken whole.
        h.send(.streamEvent(tag, Self.chunk("t1", "second", "fits", append: false)))
        #expect(Self.text(of: h.state.tasks[key]?.task.artifacts.last) == "fits")
        #expect(h.state.tasks[key]?.accumulator.isTruncated(artifactID: "second") == false)
    }

    @Test func removedAgentsTasksLeaveTheBudget() throws {
        var h = Harness.standard()
        let tag = try h.dispatchedTask("t1")
        h.send(.streamEvent(tag, Self.chunk("t1", "a", String(repeating: "z", count: 500), append: false)))
        #expect(h.state.liveArtifactBytes == Self.straightSum(h.state))
        #expect(h.state.liveArtifactBytes > 500)
        _ = h.state.removeAgent(named: "Alice", now: h.now)
        #expect(h.state.liveArtifactBytes == 0)
    }
}
