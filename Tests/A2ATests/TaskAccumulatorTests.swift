import Testing

@testable import A2A

/// `acc.apply(e)` inside `#expect` would be a mutating call on a captured value.
func applied(to acc: inout TaskAccumulator, _ event: StreamEvent) -> Bool { acc.apply(event) }

@Suite struct TaskAccumulatorTests {
    func fold(_ events: [StreamEvent], taskID: String) -> TaskAccumulator {
        var acc = TaskAccumulator(taskID: taskID)
        for e in events { acc.apply(e) }
        return acc
    }

    /// The text assembled from a stream's chunks equals what the agent stored (its GetTask answer).
    @Test(arguments: [
        ("stream-v10.txt", "gettask-v10.txt", Endpoints.v1, "07a2e49e-85ef-4ef7-9e41-862497c6b03a"),
        ("stream-v03.txt", "gettask-v03.txt", Endpoints.v03, "2cb02e3f-e8a7-4564-b9e3-8dfd2cd69a1f"),
        ("rest-stream-v10.txt", "rest-gettask-v10.txt", Endpoints.v1REST, "e04952b1-de53-4367-8196-c5a02f57a657"),
    ])
    func streamedArtifactsEqualTheStoredOnes(stream: String, get: String, endpoint: Endpoint, taskID: String) throws {
        let acc = fold(try streamEvents(stream, endpoint: endpoint), taskID: taskID)
        let stored = try task(get, .get(taskID: taskID, historyLength: nil), endpoint: endpoint)
        #expect(acc.task.artifacts.map(\.text) == stored.artifacts.map(\.text))
        #expect(acc.task.artifacts.first?.parts == stored.artifacts.first?.parts)  // chunks kept as parts, not merged
        #expect(acc.completedArtifactIDs == Set(stored.artifacts.map(\.artifactID)))
        #expect(acc.task.status.state == .completed)
        #expect(acc.statusText == "Done")
        #expect(acc.progressPercent == 100)
        #expect(acc.task.contextID == stored.contextID)
    }

    @Test func resubscribeStartingWithAnUpdate() throws {
        let id = "36ae32c3-2fb0-43c4-b644-764f03a62caa"
        let acc = fold(try streamEvents("v03sdk-resubscribe-complete.txt", endpoint: Endpoints.v03), taskID: id)
        #expect(acc.task.artifacts.first?.text == "chunk 1 of 4\nchunk 2 of 4\nchunk 3 of 4\nchunk 4 of 4\n")
        #expect(acc.completedArtifactIDs == ["report-36ae32c3"])
        #expect(acc.sawFinal)
        #expect(acc.task.status.state == .completed)
        #expect(acc.task.contextID == "5ff7756c-e3a9-4daf-9662-0e75d067c270")
    }

    @Test func subscribeSnapshotThenChunksThenCancel() throws {
        let id = "3a7b1cd3-ce48-4e0a-9c6a-e477c0a380fd"
        let acc = fold(try streamEvents("subscribe-v10.txt", endpoint: Endpoints.v1), taskID: id)
        let canceled = try task("cancel-v10.txt", .cancel(taskID: id), endpoint: Endpoints.v1)
        #expect(acc.task.status.state == .canceled)
        #expect(acc.task.artifacts.map(\.text) == canceled.artifacts.map(\.text))
        #expect(acc.statusText == "Canceled by client request")
        #expect(acc.completedArtifactIDs.isEmpty)  // the last chunk never came
    }

    @Test func eventsForAnotherTaskAreIgnored() throws {
        var acc = TaskAccumulator(taskID: "mine")
        let other = StatusUpdate(taskID: "theirs", status: TaskStatus(state: .failed))
        #expect(applied(to: &acc, .status(other)) == false)
        #expect(applied(to: &acc, .task(A2ATask(id: "theirs", status: TaskStatus(state: .failed)))) == false)
        #expect(applied(to: &acc, .message(Message(messageID: "x", taskID: "theirs", role: .agent, parts: []))) == false)
        #expect(applied(to: &acc, .artifact(ArtifactUpdate(taskID: "theirs", artifact: Artifact(artifactID: "a", parts: [])))) == false)
        #expect(acc.task.status.state == .submitted)
        #expect(acc.task.artifacts.isEmpty)
    }

    @Test func appendReplaceAndComplete() {
        var acc = TaskAccumulator(taskID: "t")
        func chunk(_ id: String, _ text: String, append: Bool, last: Bool = false) -> StreamEvent {
            .artifact(ArtifactUpdate(taskID: "t", artifact: Artifact(artifactID: id, parts: [.text(text)]), append: append, lastChunk: last))
        }
        #expect(applied(to: &acc, chunk("a", "one ", append: false)))
        #expect(applied(to: &acc, chunk("b", "other", append: false, last: true)))
        #expect(applied(to: &acc, chunk("a", "two", append: true)))
        #expect(acc.task.artifacts.map(\.text) == ["one two", "other"])
        #expect(acc.task.artifacts[0].parts.count == 2)
        #expect(acc.completedArtifactIDs == ["b"])
        #expect(applied(to: &acc, chunk("a", "fresh", append: false, last: true)))
        #expect(acc.task.artifacts.map(\.text) == ["fresh", "other"])
        #expect(acc.completedArtifactIDs == ["a", "b"])
        // append to an unknown artifact starts it
        #expect(applied(to: &acc, chunk("c", "x", append: true)))
        #expect(acc.task.artifacts.map(\.artifactID) == ["a", "b", "c"])
    }

    @Test func statusProgressAndText() {
        var acc = TaskAccumulator(taskID: "t")
        let working = StatusUpdate(taskID: "t", contextID: "c", status: TaskStatus(state: .working, message: Message(messageID: "1", role: .agent, parts: [.text("Step 1")])), progressPercent: 10)
        #expect(applied(to: &acc, .status(working)))
        #expect(acc.statusText == "Step 1")
        #expect(acc.progressPercent == 10)
        #expect(acc.task.contextID == "c")
        #expect(applied(to: &acc, .status(working)) == false)  // nothing new
        // a bare state change clears stale text; progress stays until a new one
        #expect(applied(to: &acc, .status(StatusUpdate(taskID: "t", status: TaskStatus(state: .inputRequired)))))
        #expect(acc.statusText == nil)
        #expect(acc.progressPercent == 10)
        #expect(acc.task.status.state.isInterrupted)
    }

    @Test func snapshotReplacesButKeepsWhatItOmits() {
        var acc = TaskAccumulator(taskID: "t")
        acc.apply(.artifact(ArtifactUpdate(taskID: "t", artifact: Artifact(artifactID: "a", parts: [.text("partial")]))))
        acc.apply(.message(Message(messageID: "u1", taskID: "t", role: .user, parts: [.text("hi")])))
        // a snapshot without artifacts/history (historyLength 0) keeps ours
        #expect(applied(to: &acc, .task(A2ATask(id: "t", contextID: "c", status: TaskStatus(state: .working), metadata: ["progress": 40]))))
        #expect(acc.task.artifacts.first?.text == "partial")
        #expect(acc.task.history.count == 1)
        #expect(acc.progressPercent == 40)
        // a full snapshot wins, and its artifacts count as complete
        let full = A2ATask(id: "t", contextID: "c", status: TaskStatus(state: .completed), artifacts: [Artifact(artifactID: "a", parts: [.text("whole")])])
        #expect(applied(to: &acc, .task(full)))
        #expect(acc.task.artifacts.first?.text == "whole")
        #expect(acc.completedArtifactIDs == ["a"])
        #expect(applied(to: &acc, .task(full)) == false)
    }

    @Test func historyIsBoundedAndDeduplicated() {
        var acc = TaskAccumulator(taskID: "t")
        for i in 0..<(TaskAccumulator.historyLimit + 50) {
            acc.apply(.message(Message(messageID: "m\(i)", role: .agent, parts: [.text("\(i)")])))
        }
        #expect(acc.task.history.count == TaskAccumulator.historyLimit)
        #expect(acc.task.history.first?.messageID == "m50")
        #expect(applied(to: &acc, .message(Message(messageID: "m249", role: .agent, parts: []))) == false)
    }

    @Test func blogEraStreamBuildsAResult() throws {
        var acc = TaskAccumulator(taskID: "blog-1")
        let context = StreamContext(taskID: "blog-1")
        for data in [#"{"type":"task_status","state":"working"}"#, #"{"type":"progress","stage":"Parsing","percent":25}"#, #"{"type":"task_result","state":"completed","result":"Looks fine"}"#] {
            for e in try A2ACodec.decodeStreamData(data, eventType: "message", endpoint: Endpoints.v01, context: context).get() { acc.apply(e) }
        }
        #expect(acc.task.status.state == .completed)
        #expect(acc.progressPercent == 25)
        #expect(acc.task.artifacts.first?.text == "Looks fine")
        #expect(acc.sawFinal)
    }

    @Test func artifactSizeAndCountAreBounded() {
        var acc = TaskAccumulator(taskID: "t")
        // Each part also counts `partOverhead` bytes of bookkeeping.
        let half = String(repeating: "x", count: TaskAccumulator.artifactByteLimit / 2 - TaskAccumulator.partOverhead)
        func chunk(_ id: String, _ text: String, append: Bool) -> StreamEvent {
            .artifact(ArtifactUpdate(taskID: "t", artifact: Artifact(artifactID: id, parts: [.text(text)]), append: append))
        }
        acc.apply(chunk("big", half, append: false))
        acc.apply(chunk("big", half, append: true))
        #expect(acc.truncatedArtifactIDs.isEmpty)
        acc.apply(chunk("big", "one byte too many", append: true))
        #expect(acc.truncatedArtifactIDs == ["big"])
        #expect(acc.task.artifacts.first?.parts.count == 2)
        // starting the artifact over clears the mark
        acc.apply(chunk("big", "small", append: false))
        #expect(acc.truncatedArtifactIDs.isEmpty)
        #expect(acc.task.artifacts.first?.text == "small")

        for i in 0..<(TaskAccumulator.artifactCountLimit + 5) { acc.apply(chunk("a\(i)", "", append: false)) }
        #expect(acc.task.artifacts.count == TaskAccumulator.artifactCountLimit)
        #expect(acc.truncatedArtifactIDs.count == 6)
    }

    @Test func allArtifactsOfATaskShareOneByteBound() {
        var acc = TaskAccumulator(taskID: "t")
        // Each artifact stays under its own limit; together they reach the task's.
        let piece = String(repeating: "y", count: TaskAccumulator.taskArtifactByteLimit / 3 - TaskAccumulator.partOverhead)
        func chunk(_ id: String, _ text: String, append: Bool) -> StreamEvent {
            .artifact(ArtifactUpdate(taskID: "t", artifact: Artifact(artifactID: id, parts: [.text(text)]), append: append))
        }
        for id in ["a", "b", "c"] { acc.apply(chunk(id, piece, append: false)) }
        #expect(acc.truncatedArtifactIDs.isEmpty)
        acc.apply(chunk("a", "more", append: true))
        acc.apply(chunk("d", "new", append: false))
        #expect(acc.truncatedArtifactIDs == ["a", "d"])
        #expect(acc.task.artifacts.count == 3)
        // Starting one over makes room again.
        acc.apply(chunk("b", "short", append: false))
        acc.apply(chunk("d", "new", append: false))
        #expect(acc.task.artifacts.count == 4)
        #expect(!acc.truncatedArtifactIDs.contains("d"))
    }
}
