import Testing

@testable import A2A

/// Request encoding per dialect and binding. Field names follow a2a-sdk 1.3.0's `a2a.proto`
/// (V1) and its `compat/v0_3` types; these bodies were also checked by parsing them with the SDK's
/// own strict ProtoJSON parser and pydantic models (see the codecs report).
@Suite struct EncoderTests {
    static let message = Message(
        messageID: "m-1", contextID: "ctx-1", taskID: "task-1", role: .user, parts: [.text("steps=3 delay=0.3")])
    static let params = SendParams(message: message, skillID: "progress", blocking: false, acceptedOutputModes: ["text/plain"])

    func body(_ e: EncodedRequest) throws -> JSONObject {
        try #require(try JSONParser.parse(e.body).objectValue)
    }

    func header(_ e: EncodedRequest, _ name: String) -> String? { e.headers.first { $0.name == name }?.value }

    @Test func v1SendMessage() throws {
        let e = A2ACodec.encode(.send(Self.params), for: Endpoints.v1, rpcID: 5)
        #expect(e.httpMethod == "POST")
        #expect(e.path == "")
        #expect(e.rpcMethod == "SendMessage")
        #expect(header(e, "A2A-Version") == "1.0")
        #expect(header(e, "Content-Type") == "application/json")
        #expect(header(e, "Accept") == "application/json")
        let o = try body(e)
        #expect(o["jsonrpc"] == "2.0")
        #expect(o["id"] == 5)
        #expect(o["method"] == "SendMessage")
        let params = try #require(o["params"]?.objectValue)
        #expect(params["message"] == [
            "messageId": "m-1", "contextId": "ctx-1", "taskId": "task-1", "role": "ROLE_USER",
            "parts": [["text": "steps=3 delay=0.3"]], "metadata": ["skillId": "progress"],
        ])
        #expect(params["configuration"] == ["acceptedOutputModes": ["text/plain"], "returnImmediately": true])
        #expect(params["metadata"] == ["skillId": "progress"])
    }

    @Test func v1BlockingSendOmitsReturnImmediatelyAndStreamAcceptsEventStream() throws {
        var blocking = Self.params
        blocking.blocking = true
        blocking.acceptedOutputModes = []
        blocking.skillID = nil
        let send = try body(A2ACodec.encode(.send(blocking), for: Endpoints.v1, rpcID: 1))
        #expect(send["params"]?["configuration"] == nil)
        #expect(send["params"]?["metadata"] == nil)
        #expect(send["params"]?["message"]?["metadata"] == nil)

        let stream = A2ACodec.encode(.stream(Self.params), for: Endpoints.v1, rpcID: 2)
        #expect(stream.rpcMethod == "SendStreamingMessage")
        #expect(header(stream, "Accept") == "text/event-stream")
        #expect(try body(stream)["params"]?["configuration"] == ["acceptedOutputModes": ["text/plain"]])
    }

    @Test func v1WithoutVersionHeader() {
        let e = A2ACodec.encode(.get(taskID: "t", historyLength: nil), for: Endpoint(url: "u", dialect: .v1, sendsVersionHeader: false), rpcID: 1)
        #expect(header(e, "A2A-Version") == nil)
    }

    @Test func v1TaskMethods() throws {
        let get = A2ACodec.encode(.get(taskID: "t-1", historyLength: 10), for: Endpoints.v1, rpcID: 1)
        #expect(get.rpcMethod == "GetTask")
        #expect(try body(get)["params"] == ["id": "t-1", "historyLength": 10])
        let cancel = A2ACodec.encode(.cancel(taskID: "t-1"), for: Endpoints.v1, rpcID: 1)
        #expect(cancel.rpcMethod == "CancelTask")
        #expect(try body(cancel)["params"] == ["id": "t-1"])
        let subscribe = A2ACodec.encode(.subscribe(taskID: "t-1"), for: Endpoints.v1, rpcID: 1)
        #expect(subscribe.rpcMethod == "SubscribeToTask")
        #expect(header(subscribe, "Accept") == "text/event-stream")
        let list = A2ACodec.encode(.list(ListTasksQuery(contextID: "c", state: .inputRequired, pageSize: 2, pageToken: "p")), for: Endpoints.v1, rpcID: 1)
        #expect(list.rpcMethod == "ListTasks")
        #expect(try body(list)["params"] == ["contextId": "c", "status": "TASK_STATE_INPUT_REQUIRED", "pageSize": 2, "pageToken": "p"])
        // The watermark goes out to the millisecond, rounded down (a task at that instant is listed again).
        let since = try #require(Timestamp.parse("2026-11-28T09:41:07.123987Z"))
        let changed = A2ACodec.encode(.list(ListTasksQuery(pageSize: 50, statusTimestampAfter: since)), for: Endpoints.v1, rpcID: 1)
        #expect(try body(changed)["params"] == ["pageSize": 50, "statusTimestampAfter": "2026-11-28T09:41:07.123Z"])
    }

    @Test func v03MessageSend() throws {
        let e = A2ACodec.encode(.send(Self.params), for: Endpoints.v03, rpcID: 20)
        #expect(e.rpcMethod == "message/send")
        #expect(header(e, "A2A-Version") == nil)
        let params = try #require(try body(e)["params"]?.objectValue)
        #expect(params["message"] == [
            "kind": "message", "messageId": "m-1", "contextId": "ctx-1", "taskId": "task-1", "role": "user",
            "parts": [["kind": "text", "text": "steps=3 delay=0.3"]], "metadata": ["skillId": "progress"],
        ])
        #expect(params["configuration"] == ["acceptedOutputModes": ["text/plain"], "blocking": false])
        #expect(params["metadata"] == ["skillId": "progress"])
    }

    @Test func v03Methods() throws {
        #expect(A2ACodec.encode(.stream(Self.params), for: Endpoints.v03, rpcID: 1).rpcMethod == "message/stream")
        #expect(A2ACodec.encode(.get(taskID: "t", historyLength: nil), for: Endpoints.v03, rpcID: 1).rpcMethod == "tasks/get")
        #expect(A2ACodec.encode(.cancel(taskID: "t"), for: Endpoints.v03, rpcID: 1).rpcMethod == "tasks/cancel")
        #expect(A2ACodec.encode(.subscribe(taskID: "t"), for: Endpoints.v03, rpcID: 1).rpcMethod == "tasks/resubscribe")
        let withHeader = Endpoint(url: "u", dialect: .v03, sendsVersionHeader: true)
        #expect(header(A2ACodec.encode(.cancel(taskID: "t"), for: withHeader, rpcID: 1), "A2A-Version") == "0.3")
    }

    @Test func listIsUnsupportedOutsideV1() {
        for endpoint in [Endpoints.v03, Endpoints.v01, Endpoints.v03REST] {
            #expect(!A2ACodec.supports(.list(ListTasksQuery()), on: endpoint))
            let e = A2ACodec.encode(.list(ListTasksQuery()), for: endpoint, rpcID: 1)
            #expect(e.rpcMethod.isEmpty)
            #expect(e.body.isEmpty)
        }
        #expect(A2ACodec.supports(.list(ListTasksQuery()), on: Endpoints.v1))
        #expect(A2ACodec.supports(.list(ListTasksQuery()), on: Endpoints.v1REST))
        #expect(A2ACodec.supports(.cancel(taskID: "t"), on: Endpoints.v01))
    }

    @Test func v01TasksSend() throws {
        let e = A2ACodec.encode(.send(Self.params), for: Endpoints.v01, rpcID: 29)
        #expect(e.rpcMethod == "tasks/send")
        let params = try #require(try body(e)["params"]?.objectValue)
        #expect(params["id"] == "task-1")
        #expect(params["sessionId"] == "ctx-1")
        #expect(params["message"] == ["role": "user", "parts": [["type": "text", "text": "steps=3 delay=0.3"]]])
        #expect(params["skillId"] == "progress")
        #expect(params["acceptedOutputModes"] == ["text/plain"])
        #expect(A2ACodec.encode(.stream(Self.params), for: Endpoints.v01, rpcID: 1).rpcMethod == "tasks/sendSubscribe")
        #expect(A2ACodec.encode(.subscribe(taskID: "t"), for: Endpoints.v01, rpcID: 1).rpcMethod == "tasks/resubscribe")

        var noTask = Self.params
        noTask.message.taskID = nil
        #expect(try body(A2ACodec.encode(.send(noTask), for: Endpoints.v01, rpcID: 1))["params"]?["id"] == "m-1")
    }

    @Test func filePartsPerDialect() throws {
        let message = Message(messageID: "m", role: .user, parts: [
            Part(.fileURL("https://x/y.png"), mediaType: "image/png", filename: "y.png"),
            Part(.fileBytes(base64: "aGk="), mediaType: "text/plain"),
            Part(.data(["k": 1])),
        ])
        let p = SendParams(message: message)
        let v1 = try body(A2ACodec.encode(.send(p), for: Endpoints.v1, rpcID: 1))
        #expect(v1["params"]?["message"]?["parts"] == [
            ["url": "https://x/y.png", "mediaType": "image/png", "filename": "y.png"], ["raw": "aGk=", "mediaType": "text/plain"],
            ["data": ["k": 1]],
        ])
        let v03 = try body(A2ACodec.encode(.send(p), for: Endpoints.v03, rpcID: 1))
        #expect(v03["params"]?["message"]?["parts"] == [
            ["kind": "file", "file": ["name": "y.png", "mimeType": "image/png", "uri": "https://x/y.png"]],
            ["kind": "file", "file": ["mimeType": "text/plain", "bytes": "aGk="]], ["kind": "data", "data": ["k": 1]],
        ])
        let v01 = try body(A2ACodec.encode(.send(p), for: Endpoints.v01, rpcID: 1))
        #expect(v01["params"]?["message"]?["parts"]?.arrayValue?.compactMap { $0["type"]?.stringValue } == ["file", "file", "data"])
    }

    @Test func restV1Routes() throws {
        let send = A2ACodec.encode(.send(Self.params), for: Endpoints.v1REST, rpcID: 1)
        #expect(send.httpMethod == "POST")
        #expect(send.path == "/message:send")
        #expect(header(send, "Content-Type") == "application/a2a+json")
        #expect(header(send, "A2A-Version") == "1.0")
        let o = try body(send)
        #expect(o["jsonrpc"] == nil)
        #expect(o["message"]?["role"] == "ROLE_USER")
        #expect(o["configuration"]?["returnImmediately"] == true)

        let stream = A2ACodec.encode(.stream(Self.params), for: Endpoints.v1REST, rpcID: 1)
        #expect(stream.path == "/message:stream")
        #expect(header(stream, "Accept") == "text/event-stream")

        let get = A2ACodec.encode(.get(taskID: "a/b c", historyLength: 3), for: Endpoints.v1REST, rpcID: 1)
        #expect(get.httpMethod == "GET")
        #expect(get.path == "/tasks/a%2Fb%20c?historyLength=3")
        #expect(get.body.isEmpty)
        #expect(header(get, "Content-Type") == nil)

        let list = A2ACodec.encode(.list(ListTasksQuery(contextID: "c&d", state: .working, pageSize: 10, pageToken: "x=")), for: Endpoints.v1REST, rpcID: 1)
        #expect(list.path == "/tasks?contextId=c%26d&status=TASK_STATE_WORKING&pageSize=10&pageToken=x%3D")
        let since = try #require(Timestamp.parse("2026-11-28T09:41:07.5Z"))
        let changed = A2ACodec.encode(.list(ListTasksQuery(statusTimestampAfter: since)), for: Endpoints.v1REST, rpcID: 1)
        #expect(changed.path == "/tasks?statusTimestampAfter=2026-11-28T09%3A41%3A07.500Z")

        #expect(A2ACodec.encode(.cancel(taskID: "t"), for: Endpoints.v1REST, rpcID: 1).path == "/tasks/t:cancel")
        #expect(A2ACodec.encode(.subscribe(taskID: "t"), for: Endpoints.v1REST, rpcID: 1).path == "/tasks/t:subscribe")
    }

    @Test func restV03RoutesUseV1PrefixAndProtobufJSON() throws {
        let send = A2ACodec.encode(.send(Self.params), for: Endpoints.v03REST, rpcID: 1)
        #expect(send.path == "/v1/message:send")
        #expect(header(send, "Content-Type") == "application/json")
        let o = try body(send)
        #expect(o["message"] == [
            "messageId": "m-1", "contextId": "ctx-1", "taskId": "task-1", "role": "ROLE_USER",
            "content": [["text": "steps=3 delay=0.3"]], "metadata": ["skillId": "progress"],
        ])
        #expect(o["configuration"] == ["acceptedOutputModes": ["text/plain"], "blocking": false])
        #expect(A2ACodec.encode(.get(taskID: "t", historyLength: nil), for: Endpoints.v03REST, rpcID: 1).path == "/v1/tasks/t")
        #expect(A2ACodec.encode(.cancel(taskID: "t"), for: Endpoints.v03REST, rpcID: 1).path == "/v1/tasks/t:cancel")
        #expect(A2ACodec.encode(.stream(Self.params), for: Endpoints.v03REST, rpcID: 1).path == "/v1/message:stream")
    }

    @Test func encodedIdsAndTextAreEscaped() throws {
        let tricky = Message(messageID: "m\"1", role: .user, parts: [.text("line1\nline2 \"q\" \u{1}")])
        let o = try body(A2ACodec.encode(.send(SendParams(message: tricky)), for: Endpoints.v1, rpcID: 1))
        #expect(o["params"]?["message"]?["messageId"] == "m\"1")
        #expect(o["params"]?["message"]?["parts"] == [["text": "line1\nline2 \"q\" \u{1}"]])
    }
}
