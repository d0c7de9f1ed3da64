import Testing

@testable import A2A

@Suite struct DialectChoiceTests {
    func card(_ json: String) throws -> AgentCard { try A2ACodec.decodeCard(Array(json.utf8)).get() }

    func endpoints(_ outcome: DialectChoice.Outcome) -> [Endpoint] {
        if case .endpoints(let list) = outcome { return list }
        Issue.record("expected endpoints, got \(outcome)")
        return []
    }

    @Test func compatCardPrefersV1JSONRPCThenV03ThenREST() throws {
        let compat = try A2ACodec.decodeCard(Capture.load("card-legacy-path.txt").body).get()
        let list = endpoints(DialectChoice.choose(card: compat, cardURL: "http://127.0.0.1:41241/.well-known/agent.json"))
        #expect(list == [
            Endpoint(url: "http://127.0.0.1:41241/", dialect: .v1),
            Endpoint(url: "http://127.0.0.1:41241/", dialect: .v03),
            Endpoint(url: "http://127.0.0.1:41241/rest", dialect: .v1, binding: .httpJSON),
            Endpoint(url: "http://127.0.0.1:41241/rest", dialect: .v03, binding: .httpJSON),
        ])
        #expect(list.first?.sendsVersionHeader == true)
        #expect(list[1].sendsVersionHeader == false)
    }

    @Test func v03OnlyCard() throws {
        let v03 = try A2ACodec.decodeCard(Capture.load("v03sdk-card-legacy.txt").body).get()
        #expect(endpoints(DialectChoice.choose(card: v03, cardURL: "http://127.0.0.1:41243/.well-known/agent-card.json")) == [
            Endpoint(url: "http://127.0.0.1:41243/", dialect: .v03)
        ])
    }

    @Test func restOnlyAndRelativeURLs() throws {
        let c = try card(#"{"name":"r","supportedInterfaces":[{"url":"/a2a/rest","protocolBinding":"HTTP+JSON","protocolVersion":"1.0"}]}"#)
        #expect(endpoints(DialectChoice.choose(card: c, cardURL: "https://agents.example:8443/.well-known/agent-card.json")) == [
            Endpoint(url: "https://agents.example:8443/a2a/rest", dialect: .v1, binding: .httpJSON)
        ])
        let relative = try card(#"{"name":"r","url":"rpc","protocolVersion":"0.2.5"}"#)
        #expect(endpoints(DialectChoice.choose(card: relative, cardURL: "http://h/agents/x/agent.json")) == [
            Endpoint(url: "http://h/agents/x/rpc", dialect: .v03)
        ])
    }

    @Test func grpcOnlyIsSaidClearly() throws {
        let c = try card(#"{"name":"g","supportedInterfaces":[{"url":"grpc://h:50051","protocolBinding":"GRPC","protocolVersion":"1.0"}]}"#)
        #expect(DialectChoice.choose(card: c, cardURL: "http://h/") == .grpcOnly(urls: ["grpc://h:50051"]))
        let v03grpc = try card(#"{"name":"g","url":"grpc://h:50051","preferredTransport":"GRPC","protocolVersion":"0.3.0"}"#)
        #expect(DialectChoice.choose(card: v03grpc, cardURL: "http://h/") == .grpcOnly(urls: ["grpc://h:50051"]))
        let odd = try card(#"{"name":"o","supportedInterfaces":[{"url":"ws://h","protocolBinding":"WEBSOCKET"}]}"#)
        #expect(DialectChoice.choose(card: odd, cardURL: "http://h/") == .unusable("agent offers only unsupported bindings: WEBSOCKET"))
    }

    @Test func v03AdditionalInterfaces() throws {
        let c = try card(#"""
            {"name":"a","url":"http://h/rpc","preferredTransport":"JSONRPC","protocolVersion":"0.3.0",
             "additionalInterfaces":[{"url":"http://h/rpc","transport":"JSONRPC"},{"url":"http://h/rest","transport":"HTTP+JSON"},{"url":"h:1","transport":"GRPC"}]}
            """#)
        #expect(c.interfaces.count == 3)
        #expect(endpoints(DialectChoice.choose(card: c, cardURL: "http://h/.well-known/agent-card.json")) == [
            Endpoint(url: "http://h/rpc", dialect: .v03), Endpoint(url: "http://h/rest", dialect: .v03, binding: .httpJSON),
        ])
    }

    @Test func v01Heuristics() throws {
        let blog = try card(#"{"name":"b","url":"http://h/","authentication":{"schemes":["Bearer"]},"capabilities":{"streaming":true,"stateTransitionHistory":true}}"#)
        #expect(blog.legacyAuthSchemes == ["Bearer"])
        #expect(blog.capabilities.stateTransitionHistory)
        #expect(endpoints(DialectChoice.choose(card: blog, cardURL: "http://h/.well-known/agent.json")).map(\.dialect) == [.v01, .v03])
        let unversioned = try card(#"{"name":"u","url":"http://h/"}"#)
        #expect(endpoints(DialectChoice.choose(card: unversioned, cardURL: "http://h/")).map(\.dialect) == [.v03, .v01])
        let explicit = try card(#"{"name":"e","url":"http://h/","protocolVersion":"0.1.0"}"#)
        #expect(endpoints(DialectChoice.choose(card: explicit, cardURL: "http://h/")).map(\.dialect) == [.v01])
    }

    @Test func cardURLs() {
        #expect(DialectChoice.cardURLs(for: "http://127.0.0.1:41241/.well-known/agent.json") == ["http://127.0.0.1:41241/.well-known/agent.json"])
        #expect(DialectChoice.cardURLs(for: "https://h/custom/card.JSON") == ["https://h/custom/card.JSON"])
        #expect(DialectChoice.cardURLs(for: "http://127.0.0.1:41241") == [
            "http://127.0.0.1:41241/.well-known/agent-card.json", "http://127.0.0.1:41241/.well-known/agent.json",
        ])
        #expect(DialectChoice.cardURLs(for: "https://agents.example/some/path?x=1") == [
            "https://agents.example/.well-known/agent-card.json", "https://agents.example/.well-known/agent.json",
        ])
        #expect(DialectChoice.cardURLs(for: "localhost:9999") == [
            "http://localhost:9999/.well-known/agent-card.json", "http://localhost:9999/.well-known/agent.json",
        ])
    }
}

@Suite struct FallbackLadderTests {
    let v1 = Endpoint(url: "http://h/", dialect: .v1)

    @Test func methodNotFoundOnV1GoesToV03ThenV01() {
        let notFound = RPCError(code: -32601, message: "Method not found", dialect: .v1)
        let v03 = FallbackLadder.next(after: v1, error: notFound)
        #expect(v03 == Endpoint(url: "http://h/", dialect: .v03, sendsVersionHeader: false))
        let v01 = FallbackLadder.next(after: v03!, error: RPCError(code: -32601, message: "Method not found", dialect: .v03))
        #expect(v01 == Endpoint(url: "http://h/", dialect: .v01))
        #expect(FallbackLadder.next(after: v01!, error: RPCError(code: -32601, message: "", dialect: .v01)) == nil)
    }

    @Test func versionHeaderRepairs() {
        let noHeader = Endpoint(url: "http://h/", dialect: .v1, sendsVersionHeader: false)
        let versionError = RPCError(code: -32009, message: "A2A version '0.3' is not supported by this handler. Expected version '1.0'.", dialect: .v1)
        #expect(FallbackLadder.next(after: noHeader, error: versionError) == v1)
        // The header was sent and still refused: nothing more to try at 1.0.
        #expect(FallbackLadder.next(after: v1, error: RPCError(code: -32009, message: "Expected version '1.0'", dialect: .v1)) == nil)

        let v03WithHeader = Endpoint(url: "http://h/", dialect: .v03, sendsVersionHeader: true)
        let versionRefused = RPCError(code: -32603, message: "A2A version '1.0' is not supported by this handler. Expected version '0.3'.", dialect: .v03)
        #expect(FallbackLadder.next(after: v03WithHeader, error: versionRefused) == Endpoint(url: "http://h/", dialect: .v03, sendsVersionHeader: false))
        #expect(FallbackLadder.next(after: v1, error: versionRefused) == Endpoint(url: "http://h/", dialect: .v03, sendsVersionHeader: false))
        // -32603 for other reasons is a real failure.
        #expect(FallbackLadder.next(after: v03WithHeader, error: RPCError(code: -32603, message: "database down", dialect: .v03)) == nil)
    }

    @Test func otherErrorsGiveUpAndNothingRepeats() {
        for code in [-32001, -32002, -32602, -32700, -32004] {
            #expect(FallbackLadder.next(after: v1, error: RPCError(code: code, message: "", dialect: .v1)) == nil)
        }
        let notFound = RPCError(code: -32601, message: "", dialect: .v1)
        let v03 = Endpoint(url: "http://h/", dialect: .v03, sendsVersionHeader: false)
        #expect(FallbackLadder.next(after: v1, error: notFound, alreadyTried: [v03]) == nil)
    }

    @Test func restNotFoundTriesThe03Paths() {
        let rest = Endpoint(url: "http://h/rest", dialect: .v1, binding: .httpJSON)
        #expect(FallbackLadder.next(after: rest, httpStatus: 404) == Endpoint(url: "http://h/rest", dialect: .v03, binding: .httpJSON))
        #expect(FallbackLadder.next(after: rest, httpStatus: 500) == nil)
        #expect(FallbackLadder.next(after: v1, httpStatus: 404) == nil)
    }

    @Test func ladderOnTheRealCaptures() throws {
        let noHeaderError = try rpcError("get-noheader-v10.txt", .get(taskID: "t", historyLength: nil), endpoint: Endpoint(url: "u", dialect: .v1, sendsVersionHeader: false))
        #expect(FallbackLadder.next(after: Endpoint(url: "u", dialect: .v1, sendsVersionHeader: false), error: noHeaderError)?.sendsVersionHeader == true)
        let nocompat = try rpcError("nocompat-message-send.txt", .send(FixtureDecodingTests.sendParams), endpoint: Endpoints.v03)
        #expect(FallbackLadder.next(after: Endpoints.v03, error: nocompat)?.dialect == .v01)
    }
}
