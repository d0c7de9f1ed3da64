import Foundation
import Testing

@testable import A2A

/// What the captures say, decoded field by field.
@Suite struct CaptureContentTests {
    static let get = A2ARequest.get(taskID: "t", historyLength: nil)

    @Test func v1StreamDecodesStatesProgressAndChunks() throws {
        let events = try streamEvents("stream-v10.txt", endpoint: Endpoints.v1)
        #expect(events.count == 9)
        let first = try #require(events.first?.snapshot)
        #expect(first.id == "07a2e49e-85ef-4ef7-9e41-862497c6b03a")
        #expect(first.contextID == "afb268a9-25f8-45d3-b740-2877bd26e7e6")
        #expect(first.status.state == .submitted)
        #expect(first.history.first?.role == .user)
        let statuses = events.compactMap(\.statusUpdate)
        #expect(statuses.map(\.status.state) == [.working, .working, .working, .working, .completed])
        #expect(statuses.map(\.progressPercent) == [nil, 33, 67, 100, nil])
        #expect(statuses.allSatisfy { !$0.isFinal })  // V1 has no final flag
        #expect(statuses.last?.status.message?.text == "Done")
        #expect(statuses[1].status.message?.text == "Step 1/3 (33%)")
        #expect(statuses[1].status.message?.role == .agent)
        let stamp = try #require(statuses[0].status.timestamp)
        #expect(Timestamp.format(stamp).hasPrefix("2026-11-27T03:10:"))
        let chunks = events.compactMap(\.artifactUpdate)
        #expect(chunks.map(\.append) == [false, true, true])
        #expect(chunks.map(\.lastChunk) == [false, false, true])
        #expect(chunks.map(\.artifact.artifactID) == ["report-07a2e49e", "report-07a2e49e", "report-07a2e49e"])
        #expect(chunks.first?.artifact.name == "report")
        #expect(chunks.map(\.artifact.text) == ["chunk 1 of 3\n", "chunk 2 of 3\n", "chunk 3 of 3\n"])
    }

    @Test func v03StreamDecodesKindsAndFinal() throws {
        let events = try streamEvents("v03sdk-stream.txt", endpoint: Endpoints.v03)
        #expect(events.count == 7)
        #expect(events.first?.snapshot?.status.state == .submitted)
        let statuses = events.compactMap(\.statusUpdate)
        #expect(statuses.map(\.isFinal) == [false, false, false, true])
        #expect(statuses.map(\.progressPercent) == [nil, 50, 100, nil])
        #expect(statuses.last?.status.state == .completed)
        #expect(statuses.first?.taskID == "9bbb9a16-3b71-40ab-9294-fc1442025d0c")
        let chunks = events.compactMap(\.artifactUpdate)
        #expect(chunks.map(\.lastChunk) == [false, true])
        #expect(chunks.map(\.append) == [false, true])
    }

    @Test func v03FailedStreamAndInputRequired() throws {
        let fail = try streamEvents("stream-fail-v03.txt", endpoint: Endpoints.v03)
        let end = try #require(fail.last?.statusUpdate)
        #expect(end.status.state == .failed)
        #expect(end.isFinal)
        #expect(end.status.message?.text == "Failing on purpose")

        let ask = try streamEvents("stream-ask-v10.txt", endpoint: Endpoints.v1)
        let question = try #require(ask.last?.statusUpdate)
        #expect(question.status.state == .inputRequired)
        #expect(question.status.state.isInterrupted)
        #expect(question.status.message?.text == "Need more input: reply on this taskId")
    }

    @Test func restStreamsAreBareStreamResponses() throws {
        let v1 = try streamEvents("rest-stream-v10.txt", endpoint: Endpoints.v1REST)
        #expect(v1.count == 7)
        #expect(v1.compactMap(\.artifactUpdate).map(\.lastChunk) == [false, true])
        // 0.3 REST: protobuf JSON with `content` instead of `parts`, and `final`.
        let v03 = try streamEvents("rest-stream-v03.txt", endpoint: Endpoints.v03REST)
        #expect(v03.first?.snapshot?.history.first?.text == "steps=1 delay=0")
        let statuses = v03.compactMap(\.statusUpdate)
        #expect(statuses.first?.status.message?.text == "Starting: 1 steps, 0.0s each")
        #expect(statuses.last?.isFinal == true)
        #expect(statuses.last?.status.state == .completed)
    }

    @Test func getTaskV1AndV03AgreeOnMeaning() throws {
        let v1 = try task("gettask-v10.txt", Self.get, endpoint: Endpoints.v1)
        let v03 = try task("gettask-v03.txt", Self.get, endpoint: Endpoints.v03)
        for t in [v1, v03] {
            #expect(t.status.state == .completed)
            #expect(t.status.message?.text == "Done")
            #expect(t.artifacts.count == 1)
            #expect(t.artifacts.first?.text == "chunk 1 of 3\nchunk 2 of 3\nchunk 3 of 3\n")
            #expect(t.artifacts.first?.parts.count == 3)
            #expect(t.metadata?["progress"] == 100)
            #expect(t.history.count == 1)
            #expect(t.status.timestamp != nil)
        }
    }

    @Test func sendResults() throws {
        let blocking = try task("send-v10-blocking.txt", .send(FixtureDecodingTests.sendParams), endpoint: Endpoints.v1)
        #expect(blocking.status.state == .completed)
        #expect(blocking.artifacts.first?.text == "chunk 1 of 2\nchunk 2 of 2\n")
        let nonBlocking = try task("send-v10-nonblocking.txt", .send(FixtureDecodingTests.sendParams), endpoint: Endpoints.v1)
        #expect(nonBlocking.status.state == .submitted)
        let v03 = try task("send-v03-nonblocking.txt", .send(FixtureDecodingTests.sendParams), endpoint: Endpoints.v03)
        #expect(v03.status.state == .submitted)
        #expect(v03.history.first?.messageID == "m-20")
        let alice = try task("alice-send.txt", .send(FixtureDecodingTests.sendParams), endpoint: Endpoints.v03)
        #expect(alice.artifacts.first?.text == "Go higher")
        #expect(alice.status.timestamp != nil)  // "+00:00" spelling
    }

    @Test func cancelResults() throws {
        let v1 = try task("cancel-v10.txt", .cancel(taskID: "t"), endpoint: Endpoints.v1)
        let v03 = try task("cancel-v03.txt", .cancel(taskID: "t"), endpoint: Endpoints.v03)
        for t in [v1, v03] {
            #expect(t.status.state == .canceled)
            #expect(t.status.message?.text == "Canceled by client request")
            #expect(t.history.count == 5)
            #expect(t.history.map(\.role) == [.user, .agent, .agent, .agent, .agent])
        }
    }

    @Test func listTasksPage() throws {
        guard case .taskPage(let page) = try result("listtasks-v10.txt", .list(ListTasksQuery()), endpoint: Endpoints.v1).get() else {
            Issue.record("not a page")
            return
        }
        #expect(page.tasks.count == 2)
        #expect(page.tasks.map(\.status.state) == [.working, .completed])
        #expect(page.nextPageToken?.hasPrefix("eyJ0cyI6") == true)
        #expect(page.totalSize == 4)
        #expect(page.pageSize == 2)
        // ListTasks prints defaults: `"filename":""`, `"mediaType":""`, `[]` read as absent.
        let part = try #require(page.tasks.first?.status.message?.parts.first)
        #expect(part.filename == nil)
        #expect(part.mediaType == nil)
        #expect(part.content == .text("Step 3/30 (10%)"))
    }

    @Test func restGetTask() throws {
        let t = try task("rest-gettask-v10.txt", Self.get, endpoint: Endpoints.v1REST)
        #expect(t.id == "e04952b1-de53-4367-8196-c5a02f57a657")
        #expect(t.status.state == .completed)
        #expect(t.artifacts.first?.text == "chunk 1 of 2\nchunk 2 of 2\n")
    }

    @Test func cards() throws {
        let legacy = try A2ACodec.decodeCard(Capture.load("card-legacy-path.txt").body).get()
        #expect(legacy.name == "Progress Demo Agent")
        #expect(legacy.interfaces.count == 4)
        #expect(legacy.interfaces.map(\.binding) == [.jsonRPC, .httpJSON, .jsonRPC, .httpJSON])
        #expect(legacy.interfaces.map(\.protocolVersion) == ["1.0", "1.0", "0.3", "0.3"])
        #expect(legacy.url == "http://127.0.0.1:41241/")
        #expect(legacy.preferredTransport == "JSONRPC")
        #expect(legacy.protocolVersion == "0.3")
        #expect(legacy.capabilities.streaming)
        #expect(!legacy.capabilities.pushNotifications)
        #expect(legacy.provider == AgentProvider(organization: "a2a-research", url: "https://example.invalid"))
        #expect(legacy.skills.first?.examples == ["steps=5 delay=0.5", "steps=30 delay=1", "fail", "ask"])
        #expect(legacy.raw["additionalInterfaces"] != nil)

        let pretty = try A2ACodec.decodeCard(Capture.load("card-pretty.json").body).get()
        #expect(pretty.interfaces == legacy.interfaces)
        #expect(pretty.skills == legacy.skills)

        let hello = try A2ACodec.decodeCard(Capture.load("helloworld-card.json").body).get()
        #expect(hello.capabilities.extendedAgentCard)
        #expect(hello.interfaces == [AgentInterface(url: "http://127.0.0.1:9999", binding: .jsonRPC, protocolVersion: "1.0")])
        #expect(hello.skills.first?.description.contains("\"Hello World\"") == true)

        let v03 = try A2ACodec.decodeCard(Capture.load("v03sdk-card-legacy.txt").body).get()
        #expect(v03.interfaces == [AgentInterface(url: "http://127.0.0.1:41243/", binding: .jsonRPC, protocolVersion: "0.3.0")])
        #expect(v03.version == "0.1.0")
    }
}
