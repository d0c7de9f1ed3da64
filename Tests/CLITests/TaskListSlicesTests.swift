import A2A
import Testing

@testable import AgentDeckCLI

/// The raw view cuts each listed task out of the page as received; the cut must be the same JSON
/// value the full parse finds at that position, for every shape the parse path accepts.
@Suite struct TaskListSlicesTests {
    static func cut(_ text: String) -> [String]? {
        var text = text
        return text.withUTF8 { body in
            TaskListSlices.elements(of: body)?.map { String(decoding: UnsafeBufferPointer(rebasing: body[$0]), as: UTF8.self) }
        }
    }

    static func parsedElements(_ text: String) throws -> [JSONValue] {
        let body = try JSONParser.parse(text)
        return try #require((body["result"]?["tasks"] ?? body["tasks"])?.arrayValue)
    }

    static let bodies = [
        #"{"jsonrpc":"2.0","id":3,"result":{"tasks":[{"id":"t1","status":{"state":"TASK_STATE_WORKING"}},{"id":"t2","note":"x"}],"nextPageToken":""}}"#,
        #"{"tasks":[{"id":"a","artifacts":[{"parts":[{"text":"} ] { [ \" \\ ,"}]}]},{"id":"b","n":-1.5e3,"ok":true,"nil":null}]}"#,
        "{\n  \"result\" : {\n    \"tasks\" : [\n      { \"id\" : \"t1\" , \"history\" : [ ] } ,\n      {\"id\":\"t2\",\"x\":{}}\n    ]\n  }\n}\n",
        #"{"result":{"nextPageToken":"p","tasks":[]}}"#,
        #"{"result":{"other":1},"tasks":[{"id":"rest"}]}"#,
        #"{"id":"x","result":{"tasks":[{"metadata":{"id":"not this"},"id":"t\u00e9","s":"漢字🙂"}]}}"#,
    ]

    @Test(arguments: bodies)
    func cutsTheSameValuesTheParserFinds(body: String) throws {
        let cut = try #require(Self.cut(body))
        let parsed = try Self.parsedElements(body)
        #expect(cut.count == parsed.count)
        for (text, value) in zip(cut, parsed) {
            #expect(try JSONParser.parse(text) == value, "\(text)")
        }
    }

    @Test(arguments: [
        "", "{", "[1,2]", #"{"tasks":{"id":"x"}}"#, #"{"tasks":[{"id":"x"}"#, #"{"tasks":[{"id":"x"},]x}"#, #"{"tasks":["unterminated]}"#,
        #"{"tasks":[1,2]} trailing"#,
    ])
    func malformedOrOtherShapesGiveNil(body: String) {
        #expect(Self.cut(body) == nil)
    }

    @Test func listedTasksMatchIDsByPositionAndFallBackOnEscapedIDs() {
        let page = TaskPage(tasks: [A2ATask(id: "t1", status: TaskStatus(state: .working)), A2ATask(id: "t2", status: TaskStatus(state: .working))])
        let body = #"{"result":{"tasks":[{"id":"t1","a":1},{"id":"zz","a":2}]}}"#
        let listed = RawSink.listedTasks(in: body, page: page)
        #expect(listed?.map { $0.id } == ["t1"])
        #expect(listed?.first?.json == #"{"id":"t1","a":1}"#)
        // An escaped id needs the parser: nil sends the caller down that path.
        #expect(RawSink.listedTasks(in: #"{"tasks":[{"id":"t\u0031"},{"id":"t2"}]}"#, page: page) == nil)
        // A count that differs from the decoded page: nil too.
        #expect(RawSink.listedTasks(in: #"{"tasks":[{"id":"t1"}]}"#, page: page) == nil)
    }
}
