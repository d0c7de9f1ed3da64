import A2A
import Deck
import Foundation
import Testing

@testable import AgentDeckCLI

/// The journal writes each line straight to bytes (`JournalEntry.write(to:)`); these check it
/// writes exactly what the tree-building encoders wrote (`TreeJournalEntry`), for every kind of
/// entry and for seeded random text full of what needs escaping.
@Suite struct JournalLineBytesTests {
    private func expectSameBytes(_ entry: JournalEntry, sourceLocation: SourceLocation = #_sourceLocation) {
        var out = JSONStreamWriter()
        entry.write(to: &out)
        let reference = JSONWriter().bytes(TreeJournalEntry.json(entry))
        #expect(out.bytes == reference, "\(entry)", sourceLocation: sourceLocation)
    }

    static let at = JournalClock.date(milliseconds: 1_764_250_000_123)

    @Test func everyMsgIsWrittenAsTheTreeWroteIt() throws {
        for msg in try SampleMsgs.all() { expectSameBytes(.msg(msg, at: Self.at)) }
    }

    @Test func rawRequestGapAndSessionLinesAreWrittenAsTheTreeWroteThem() throws {
        let agent = AgentID("a01")
        let key = TaskKey(agentID: agent, taskID: "t-\u{1B}1")
        let texts = [#"{"jsonrpc":"2.0","result":{"id":"t\"1","text":"a\\b\n\u0007"}}"#, "", "héllo \u{85}\u{202E}x\u{7F}\t"]
        for text in texts {
            expectSameBytes(.raw(RawPayload(subject: .task(key), source: "event", text: text), at: Self.at))
            expectSameBytes(.raw(RawPayload(subject: .card(agent), source: "card", text: text), at: Self.at))
        }
        let params = SendParams(message: SampleMsgs.message, skillID: "s", blocking: true, metadata: ["k": [1, 2]])
        let requests: [A2ARequest] = [
            .send(params), .stream(SendParams(message: Message(messageID: "m", role: .user, parts: []), blocking: false)),
            .get(taskID: "t", historyLength: 3), .get(taskID: "t", historyLength: nil),
            .list(ListTasksQuery()), .list(ListTasksQuery(contextID: "c", state: .unrecognized("X"), pageSize: 50, pageToken: "p")),
            .list(ListTasksQuery(state: .completed)), .list(ListTasksQuery(pageSize: 50, historyLength: 0)), .cancel(taskID: "t"), .subscribe(taskID: "t\"2"),
        ]
        for request in requests {
            expectSameBytes(.request(agent: agent, tag: RequestTag(12), request: request, at: Self.at))
            expectSameBytes(.request(agent: agent, tag: nil, request: request, at: Self.at))
        }
        expectSameBytes(.gap(dropped: 1_234, at: Self.at))
        let session = JournalSession(id: "s1", started: Self.at, config: DeckConfig(agents: [], readOnly: false, seed: 9), keyMap: .standard)
        expectSameBytes(.session(session))
        // Times and numbers at the edges of the integer form.
        for ms: Int64 in [0, -1, 1, 9_007_199_254_740_993, -4_102_444_800_000] {
            expectSameBytes(.msg(.tick, at: JournalClock.date(milliseconds: ms)))
        }
        expectSameBytes(.msg(.card(agent, .notModified(latency: 0.1 + 0.2)), at: Self.at))
        expectSameBytes(.msg(.card(agent, .notModified(latency: -.infinity)), at: Self.at))
        expectSameBytes(.msg(.pointer(.scroll(.detail, by: Int.min / 2)), at: Self.at))
    }

    /// Stream events the way a fleet sends them, with random text mixing every escape.
    @Test func randomStreamEventsAreWrittenAsTheTreeWroteThem() {
        var random = IDGenerator(seed: 0x5EED_0005)
        let alphabet: [String] = ["a", "Z", "0", " ", "\"", "\\", "/", "\n", "\r", "\t", "\u{0}", "\u{1F}", "\u{7F}", "é", "\u{85}",
                                  "\u{9F}", "\u{A0}", "\u{61C}", "\u{200E}", "\u{2028}", "\u{202E}", "\u{2069}", "\u{2070}", "日", "🙂"]
        func text() -> String { (0..<Int.random(in: 0...40, using: &random)).map { _ in alphabet.randomElement(using: &random)! }.joined() }
        for i in 0..<2_000 {
            let tag = RequestTag(UInt64(i))
            let event: StreamEvent = switch i % 3 {
            case 0:
                .status(StatusUpdate(
                    taskID: text(), contextID: i % 2 == 0 ? text() : nil,
                    status: TaskStatus(state: i % 5 == 0 ? .unrecognized(text()) : .working,
                                       message: Message(messageID: text(), role: .agent, parts: [.text(text())]),
                                       timestamp: Date(timeIntervalSinceReferenceDate: Double(i) * 1.37)),
                    isFinal: i % 7 == 0, progressPercent: i % 4 == 0 ? Double(i) / 3 : nil,
                    metadata: i % 6 == 0 ? .object(JSONObject([(text(), .string(text()))])) : nil))
            case 1:
                .artifact(ArtifactUpdate(
                    taskID: text(), artifact: Artifact(artifactID: text(), name: text(), parts: [.text(text()), .text(text())]),
                    append: i % 2 == 0, lastChunk: i % 9 == 0))
            default:
                .message(Message(messageID: text(), role: .other(text()), parts: [Part(.data(.array([.string(text()), .number(-0.5)])))]))
            }
            expectSameBytes(.msg(.streamEvent(tag, event), at: Self.at))
            expectSameBytes(.raw(RawPayload(subject: .task(TaskKey(agentID: AgentID(text()), taskID: text())), source: text(), text: text()), at: Self.at))
        }
    }
}
