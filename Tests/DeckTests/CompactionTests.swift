import A2A
import Foundation
import Testing

@testable import Deck

/// Finished tasks beyond the most recent `keepFinishedUnpacked` are packed (TaskAccumulator.compact):
/// what the operator sees and saves must be what the same task shows unpacked — the view model
/// (detail pane, rows), `s`, `:save`, `y`. Here nothing is kept unpacked, so each task is packed
/// by the update that finishes it.
@Suite struct CompactionTests {
    /// A dispatched task that streamed a three-chunk artifact and finished with a message.
    func finishedTask() throws -> Harness {
        var h = Harness.standard()
        h.state.config.keepFinishedUnpacked = 0
        h.state.config.finishedPackingGroup = 1  // each task packed alone, by the update that finishes it
        let tag = try h.dispatchedTask("t-1")
        for n in 0..<3 {
            h.advance(0.1)
            h.send(.streamEvent(tag, .artifact(ArtifactUpdate(
                taskID: "t-1", contextID: "ctx-1",
                artifact: Artifact(artifactID: "report", name: "report", parts: [.text("chunk \(n + 1) of 3: café e\u{301}\n")]),
                append: n > 0, lastChunk: n == 2))))
        }
        h.send(.streamEvent(tag, statusEvent("t-1", .completed, "All done")))
        h.send(.streamEnded(tag, .closed))
        return h
    }

    /// The same state with every task's accumulator unpacked, as it was before compaction existed.
    func unpacked(_ h: Harness) -> Harness {
        var plain = h
        for (key, entry) in h.state.tasks { plain.state.tasks[key]?.accumulator = entry.accumulator.unpacked }
        return plain
    }

    @Test func aFinishedTaskIsCompactedAndShowsTheSame() throws {
        var packed = try finishedTask()
        let entry = try #require(packed.selected)
        #expect(entry.state == .completed)
        #expect(entry.accumulator.isCompacted)
        var plain = unpacked(packed)
        #expect(plain.selected?.accumulator.isCompacted == false)

        let view = packed.state.viewModel(now: packed.now)
        #expect(view == plain.state.viewModel(now: plain.now))
        let detail = try #require(view.detail)
        #expect(detail.task.artifacts.first?.parts.count == 3)
        #expect(detail.task.artifacts.first?.text == "chunk 1 of 3: café e\u{301}\nchunk 2 of 3: café e\u{301}\nchunk 3 of 3: café e\u{301}\n")
        #expect(detail.completedArtifactIDs == ["report"])
        #expect(detail.task.status.message?.text == "All done")

        // `s` saves the same artifact; `:save PATH` too.
        let save = packed.key(.char("s"))
        #expect(save == plain.key(.char("s")))
        guard case .save(let request)? = save.first, case .artifact(let artifact) = request.content else {
            Issue.record("s did not save the artifact: \(save)")
            return
        }
        #expect(Array(artifact.text.utf8) == Array("chunk 1 of 3: café e\u{301}\n".utf8) + Array("chunk 2 of 3: café e\u{301}\n".utf8) + Array("chunk 3 of 3: café e\u{301}\n".utf8))
        #expect(packed.send(.key(.char(":"))) == plain.send(.key(.char(":"))))
        #expect(packed.type("save /tmp/x.txt") == plain.type("save /tmp/x.txt"))
        #expect(packed.key(.enter) == plain.key(.enter))

        // `y` in the detail pane copies the artifact text.
        packed.state.ui.focus = .detail
        plain.state.ui.focus = .detail
        let copy = packed.key(.char("y"))
        #expect(copy == plain.key(.char("y")))
        #expect(copy.contains(.copyToClipboard("chunk 1 of 3: café e\u{301}\n\nchunk 2 of 3: café e\u{301}\n\nchunk 3 of 3: café e\u{301}\n")))
    }

    /// An event after the end (a late chunk, a GetTask answer) unpacks the task first: it lands as
    /// on the plain task, and the task is packed again.
    @Test func aLaterEventLandsAsOnThePlainTask() throws {
        var packed = try finishedTask()
        var plain = unpacked(packed)
        let key = try #require(packed.selected?.key)
        var snapshot = taskSnapshot("t-1", .completed)
        snapshot.artifacts = [Artifact(artifactID: "summary", parts: [.text("one line")])]
        packed.advance(1)
        plain.advance(1)
        let tag = RequestTag(999)
        packed.state.requests[tag] = PendingRequest(agentID: alice, purpose: .reconcile(key), isStream: false)
        plain.state.requests[tag] = PendingRequest(agentID: alice, purpose: .reconcile(key), isStream: false)
        #expect(packed.send(.result(tag, .success(.task(snapshot)))) == plain.send(.result(tag, .success(.task(snapshot)))))
        #expect(packed.state.tasks[key]?.accumulator.isCompacted == true)
        #expect(packed.state.tasks[key] == plain.state.tasks[key])
        #expect(packed.state.viewModel(now: packed.now) == plain.state.viewModel(now: plain.now))
        #expect(packed.selected?.task.artifacts.map(\.artifactID) == ["summary"])
    }

    /// Running tasks are never packed: their artifacts grow chunk by chunk.
    @Test func aRunningTaskIsNotCompacted() throws {
        var h = Harness.standard()
        h.state.config.keepFinishedUnpacked = 0
        h.state.config.finishedPackingGroup = 1  // each task packed alone, by the update that finishes it
        let tag = try h.dispatchedTask("t-2")
        h.send(.streamEvent(tag, .artifact(ArtifactUpdate(
            taskID: "t-2", contextID: "ctx-1", artifact: Artifact(artifactID: "a", parts: [.text("partial")])))))
        #expect(h.selected?.state == .working)
        #expect(h.selected?.accumulator.isCompacted == false)
    }

    /// With the default bound (32, under the default retention of 200), a task that just finished
    /// stays as it was: the most recent ones are those an operator opens.
    @Test func withTheDefaultsARecentlyFinishedTaskStaysUnpacked() throws {
        var h = try finishedTask()
        h.state.config.keepFinishedUnpacked = DeckConfig(agents: []).keepFinishedUnpacked
        let tag = try h.dispatchedTask("t-3")
        h.send(.streamEvent(tag, statusEvent("t-3", .completed, "done")))
        let key = try #require(h.state.tasks.keys.first { $0.taskID == "t-3" })
        #expect(h.state.tasks[key]?.accumulator.isCompacted == false)
        #expect(DeckConfig(agents: []).keepFinishedUnpacked < DeckConfig(agents: []).maxFinishedTasks)
    }
}
