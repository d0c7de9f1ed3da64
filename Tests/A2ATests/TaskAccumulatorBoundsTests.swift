import Testing
@testable import A2A

/// A hostile agent streaming artifacts forever (tests/peers/hostile_agent.py, mode flood) must not
/// grow the task the CLI and the dashboard fold it into without bound (issue 7).
struct TaskAccumulatorBoundsTests {
    private func chunk(_ id: String, _ text: String, append: Bool = true) -> StreamEvent {
        .artifact(ArtifactUpdate(taskID: "t", artifact: Artifact(artifactID: id, parts: [.text(text)]), append: append))
    }

    @Test func appendedPartsAreBoundedKeepingTheNewest() {
        var accumulator = TaskAccumulator(taskID: "t")
        let total = TaskAccumulator.partsPerArtifactLimit + 500
        for i in 0..<total { accumulator.apply(chunk("a", "part \(i)")) }
        let parts = accumulator.task.artifacts.first?.parts ?? []
        #expect(parts.count <= TaskAccumulator.partsPerArtifactLimit)
        #expect(parts.count >= TaskAccumulator.partsPerArtifactLimit / 2)
        // What is kept is the newest run of chunks, in order.
        #expect(parts == (total - parts.count..<total).map { .text("part \($0)") })
    }

    @Test func artifactTextIsBoundedInBytesButTheNewestPartStays() {
        var accumulator = TaskAccumulator(taskID: "t")
        let megabyte = String(repeating: "x", count: 1 << 20)
        for _ in 0..<40 { accumulator.apply(chunk("a", megabyte)) }
        let bytes = accumulator.task.artifacts.first?.text.utf8.count ?? 0
        #expect(bytes <= TaskAccumulator.bytesPerArtifactLimit)
        #expect(bytes > 0)

        // One part larger than the whole bound is still shown: the bound drops only older parts.
        let huge = String(repeating: "y", count: TaskAccumulator.bytesPerArtifactLimit + 1)
        accumulator.apply(chunk("a", huge))
        #expect(accumulator.task.artifacts.first?.parts == [.text(huge)])
    }

    @Test func distinctArtifactsAreBoundedKeepingTheNewest() {
        var accumulator = TaskAccumulator(taskID: "t")
        let total = TaskAccumulator.artifactLimit + 10
        for i in 0..<total {
            accumulator.apply(.artifact(ArtifactUpdate(
                taskID: "t", artifact: Artifact(artifactID: "a\(i)", parts: [.text("x")]), lastChunk: true)))
        }
        let kept = accumulator.task.artifacts
        #expect(kept.count <= TaskAccumulator.artifactLimit && kept.count >= TaskAccumulator.artifactLimit / 2)
        #expect(kept.map(\.artifactID) == (total - kept.count..<total).map { "a\($0)" })
        #expect(!accumulator.completedArtifactIDs.contains("a0"))
        #expect(accumulator.completedArtifactIDs.contains("a\(total - 1)"))
    }

    @Test func statusMetadataKeysAreBounded() {
        var accumulator = TaskAccumulator(taskID: "t")
        for i in 0..<(TaskAccumulator.metadataKeyLimit + 50) {
            var o = JSONObject()
            o["k\(i)"] = .number(Double(i))
            accumulator.apply(.status(StatusUpdate(taskID: "t", status: TaskStatus(state: .working), metadata: .object(o))))
        }
        #expect(accumulator.task.metadata?.objectValue?.count == TaskAccumulator.metadataKeyLimit)
        // A key already there keeps being updated.
        var update = JSONObject()
        update["k0"] = .number(-1)
        accumulator.apply(.status(StatusUpdate(taskID: "t", status: TaskStatus(state: .working), metadata: .object(update))))
        #expect(accumulator.task.metadata?.objectValue?["k0"] == .number(-1))
    }

    @Test func changesAreReportedForChunks() {
        var accumulator = TaskAccumulator(taskID: "t")
        let first = accumulator.apply(chunk("a", "one", append: false))
        let sameAgain = accumulator.apply(chunk("a", "one", append: false))
        let appended = accumulator.apply(chunk("a", "two"))
        let otherTask = accumulator.apply(chunk("b", "x").withTask("other"))
        let completed = accumulator.apply(.artifact(ArtifactUpdate(
            taskID: "t", artifact: Artifact(artifactID: "a", parts: []), append: true, lastChunk: true)))
        #expect(first)
        #expect(!sameAgain, "the same snapshot again changes nothing")
        #expect(appended)
        #expect(!otherTask, "another task's chunk")
        #expect(completed, "completion is a change")
        #expect(accumulator.task.artifacts.map(\.artifactID) == ["a"])
    }

    @Test func appendsWithinBoundsAreKeptAsSent() {
        var accumulator = TaskAccumulator(taskID: "t")
        accumulator.apply(chunk("a", "one ", append: false))
        accumulator.apply(chunk("a", "two"))
        #expect(accumulator.task.artifacts.first?.parts == [.text("one "), .text("two")])
    }
}

private extension StreamEvent {
    func withTask(_ id: String) -> StreamEvent {
        guard case .artifact(var update) = self else { return self }
        update.taskID = id
        return .artifact(update)
    }
}
