import Foundation
import Testing
@testable import Wire

/// The revalidation fast path (`FastRevalidator`) against the real fixture server's /card:
/// a conditional poll of an unchanged card is answered 304 on the engine's own socket, with
/// the very request libcurl sends; every other answer is handled by libcurl exactly as before,
/// and the fast socket is gone afterwards. Its own fixture process, one test at a time: the
/// shared fixture serves suites that time a stream's silence (0.5 s), and this suite's
/// requests in the same Python interpreter, at its cold start, delayed them past it.
@Suite(.serialized) struct FastRevalidationTests {
    private static let ownFixture = Result { try FixtureServer() }

    /// One request as the fixture logged it.
    private struct Logged: Decodable, Equatable {
        let line: String
        let headers: [[String]]
        let port: Int
    }

    private let server: FixtureServer
    private let engine = HTTPEngine()

    init() throws {
        server = try Self.ownFixture.get()
    }

    private func cardURL(_ key: String) -> String { server.base + "/card?key=" + key }

    /// The conditional card poll `AgentClient` sends: a credential, Accept, If-None-Match.
    private func poll(_ key: String, etag: String, timeout: Double = 10) -> HTTPRequest {
        HTTPRequest(
            url: cardURL(key),
            headers: [HTTPHeader("Authorization", "Bearer s3cret-\(key)"), HTTPHeader("Accept", "application/json"),
                      HTTPHeader("If-None-Match", etag)],
            timeout: timeout, connectTimeout: timeout, maxBodyBytes: 4 << 20)
    }

    private func fixture(_ path: String) async throws {
        _ = try await engine.perform(HTTPRequest(url: server.base + path)).get()
    }

    private func log(_ key: String) async throws -> [Logged] {
        let response = try await engine.perform(HTTPRequest(url: server.base + "/card-log?key=" + key)).get()
        return try JSONDecoder().decode([Logged].self, from: Data(response.body))
    }

    /// Fetches the card, then polls it once through libcurl (its 304 opens the fast path);
    /// returns the ETag.
    private func warmUp(_ key: String) async throws -> String {
        let first = try await engine.perform(HTTPRequest(url: cardURL(key))).get()
        let etag = try #require(first.head.etag)
        let viaLibcurl = try await engine.perform(poll(key, etag: etag)).get()
        #expect(viaLibcurl.status == 304)
        #expect(engine.revalidationCounts.answered == 0)
        return etag
    }

    @Test func anUnchangedCardIsRevalidatedOnTheFastPathWithLibcurlsRequest() async throws {
        let etag = try await warmUp("same")
        for round in 1...3 {
            let response = try await engine.perform(poll("same", etag: etag)).get()
            #expect(response.status == 304)
            #expect(response.body.isEmpty)
            #expect(response.head.etag == etag)
            #expect(response.url == cardURL("same"))
            #expect(response.timing.total > 0)
            #expect(engine.revalidationCounts.answered == round)
        }
        let counts = engine.revalidationCounts
        #expect(counts.handedToLibcurl == 0)
        #expect(counts.connectionsOpened == 1)
        #expect(counts.openConnections == 1)

        // Request 2 was libcurl's conditional poll, 3-5 the fast path's: the same request line
        // and headers, in the same order, the credential included, all on one connection.
        let seen = try await log("same")
        try #require(seen.count == 5)
        let libcurls = seen[1]
        #expect(libcurls.headers.contains(["Authorization", "Bearer s3cret-same"]))
        #expect(libcurls.headers.contains(["If-None-Match", etag]))
        for fast in seen[2...] {
            #expect(fast.line == libcurls.line)
            #expect(fast.headers == libcurls.headers)
        }
        #expect(Set(seen[2...].map(\.port)).count == 1)
        #expect(seen[2].port != libcurls.port)
        engine.shutdown()
        #expect(engine.revalidationCounts.openConnections == 0)
    }

    @Test func aChangedCardArrivesThroughLibcurlWithItsNewETag() async throws {
        let etag = try await warmUp("changes")
        _ = try await engine.perform(poll("changes", etag: etag)).get()
        #expect(engine.revalidationCounts.answered == 1)
        try await fixture("/card-bump?key=changes")

        let changed = try await engine.perform(poll("changes", etag: etag)).get()
        #expect(changed.status == 200)
        #expect(changed.head.etag == #"W/"changes-2""#)
        #expect(String(decoding: changed.body, as: UTF8.self).contains(#""version": 2"#))
        var counts = engine.revalidationCounts
        #expect(counts.handedToLibcurl == 1)
        #expect(counts.openConnections == 0)

        // The new ETag: libcurl's 304 first, then the fast path again.
        let newETag = try #require(changed.head.etag)
        for _ in 0..<2 {
            #expect(try await engine.perform(poll("changes", etag: newETag)).get().status == 304)
        }
        counts = engine.revalidationCounts
        #expect(counts.answered == 2)
        #expect(counts.openConnections == 1)
        engine.shutdown()
    }

    @Test func aKeptConnectionClosedByTheServerDoesNotFailThePoll() async throws {
        let etag = try await warmUp("closes")
        try await fixture("/card-mode?key=closes&mode=close")
        // Answered 304 on the fast path, then the server closes the connection silently.
        #expect(try await engine.perform(poll("closes", etag: etag)).get().status == 304)
        try await Task.sleep(for: .milliseconds(200))
        for _ in 0..<2 {
            #expect(try await engine.perform(poll("closes", etag: etag)).get().status == 304)
        }
        // Whether the close was seen while idle (then the next poll reconnects) or only when
        // the next poll found the connection dead (then that poll went to libcurl), every poll
        // got its 304 and one new connection carries the fast path.
        let counts = engine.revalidationCounts
        #expect(counts.connectionsOpened == 2)
        #expect(counts.answered + counts.handedToLibcurl == 3)
        #expect(counts.openConnections == 1)
        engine.shutdown()
    }

    /// Garbage, a 304 with a body, a 200 with the card, a reset: the poll is done again through
    /// libcurl and ends as libcurl reports it (the fixture answers the redo with its ordinary
    /// 304), the fast socket gone.
    @Test(arguments: ["garbage", "body", "changed", "reset"])
    func anAnswerThatIsNotAPlain304GoesToLibcurl(mode: String) async throws {
        let key = "fault-" + mode
        let etag = try await warmUp(key)
        _ = try await engine.perform(poll(key, etag: etag)).get()
        #expect(engine.revalidationCounts.openConnections == 1)
        try await fixture("/card-mode?key=\(key)&mode=\(mode)")

        let response = try await engine.perform(poll(key, etag: etag)).get()
        #expect(response.status == 304)
        let counts = engine.revalidationCounts
        #expect(counts.answered == 1)
        #expect(counts.handedToLibcurl == 1)
        #expect(counts.openConnections == 0)
        // Card, libcurl's 304, a fast 304, then the fast path's request and libcurl's redo.
        #expect(try await log(key).count == 5)
        engine.shutdown()
    }

    @Test func aSlowAnswerTimesOutAsLibcurlReportsIt() async throws {
        let etag = try await warmUp("slow")
        try await fixture("/card-mode?key=slow&mode=slow&seconds=3")
        let result = await engine.perform(poll("slow", etag: etag, timeout: 0.5))
        let error = try #require(result.failure)
        #expect(error.kind == .timeout)
        #expect(error.message.hasPrefix("Operation timed out after"))
        #expect(error.curlCode == 28)
        var counts = engine.revalidationCounts
        #expect(counts.timedOut == 1)
        #expect(counts.openConnections == 0)
        // The next poll goes through libcurl (the fixture answers it at once).
        #expect(try await engine.perform(poll("slow", etag: etag)).get().status == 304)
        counts = engine.revalidationCounts
        #expect(counts.answered == 0)
        engine.shutdown()
    }

    @Test func cancelAndShutdownEndFastPollsAndCloseTheirSockets() async throws {
        let etag = try await warmUp("cancel")
        // The answer would take 30 s: the cancel comes first even on a starved test pool.
        try await fixture("/card-mode?key=cancel&mode=slow&seconds=30")
        let task = Task { await engine.perform(poll("cancel", etag: etag, timeout: 60)) }
        try await Task.sleep(for: .milliseconds(300))
        task.cancel()
        let canceled = await task.value
        #expect(canceled.failure?.kind == .canceled, "\(canceled.map(\.status)), \(engine.revalidationCounts)")
        #expect(engine.revalidationCounts.openConnections == 0)

        // libcurl's 304 opens the path again; a poll in flight at shutdown ends with .shutdown.
        #expect(try await engine.perform(poll("cancel", etag: etag)).get().status == 304)
        try await fixture("/card-mode?key=cancel&mode=slow&seconds=30")
        let inFlight = Task { await engine.perform(poll("cancel", etag: etag, timeout: 60)) }
        try await Task.sleep(for: .milliseconds(300))
        engine.shutdown()
        #expect(await inFlight.value.failure?.kind == .shutdown)
        #expect(engine.revalidationCounts.openConnections == 0)
    }

    @Test func anEngineWithoutTheFastPathSendsEveryPollThroughLibcurl() async throws {
        let plain = HTTPEngine(fastRevalidation: false)
        let first = try await plain.perform(HTTPRequest(url: cardURL("off"))).get()
        let etag = try #require(first.head.etag)
        for _ in 0..<3 {
            #expect(try await plain.perform(poll("off", etag: etag)).get().status == 304)
        }
        #expect(plain.revalidationCounts == RevalidationCounts())
        plain.shutdown()
        engine.shutdown()
    }
}

/// What may take the fast path at all: pure checks of the URL, the request and the proxy
/// environment.
struct FastRevalidationEligibilityTests {
    @Test func onlyPlainHTTPURLsQualify() throws {
        let plain = try #require(PlainHTTPURL("http://127.0.0.1:8080/.well-known/agent-card.json"))
        #expect(plain.hostHeader == "127.0.0.1:8080")
        #expect(plain.target == "/.well-known/agent-card.json")
        #expect(PlainHTTPURL("http://agent.local/card?x=1") == PlainHTTPURL("HTTP://agent.local:80/card?x=1"))
        #expect(PlainHTTPURL("http://agent.local?x=1")?.target == "/?x=1")
        #expect(PlainHTTPURL("http://[::1]:9000/")?.hostHeader == "[::1]:9000")
        for refused in [
            "https://127.0.0.1:8443/.well-known/agent-card.json",  // TLS stays with libcurl
            "http://user:pw@127.0.0.1/card", "http://127.0.0.1/card#frag", "http://127.0.0.1/a b",
            "http://127.0.0.1/a/../card", "http://127.0.0.1/./card", "http://Agent.Local/card",
            "http://127.0.0.1:0/", "http://127.0.0.1:99999/", "http://[fe80::1%25eth0]/", "http://",
            "ftp://127.0.0.1/card", "http://127.0.0.1:80x/",
        ] {
            #expect(PlainHTTPURL(refused) == nil, "\(refused)")
        }
    }

    @Test func theRequestIsRenderedAsLibcurlWritesIt() throws {
        let url = try #require(PlainHTTPURL("http://127.0.0.1:8080/card"))
        let request = HTTPRequest(url: "http://127.0.0.1:8080/card", headers: [
            HTTPHeader("Authorization", "Bearer t"), HTTPHeader("Accept", "application/json"),
            HTTPHeader("If-None-Match", #"W/"1""#),
        ])
        let rendered = try #require(RevalidationRequest(request, url: url))
        var expected = "GET /card HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nUser-Agent: \(Transfer.userAgent)\r\n"
            + "Authorization: Bearer t\r\nAccept: application/json\r\nIf-None-Match: W/\"1\"\r\n"
        if let acceptEncoding = AcceptEncoding.header { expected += acceptEncoding + "\r\n" }
        expected += "\r\n"
        #expect(String(decoding: rendered.bytes, as: UTF8.self) == expected)

        // No Accept of its own: libcurl's "*/*" comes after the User-Agent.
        let bare = HTTPRequest(url: request.url, headers: [HTTPHeader("If-None-Match", "x")])
        #expect(String(decoding: try #require(RevalidationRequest(bare, url: url)).bytes, as: UTF8.self)
            .hasPrefix("GET /card HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nUser-Agent: \(Transfer.userAgent)\r\nAccept: */*\r\nIf-None-Match: x\r\n"))

        var unconditional = request
        unconditional.headers.removeLast()
        var post = request
        post.method = "POST"
        var withBody = request
        withBody.body = []
        var customHost = request
        customHost.headers.append(HTTPHeader("Host", "elsewhere"))
        var blank = request
        blank.headers.append(HTTPHeader("X-Removed", " "))
        for refused in [unconditional, post, withBody, customHost, blank] {
            #expect(RevalidationRequest(refused, url: url) == nil)
        }
    }

    @Test func aProxyInTheEnvironmentTurnsTheFastPathOff() {
        #expect(!ProxyEnvironment.proxyInEffect { _ in nil })
        #expect(!ProxyEnvironment.proxyInEffect { $0 == "http_proxy" ? "" : nil })
        #expect(ProxyEnvironment.proxyInEffect { $0 == "http_proxy" ? "http://127.0.0.1:3128" : nil })
        #expect(ProxyEnvironment.proxyInEffect { $0 == "all_proxy" ? "socks5://127.0.0.1:1080" : nil })
        #expect(ProxyEnvironment.proxyInEffect { $0 == "ALL_PROXY" ? "http://127.0.0.1:3128" : nil })
        // libcurl ignores the uppercase HTTP_PROXY for http:// (and so does the fast path).
        #expect(!ProxyEnvironment.proxyInEffect { $0 == "HTTP_PROXY" ? "http://127.0.0.1:3128" : nil })
    }
}

/// The strict 304 head parser, against malformed and unusable heads.
struct NotModifiedHeadTests {
    private func parse(_ text: String) -> NotModifiedHead { NotModifiedHead.parse(Array(text.utf8)) }

    private func isUnusable(_ verdict: NotModifiedHead) -> Bool {
        if case .unusable = verdict { return true }
        return false
    }

    @Test func aPlain304IsTaken() {
        #expect(parse("HTTP/1.1 304 Not Modified\r\nETag: W/\"1\"\r\nDate: x\r\n\r\n")
            == .notModified(HTTPResponseHead(status: 304, headers: ["etag": "W/\"1\"", "date": "x"]), keepsConnection: true))
        #expect(parse("HTTP/1.1 304\r\n\r\n") == .notModified(HTTPResponseHead(status: 304, headers: [:]), keepsConnection: true))
        #expect(parse("HTTP/1.1 304 OK\r\nContent-Length: 0\r\nVary: a\r\nvary:  b \r\n\r\n")
            == .notModified(HTTPResponseHead(status: 304, headers: ["content-length": "0", "vary": "a, b"]), keepsConnection: true))
        #expect(parse("HTTP/1.1 304 Not Modified\r\nConnection: keep-alive, Close\r\n\r\n")
            == .notModified(HTTPResponseHead(status: 304, headers: ["connection": "keep-alive, Close"]), keepsConnection: false))
    }

    @Test func aHeadNotYetCompleteWaits() {
        #expect(parse("") == .incomplete)
        #expect(parse("HTTP/1.") == .incomplete)
        #expect(parse("HTTP/1.1 304 Not Modified\r\nETag: x\r\n") == .incomplete)
    }

    @Test func anythingElseIsUnusable() {
        for head in [
            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}",
            "HTTP/1.1 200",  // judged from the first bytes, before the head ends
            "HTTP/1.0 304 Not Modified\r\n\r\n",
            "HTTP/2 304\r\n\r\n",
            "HTTP/1.1 3040 Not Modified\r\n\r\n",
            "HTTP/1.1 304Not Modified\r\n\r\n",
            "http/1.1 304 Not Modified\r\n\r\n",
            "HTTP/1.1 304 Not Modified\r\nContent-Length: 5\r\n\r\n",
            "HTTP/1.1 304 Not Modified\r\nContent-Length: 0\r\n\r\nhello",
            "HTTP/1.1 304 Not Modified\r\n\r\nX",
            "HTTP/1.1 304 Not Modified\r\nTransfer-Encoding: chunked\r\n\r\n",
            "HTTP/1.1 304 Not Modified\r\nETag : x\r\n\r\n",
            "HTTP/1.1 304 Not Modified\r\n: x\r\n\r\n",
            "HTTP/1.1 304 Not Modified\r\nno colon\r\n\r\n",
            "HTTP/1.1 304 Not Modified\r\nETag: x\r\n folded\r\n\r\n",
            "HTTP/1.1 304 Not Modified\r\nETag: a\rb\r\n\r\n",
            "HTTP/1.1 304 Not Modified\r\nETag: a\nb\r\n\r\n",
            "HTTP/1.1 304 Not Modified\r\nETag: a\u{0}b\r\n\r\n",
            "HTTP/1.1 304 Not\u{7F}Modified\r\n\r\n",
            "HTTP/1.1 304 Not Modified\n\n",
            "HTTP/1.1 304 Not Modified\r\nETag: a\n",  // would never end the strict way
        ] {
            #expect(isUnusable(parse(head)), "\(head.debugDescription)")
        }
    }

    @Test func aHeadBeyondTheLimitIsUnusable() {
        let filler = String(repeating: "a", count: NotModifiedHead.maxBytes)
        #expect(isUnusable(parse("HTTP/1.1 304 Not Modified\r\nX-Filler: \(filler)")))
        #expect(isUnusable(parse("HTTP/1.1 304 Not Modified\r\nX-Filler: \(filler)\r\n\r\n")))
    }
}
