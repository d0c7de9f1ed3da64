import A2A
import Deck
import Foundation
import Testing

@testable import AgentDeckCLI

/// Every kind of `Msg`, with every optional field both present and absent, and the awkward
/// values agents send (unknown states, other roles, nested data, nulls, non-ASCII, controls).
enum SampleMsgs {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("A2ATests/Fixtures")

    static func card(_ file: String) throws -> AgentCard {
        let data = try Data(contentsOf: fixtures.appendingPathComponent(file))
        return try A2ACodec.decodeCard(Array(data)).get()
    }

    static let when = Date(timeIntervalSinceReferenceDate: 786_000_123.456789)

    static let message = Message(
        messageID: "m-1", contextID: "ctx-1", taskID: "t-1", role: .agent,
        parts: [
            .text("héllo \u{1B}[31mred\u{1B}[0m\nline two"),
            Part(.data(["n": 33.0, "list": [1, "two", nil, true], "nested": ["deep": ["er": "x"]]]), mediaType: "application/json"),
            Part(.fileBytes(base64: "aGVsbG8="), mediaType: "text/plain", filename: "hello.txt"),
            Part(.fileURL("https://example.invalid/f.pdf"), metadata: ["k": "v"]),
        ],
        metadata: ["progress": 50], referenceTaskIDs: ["t-0"])

    static let task = A2ATask(
        id: "t-1", contextID: "ctx-1",
        status: TaskStatus(state: .working, message: message, timestamp: when),
        artifacts: [Artifact(artifactID: "a-1", name: "report", description: "d", parts: [.text("chunk")], metadata: .null)],
        history: [Message(messageID: "m-0", role: .user, parts: [.text("do it")]), message],
        metadata: ["x": .object(JSONObject([("b", 1), ("a", 2)]))])

    static func all() throws -> [Msg] {
        let tag = RequestTag(7)
        let a = AgentID("a01")
        let endpoint = Endpoint(url: "http://127.0.0.1:9/rpc", dialect: .v03, binding: .httpJSON, sendsVersionHeader: true)
        return [
            .start, .tick,
            .key(.char("n")), .key(.char(" ")), .key(.char("é")), .key(.char("^")), .key(.char("#")), .key(.enter),
            .key(.ctrl("c")), .key(.f(5)), .key(.backTab), .key(.pageDown), .key(.unknown(411)), .key(.resize),
            .paste("multi\nline\tpaste"),
            .resize(TerminalSize(columns: 120, rows: 40)),
            .card(a, .fetched(try card("helloworld-card.json"), endpoint: endpoint, etag: "W/\"1\"", latency: 0.0123)),
            .card(a, .fetched(try card("card-pretty.json"), endpoint: nil, etag: nil, latency: 2)),
            .card(a, .notModified(latency: 0.5)),
            .card(a, .failed(.unreachable("connection refused"))),
            .card(a, .failed(.http(status: 503, "busy"))),
            .card(a, .failed(.malformed("not JSON"))),
            .endpoint(a, Endpoint(url: "http://127.0.0.1:9/", dialect: .v01)),
            .endpoint(a, Endpoint(url: "http://127.0.0.1:9/", dialect: .v1, binding: .other("CUSTOM"))),
            .result(tag, .success(.task(task))),
            .result(tag, .success(.message(message))),
            .result(tag, .success(.taskPage(TaskPage(tasks: [task, task], nextPageToken: "p2", totalSize: 9, pageSize: 2)))),
            .result(tag, .success(.taskPage(TaskPage(tasks: [])))),
            .result(tag, .failure(.transport("timed out"))),
            .result(tag, .failure(.agent(.malformed("no result")))),
            .result(tag, .failure(.agent(.rpc(RPCError(code: -32001, message: "task not found", data: ["id": "t"], dialect: .v01))))),
            .streamOpened(tag),
            .streamEvent(tag, .task(task)),
            .streamEvent(tag, .message(Message(messageID: "m-2", role: .other("SYSTEM"), parts: []))),
            .streamEvent(tag, .status(StatusUpdate(
                taskID: "t-1", contextID: nil, status: TaskStatus(state: .unrecognized("TASK_STATE_PAUSED")), isFinal: true,
                progressPercent: 33.5, metadata: ["requestedSkill": "s"]))),
            .streamEvent(tag, .status(StatusUpdate(taskID: "t-1", status: TaskStatus(state: .inputRequired)))),
            .streamEvent(tag, .artifact(ArtifactUpdate(
                taskID: "t-1", contextID: "ctx-1", artifact: Artifact(artifactID: "a-1", parts: [.text("more")]), append: true,
                lastChunk: true))),
            .streamEnded(tag, .closed),
            .streamEnded(tag, .failed(.transport("reset"))),
            .local(.themeLoaded("light")), .local(.themeFailed(name: "nope", reason: "no such theme")),
            .local(.saved(path: "/tmp/a.txt", note: nil)), .local(.saved(path: "/tmp/b.txt", note: "URL part not fetched")),
            .local(.saveFailed("disk full")),
            .pointer(.select(.tasks, row: 3)), .pointer(.select(.agents, row: nil)), .pointer(.scroll(.detail, by: -3)),
            .key(.mouse(MouseEvent(.wheelDown, x: 4, y: 9))),
        ]
    }
}

@Suite struct JournalCodingTests {
    /// Through the text a journal line holds, and back.
    private func roundTrip(_ msg: Msg) throws -> Msg {
        var out = JSONStreamWriter()
        JournalMsg.write(msg, to: &out)
        let text = String(decoding: out.bytes, as: UTF8.self)
        #expect(!text.contains("\n"), "a journal line must be one line")
        return try JournalMsg.decode(try JSONParser.parse(text))
    }

    @Test func everyMsgReadsBackEqual() throws {
        for msg in try SampleMsgs.all() {
            #expect(try roundTrip(msg) == msg)
        }
    }

    @Test func everyTaskStateReadsBackAsItself() throws {
        for state in TaskState.all + [.unrecognized("working-ish"), .unrecognized("working")] {
            var out = JSONStreamWriter()
            JournalModel.write(state, to: &out)
            #expect(try JournalModel.state(try JSONParser.parse(String(decoding: out.bytes, as: UTF8.self))) == state)
        }
    }

    @Test func sessionHeaderKeepsConfigSeedAndKeyMap() throws {
        var config = DeckConfig(
            agents: [AgentConfig(id: AgentID("a01"), name: "Alpha", url: "http://127.0.0.1:1/", readOnly: true, insecure: true),
                     AgentConfig(id: AgentID("a02"), url: "http://127.0.0.1:2/")],
            readOnly: false, cardPollInterval: 7, listPollInterval: nil, taskPollInterval: 3, maxFinishedTasks: 12,
            seed: UInt64.max - 5)
        config.statusLineDuration = 9
        config.readOnlyForcedBy = "--read-only was given"
        config.themeNames = ["default", "light"]
        config.healthWindow = 600
        config.healthBucket = 20
        var state = DeckState(config: config, keyMap: KeyMap.standard.removing { $0 == .zoom })
        state.ui.histories = [.dispatch: ["@a01 hello", "again"], .command: [":sort agent"]]
        state.ui.theme = "light"
        state.ui.status = StatusLine(text: "config is readable by others", kind: .error, expiresAt: Date().addingTimeInterval(30))
        let session = JournalSession(id: "abc", started: JournalClock.now(), state: state)
        let back = try JournalEntry.decode(try JSONParser.parse(JSONWriter().string(session.json())))
        guard case .session(let read)? = back else {
            Issue.record("not a session line")
            return
        }
        #expect(read == session)
        #expect(read.initialState() == state, "replay starts from the very state the run started from")
    }

    @Test func entryTimesAreWholeMillisecondsThatReadBackExactly() throws {
        let now = JournalClock.now()
        let entry = JournalEntry.msg(.tick, at: now)
        let back = try JournalEntry.decode(try JSONParser.parse(entry.text))
        #expect(back == entry)
        #expect(JournalClock.date(milliseconds: JournalClock.milliseconds(now)) == now)
    }

    @Test func damagedLinesAreRejectedNotHalfRead() {
        let bad: [String] = [
            #"{"t":1,"msg":{"kind":"warp"}}"#,
            #"{"t":1,"msg":{"kind":"streamEvent","tag":1,"event":{"statusUpdate":{"taskId":"x"}}}}"#,
            #"{"t":1,"msg":{"kind":"key","key":"NoSuchKey"}}"#,
            #"{"t":1,"msg":{"kind":"result","tag":-3,"result":{}}}"#,
            #"{"t":"soon","msg":{"kind":"tick"}}"#,
            #"{"session":{"format":"other"},"t":1}"#,
        ]
        for line in bad {
            #expect(throws: JournalDecodeError.self, "\(line)") { try JournalEntry.decode(try JSONParser.parse(line)) }
        }
    }
}
