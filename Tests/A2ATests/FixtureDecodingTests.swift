import Foundation
import Testing

@testable import A2A

/// Every capture in Fixtures/ decodes with the codec the wire layer will use for it.
@Suite struct FixtureDecodingTests {
    static let v1 = Endpoint(url: "http://127.0.0.1:41241/", dialect: .v1)
    static let v03 = Endpoint(url: "http://127.0.0.1:41241/", dialect: .v03)
    static let v01 = Endpoint(url: "http://127.0.0.1:41241/", dialect: .v01)
    static let v1REST = Endpoint(url: "http://127.0.0.1:41241/rest", dialect: .v1, binding: .httpJSON)
    static let v03REST = Endpoint(url: "http://127.0.0.1:41241/rest", dialect: .v03, binding: .httpJSON)

    enum Kind {
        case card
        /// A card path that answered 404 (the client then tries the next path).
        case missingCard
        case result(A2ARequest, Endpoint)
        case stream(Endpoint)
    }

    static let sendParams = SendParams(message: Message(messageID: "m", role: .user, parts: [.text("hi")]))

    /// What each capture is. A capture missing from this table fails `everyCaptureIsClassified`.
    static let table: [String: Kind] = [
        "card-legacy-path.txt": .card, "card-nocompat.json": .card, "card-pretty.json": .card,
        "helloworld-card.json": .card, "v03sdk-card-legacy.txt": .card,
        "alice-send.txt": .result(.send(sendParams), v03),
        "cancel-again-v03.txt": .result(.cancel(taskID: "t"), v03),
        "cancel-again-v10.txt": .result(.cancel(taskID: "t"), v1),
        "cancel-v03.txt": .result(.cancel(taskID: "t"), v03),
        "cancel-v10.txt": .result(.cancel(taskID: "t"), v1),
        "get-noheader-v10.txt": .result(.get(taskID: "t", historyLength: nil), Endpoint(url: "http://x/", dialect: .v1, sendsVersionHeader: false)),
        "get-unknown-v03.txt": .result(.get(taskID: "t", historyLength: nil), v03),
        "get-unknown-v10.txt": .result(.get(taskID: "t", historyLength: nil), v1),
        "get-v03-header10.txt": .result(.get(taskID: "t", historyLength: nil), Endpoint(url: "http://x/", dialect: .v03, sendsVersionHeader: true)),
        "gettask-v03.txt": .result(.get(taskID: "t", historyLength: nil), v03),
        "gettask-v10.txt": .result(.get(taskID: "t", historyLength: nil), v1),
        "listtasks-v10.txt": .result(.list(ListTasksQuery(pageSize: 2)), v1),
        "nocompat-message-send.txt": .result(.send(sendParams), v03),
        "rest-cancel-terminal-v10.txt": .result(.cancel(taskID: "t"), v1REST),
        "rest-get-unknown-v10.txt": .result(.get(taskID: "t", historyLength: nil), v1REST),
        "rest-gettask-v10.txt": .result(.get(taskID: "t", historyLength: nil), v1REST),
        "send-v03-nonblocking.txt": .result(.send(sendParams), v03),
        "send-v10-blocking.txt": .result(.send(sendParams), v1),
        "send-v10-nonblocking.txt": .result(.send(sendParams), v1),
        "subscribe-terminal-v10.txt": .result(.subscribe(taskID: "t"), v1),
        "tasklist-v03.txt": .result(.list(ListTasksQuery()), v03),
        "tasks-send-v01.txt": .result(.send(sendParams), v01),
        "tasks-sendsubscribe-v01.txt": .result(.stream(sendParams), v01),
        "v03sdk-cancel.txt": .result(.cancel(taskID: "t"), v03),
        "helloworld-stream-v10.txt": .stream(v1), "ping-v10.txt": .stream(v1), "stream-ask-v10.txt": .stream(v1),
        "stream-followup-v10.txt": .stream(v1), "stream-v10.txt": .stream(v1), "subscribe-v10.txt": .stream(v1),
        "resubscribe-v03.txt": .stream(v03), "stream-fail-v03.txt": .stream(v03), "stream-v03.txt": .stream(v03),
        "stream-followup-v03-BEFORE-contextId-fix.txt": .stream(v03), "v03sdk-resubscribe-complete.txt": .stream(v03),
        "v03sdk-resubscribe.txt": .stream(v03), "v03sdk-stream.txt": .stream(v03),
        "rest-stream-v10.txt": .stream(v1REST), "rest-stream-v03.txt": .stream(v03REST),
        // Captured from the project's own test peers (tests/peers).
        "peer-v01-card.txt": .card, "peer-v1-bearer-card.txt": .card, "peer-v01-card-v1-path-404.txt": .missingCard,
        "peer-v01-cancel.txt": .result(.cancel(taskID: "task-5"), v01),
        "peer-v01-get.txt": .result(.get(taskID: "task-1", historyLength: nil), v01),
        "peer-v01-send-fail.txt": .result(.send(sendParams), v01),
        "peer-v01-send-followup.txt": .result(.send(sendParams), v01),
        "peer-v01-v03-method-not-found.txt": .result(.send(sendParams), v03),
        "peer-v01-v1-method-not-found.txt": .result(.send(sendParams), v1),
        "peer-v1-bearer-401.txt": .result(.send(sendParams), v1),
        "peer-v1-cut-get-completed.txt": .result(.get(taskID: "t", historyLength: nil), v1),
        "peer-v1-cut-get-running.txt": .result(.get(taskID: "t", historyLength: nil), v1),
        "peer-v1-send-direct.txt": .result(.send(sendParams), v1),
        "peer-v1-send-reject.txt": .result(.send(sendParams), v1),
        "peer-v1-send-skill.txt": .result(.send(sendParams), v1),
        "peer-v01-sendsubscribe-adhoc.txt": .stream(v01), "peer-v01-sendsubscribe-adhoc-ask.txt": .stream(v01),
        "peer-v01-sendsubscribe-adhoc-chunks.txt": .stream(v01), "peer-v01-sendsubscribe-adhoc-fail.txt": .stream(v01),
        "peer-v01-sendsubscribe-ask.txt": .stream(v01), "peer-v01-sendsubscribe-canceled.txt": .stream(v01),
        "peer-v01-sendsubscribe-chunks.txt": .stream(v01), "peer-v01-sendsubscribe-standard.txt": .stream(v01),
        "peer-v03-stream-ask.txt": .stream(v03), "peer-v03-stream-chunks.txt": .stream(v03), "peer-v03-stream-cut.txt": .stream(v03),
        "peer-v1-cut-subscribe.txt": .stream(v1), "peer-v1-stream-chunks.txt": .stream(v1), "peer-v1-stream-cut.txt": .stream(v1),
        "peer-v1-stream-drop.txt": .stream(v1),
    ]

    /// Captures whose recorded bytes were cut short by the capture tool (the JSON stops mid-string):
    /// these must fail cleanly as malformed, never crash or half-decode. Value: how many SSE events
    /// (or 1 for a plain body) are cut.
    static let truncated: [String: Int] = [
        "ping-v10.txt": 5, "stream-followup-v03-BEFORE-contextId-fix.txt": 3, "v03sdk-cancel.txt": 1,
    ]

    @Test func everyCaptureIsClassified() throws {
        let names = try Capture.allNames()
        #expect(names.count >= 74)
        for name in names { #expect(Self.table[name] != nil, "unclassified capture \(name)") }
    }

    @Test(arguments: Array(table.keys).sorted())
    func captureDecodes(name: String) throws {
        let capture = try Capture.load(name)
        let kind = try #require(Self.table[name])
        switch kind {
        case .card:
            let card = try A2ACodec.decodeCard(capture.body).get()
            #expect(!card.name.isEmpty)
            #expect(!card.interfaces.isEmpty)
        case .missingCard:
            #expect(capture.httpStatus == 404)
            guard case .failure(.malformed(let why)) = A2ACodec.decodeCard(capture.body) else {
                Issue.record("a 404 page decoded as a card")
                return
            }
            #expect(why.hasPrefix("agent card is not JSON"))
        case .result(let request, let endpoint):
            let outcome = A2ACodec.decodeResult(capture.body, httpStatus: capture.httpStatus, for: request, endpoint: endpoint)
            if Self.truncated[name] != nil {
                guard case .failure(.malformed(let why)) = outcome else {
                    Issue.record("truncated capture \(name) should be malformed, got \(outcome)")
                    return
                }
                #expect(why.contains("invalid JSON at byte"))
                return
            }
            switch outcome {
            case .success: break
            case .failure(.rpc(let error)):
                #expect(error.dialect == endpoint.dialect)
                #expect(error.meaning != .other || error.code == -32603 || error.code == 401, "\(name): \(error)")
            case .failure(.malformed(let why)):
                Issue.record("\(name) malformed: \(why)")
            }
        case .stream(let endpoint):
            #expect(capture.isEventStream)
            let events = splitSSE(capture.body)
            #expect(!events.isEmpty)
            var cut = 0
            var decoded = 0
            // Blog-era events carry no task id: the stream's context supplies it.
            let context = StreamContext(taskID: "client-task")
            for event in events {
                switch A2ACodec.decodeStreamData(event.data, eventType: event.type, endpoint: endpoint, context: context) {
                case .success(let model):
                    #expect(model.count == 1 || (model.count == 2 && event.data.contains("task_result")))
                    decoded += 1
                case .failure(.malformed(let why)) where why.contains("invalid JSON at byte") && why.contains("unterminated string"):
                    cut += 1
                case .failure(let failure):
                    Issue.record("\(name): \(failure.summary)")
                }
            }
            #expect(cut == Self.truncated[name] ?? 0, "\(name): \(cut) events cut short")
            #expect(decoded + cut == events.count)
        }
    }
}
