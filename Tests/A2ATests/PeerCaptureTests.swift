import Testing

@testable import A2A

/// The captures of the project's own test peers (tests/peers): 0.1 standard and ad-hoc streams,
/// cut streams, direct replies, rejection, bearer auth.
@Suite struct PeerCaptureTests {
    @Test func v01StandardStreamAssemblesTheReport() throws {
        let events = try streamEvents("peer-v01-sendsubscribe-standard.txt", endpoint: Endpoints.v01, context: StreamContext(taskID: "task-1"))
        var acc = TaskAccumulator(taskID: "task-1")
        for e in events { acc.apply(e) }
        let stored = try task("peer-v01-get.txt", .get(taskID: "task-1", historyLength: nil), endpoint: Endpoints.v01)
        #expect(acc.task.artifacts.map(\.artifactID) == ["0"])
        #expect(acc.task.artifacts.map(\.text) == stored.artifacts.map(\.text))
        #expect(acc.task.artifacts.first?.text == "chunk 1 of 3\nchunk 2 of 3\nchunk 3 of 3\n")
        #expect(acc.task.status.state == .completed)
        #expect(acc.sawFinal)
        #expect(acc.progressPercent == 100)
        #expect(stored.contextID == "session-1")
        #expect(stored.status.timestamp != nil)  // no zone: UTC
    }

    @Test func v01AdHocStreamShowsStagesPercentAndResult() throws {
        let events = try streamEvents("peer-v01-sendsubscribe-adhoc-chunks.txt", endpoint: Endpoints.v01, context: StreamContext(taskID: "task-9"))
        let statuses = events.compactMap(\.statusUpdate)
        #expect(statuses.first?.status.message?.text == "Streaming 4 chunks")
        #expect(statuses.compactMap(\.progressPercent) == [25, 50, 75, 100])
        #expect(statuses.allSatisfy { $0.taskID == "task-9" })
        var acc = TaskAccumulator(taskID: "task-9")
        for e in events { acc.apply(e) }
        #expect(acc.task.status.state == .completed)
        #expect(acc.task.artifacts.first?.text.hasPrefix("[1/4] The quick brown fox") == true)
        #expect(acc.task.artifacts.first?.text.components(separatedBy: "\n").count == 5)

        let fail = try streamEvents("peer-v01-sendsubscribe-adhoc-fail.txt", endpoint: Endpoints.v01, context: StreamContext(taskID: "t"))
        let end = try #require(fail.last?.statusUpdate)
        #expect(end.status.state == .failed)
        #expect(end.status.message?.text == "Failing on purpose")
        #expect(end.isFinal)

        let ask = try streamEvents("peer-v01-sendsubscribe-adhoc-ask.txt", endpoint: Endpoints.v01, context: StreamContext(taskID: "t"))
        #expect(ask.first?.statusUpdate?.status.state == .inputRequired)
    }

    @Test func v01CanceledAndChunkedStreams() throws {
        let canceled = try streamEvents("peer-v01-sendsubscribe-canceled.txt", endpoint: Endpoints.v01)
        #expect(canceled.compactMap(\.statusUpdate).map(\.status.state) == [.working, .canceled])
        #expect(canceled.last?.statusUpdate?.isFinal == true)
        let chunks = try streamEvents("peer-v01-sendsubscribe-chunks.txt", endpoint: Endpoints.v01)
        var acc = TaskAccumulator(taskID: "task-4")
        for e in chunks { acc.apply(e) }
        #expect(acc.task.artifacts.count == 1)
        #expect(acc.task.artifacts.first?.name == "chunks")
        #expect(acc.task.artifacts.first?.parts.count == 3)
        #expect(acc.completedArtifactIDs == ["0"])
    }

    @Test func v1DirectReplyRejectionAndAuth() throws {
        guard case .message(let reply) = try result("peer-v1-send-direct.txt", .send(FixtureDecodingTests.sendParams), endpoint: Endpoints.v1).get() else {
            Issue.record("not a message")
            return
        }
        #expect(reply.text == "Direct reply: direct hello")
        #expect(reply.role == .agent)
        #expect(reply.taskID == nil)

        let rejected = try task("peer-v1-send-reject.txt", .send(FixtureDecodingTests.sendParams), endpoint: Endpoints.v1)
        #expect(rejected.status.state == .rejected)
        #expect(rejected.status.state.needsAttention)

        let denied = try rpcError("peer-v1-bearer-401.txt", .send(FixtureDecodingTests.sendParams), endpoint: Endpoints.v1)
        #expect(denied.code == 401)
        #expect(denied.summary == "agent error (401): missing or invalid bearer token")

        let card = try A2ACodec.decodeCard(Capture.load("peer-v01-card.txt").body).get()
        #expect(card.legacyAuthSchemes == ["public"])
        guard case .endpoints(let list) = DialectChoice.choose(card: card, cardURL: "http://127.0.0.1:38855/.well-known/agent.json") else {
            Issue.record("no endpoints")
            return
        }
        #expect(list.first?.dialect == .v01)
    }

    @Test func cutStreamThenGetReconciles() throws {
        let id = "fddebfbb-cff1-4e45-959c-e4e7260f3a30"
        var acc = TaskAccumulator(taskID: id)
        for e in try streamEvents("peer-v1-stream-cut.txt", endpoint: Endpoints.v1) { acc.apply(e) }
        #expect(acc.task.status.state == .working)  // the connection dropped mid-task
        for e in try streamEvents("peer-v1-cut-subscribe.txt", endpoint: Endpoints.v1) { acc.apply(e) }
        let completed = try task("peer-v1-cut-get-completed.txt", .get(taskID: id, historyLength: nil), endpoint: Endpoints.v1)
        acc.apply(.task(completed))
        #expect(acc.task.status.state == .completed)
        #expect(acc.task.artifacts.map(\.text) == completed.artifacts.map(\.text))
    }
}
