import Testing
@testable import A2A

/// Bounds against a hostile agent (tests/peers/hostile_agent.py) beyond the byte and count limits
/// `TaskAccumulatorTests` covers: floods of tiny chunks and of ever-new metadata keys (issue 7).
struct TaskAccumulatorBoundsTests {
    @Test func aFloodOfEmptyChunksIsBoundedToo() {
        var accumulator = TaskAccumulator(taskID: "t")
        let maxParts = TaskAccumulator.artifactByteLimit / TaskAccumulator.partOverhead
        // Parts with no payload at all still cost memory: the overhead per part bounds their number.
        for _ in 0..<(maxParts + 100) {
            accumulator.apply(.artifact(ArtifactUpdate(
                taskID: "t", artifact: Artifact(artifactID: "a", parts: [.text("")]), append: true)))
        }
        #expect(accumulator.task.artifacts.first?.parts.count == maxParts)
        #expect(accumulator.truncatedArtifactIDs == ["a"])
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
}
