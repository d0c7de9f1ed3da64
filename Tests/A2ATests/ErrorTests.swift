import Testing

@testable import A2A

/// Errors read by dialect and binding, with summaries an operator can act on.
@Suite struct ErrorTests {
    static let get = A2ARequest.get(taskID: "t", historyLength: nil)

    @Test func taskNotFoundInEveryBinding() throws {
        let v1 = try rpcError("get-unknown-v10.txt", Self.get, endpoint: Endpoints.v1)
        let v03 = try rpcError("get-unknown-v03.txt", Self.get, endpoint: Endpoints.v03)
        let rest = try rpcError("rest-get-unknown-v10.txt", Self.get, endpoint: Endpoints.v1REST)
        for e in [v1, v03, rest] {
            #expect(e.meaning == .taskNotFound)
            #expect(e.summary == "task not found (-32001): Task not found")
        }
        #expect(v1.dialect == .v1)
        #expect(v03.dialect == .v03)
        // V1 keeps google.rpc.ErrorInfo details; V03's `data: null` is absent.
        #expect(v1.data?.arrayValue?.first?["reason"] == "TASK_NOT_FOUND")
        #expect(v03.data == nil)
        #expect(rest.data?.arrayValue?.first?["reason"] == "TASK_NOT_FOUND")
    }

    @Test func taskNotCancelable() throws {
        let v1 = try rpcError("cancel-again-v10.txt", .cancel(taskID: "t"), endpoint: Endpoints.v1)
        let v03 = try rpcError("cancel-again-v03.txt", .cancel(taskID: "t"), endpoint: Endpoints.v03)
        let rest = try rpcError("rest-cancel-terminal-v10.txt", .cancel(taskID: "t"), endpoint: Endpoints.v1REST)
        for e in [v1, v03, rest] {
            #expect(e.code == -32002)
            #expect(e.summary == "task cannot be canceled (-32002): Task cannot be canceled")
        }
    }

    @Test func versionAndMethodErrors() throws {
        let noHeader = try rpcError("get-noheader-v10.txt", Self.get, endpoint: Endpoint(url: "u", dialect: .v1, sendsVersionHeader: false))
        #expect(noHeader.meaning == .versionNotSupported)
        let header10 = try rpcError("get-v03-header10.txt", Self.get, endpoint: Endpoint(url: "u", dialect: .v03, sendsVersionHeader: true))
        #expect(header10.meaning == .internalError)
        #expect(header10.message.contains("A2A version '1.0'"))
        let missing = try rpcError("nocompat-message-send.txt", .send(FixtureDecodingTests.sendParams), endpoint: Endpoints.v03)
        #expect(missing.meaning == .methodNotFound)
        let terminal = try rpcError("subscribe-terminal-v10.txt", .subscribe(taskID: "t"), endpoint: Endpoints.v1)
        #expect(terminal.meaning == .unsupportedOperation)
        #expect(terminal.summary.hasPrefix("operation not supported by this agent (-32004): Task 3a7b1cd3"))
    }

    @Test func v01ReadsItsOwnCodes() {
        let codes: [(Int, RPCError.Meaning, RPCError.Meaning)] = [
            (-32006, .streamingNotSupported, .invalidAgentResponse),
            (-32007, .authenticationRequired, .extendedCardNotConfigured),
            (-32008, .authorizationFailed, .extensionSupportRequired),
            (-32009, .invalidTaskState, .versionNotSupported),
            (-32010, .rateLimitExceeded, .other),
            (-32011, .resourceUnavailable, .other),
        ]
        for (code, v01, later) in codes {
            let body = Array(#"{"jsonrpc":"2.0","id":1,"error":{"code":\#(code),"message":"m"}}"#.utf8)
            for (endpoint, expected) in [(Endpoints.v01, v01), (Endpoints.v03, later), (Endpoints.v1, later)] {
                guard case .failure(.rpc(let e)) = A2ACodec.decodeResult(body, httpStatus: 200, for: Self.get, endpoint: endpoint) else {
                    Issue.record("no error for \(code)")
                    continue
                }
                #expect(e.meaning == expected, "\(code) on \(endpoint.dialect)")
            }
        }
    }

    @Test func restErrorsWithoutA2AReasons() {
        let bad = A2ACodec.decodeResult(Array(#"{"detail":"Not Found"}"#.utf8), httpStatus: 404, for: Self.get, endpoint: Endpoints.v1REST)
        guard case .failure(.rpc(let e)) = bad else {
            Issue.record("expected an error, got \(bad)")
            return
        }
        #expect(e.code == 404)
        #expect(e.message == "Not Found")
        let html = A2ACodec.decodeResult(Array("<html>502 Bad Gateway</html>".utf8), httpStatus: 502, for: Self.get, endpoint: Endpoints.v1REST)
        #expect(html == .failure(.malformed("HTTP 502 with a body that is not JSON: <html>502 Bad Gateway</html>")))
        let unimplemented = A2ACodec.decodeResult(
            Array(#"{"error":{"code":501,"status":"UNIMPLEMENTED","message":"nope"}}"#.utf8), httpStatus: 501, for: Self.get,
            endpoint: Endpoints.v1REST)
        #expect((try? unimplemented.get()) == nil)
        if case .failure(.rpc(let e)) = unimplemented { #expect(e.meaning == .methodNotFound) }
    }

    @Test func garbageIsMalformedWithAReason() {
        let cases: [(String, String)] = [
            ("", "invalid JSON at byte 0: unexpected end of input, expected a value"),
            ("[1,2]", "expected a JSON-RPC response, got an array"),
            (#"{"jsonrpc":"2.0","id":1}"#, "JSON-RPC response has neither 'result' nor 'error' (keys: jsonrpc, id)"),
            (#"{"jsonrpc":"2.0","id":1,"result":{"foo":1}}"#, "expected a task, got an object with keys: foo"),
        ]
        for (body, why) in cases {
            let outcome = A2ACodec.decodeResult(Array(body.utf8), httpStatus: 200, for: Self.get, endpoint: Endpoints.v1)
            guard case .failure(.malformed(let reason)) = outcome else {
                Issue.record("\(body): \(outcome)")
                continue
            }
            #expect(reason.hasPrefix(why), "\(reason)")
        }
    }

    @Test func streamErrors() {
        let rpc = A2ACodec.decodeStreamData(
            #"{"jsonrpc":"2.0","id":3,"error":{"code":-32001,"message":"Task not found"}}"#, eventType: "message",
            endpoint: Endpoints.v1, context: StreamContext())
        #expect(rpc == .failure(.rpc(RPCError(code: -32001, message: "Task not found", dialect: .v1))))
        let typed = A2ACodec.decodeStreamData(
            #"{"code":-32603,"message":"boom"}"#, eventType: "error", endpoint: Endpoints.v03, context: StreamContext())
        #expect(typed == .failure(.rpc(RPCError(code: -32603, message: "boom", dialect: .v03))))
        let plain = A2ACodec.decodeStreamData("upstream died", eventType: "error", endpoint: Endpoints.v03, context: StreamContext())
        #expect(plain == .failure(.rpc(RPCError(code: -32603, message: "upstream died", dialect: .v03))))
        let rest = A2ACodec.decodeStreamData(
            #"{"error":{"code":404,"status":"NOT_FOUND","message":"Task not found","details":[{"reason":"TASK_NOT_FOUND"}]}}"#,
            eventType: "message", endpoint: Endpoints.v1REST, context: StreamContext())
        if case .failure(.rpc(let e)) = rest { #expect(e.meaning == .taskNotFound) } else { Issue.record("\(rest)") }
        let unknown = A2ACodec.decodeStreamData(#"{"hello":"world"}"#, eventType: "message", endpoint: Endpoints.v1, context: StreamContext())
        #expect(unknown == .failure(.malformed("unrecognized event object with keys: hello")))
    }
}
