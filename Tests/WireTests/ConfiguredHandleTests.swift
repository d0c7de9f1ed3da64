import CCurl
import Foundation
import Testing
@testable import Wire

/// A card poll's easy handle keeps its options for the next identical poll (`EasyHandle`,
/// `EasyHandlePool`): what stays set must be exactly what the next request asks for, and a
/// request that differs in anything must get every option set afresh. The pool and the
/// options unit-tested, then the behaviour against the real fixture server.
struct ConfiguredHandleTests {
    private struct SeenRequest: Decodable {
        let method: String
        let headers: [String: String]
        let accept_encodings: [String]
    }

    private struct Connection: Decodable {
        let port: Int
    }

    private static func poll(_ url: String, etag: String? = nil, token: String = "t0k3n", timeout: Double = 30) -> HTTPRequest {
        var headers = [HTTPHeader("Accept", "application/json"), HTTPHeader("Authorization", "Bearer \(token)")]
        if let etag { headers.append(HTTPHeader("If-None-Match", etag)) }
        return HTTPRequest(url: url, headers: headers, timeout: timeout, maxBodyBytes: 4 << 20)
    }

    private static func collect() -> Delivery { .collect { _ in } }

    /// Configures a transfer for `request` on `handle` the way the network loop does.
    private static func configure(_ request: HTTPRequest, on handle: EasyHandle, delivery: Delivery = collect()) throws {
        let transfer = Transfer(
            Submission(id: RequestID(rawValue: 1), request: request, delivery: delivery), handle: handle,
            credentialOrigin: Origin(url: request.url))
        #expect(transfer.configure() == nil)
        _ = transfer.surrenderHandle()
    }

    @Test func onlyAnIdenticalBodilessCollectedRequestFindsItsOptionsSet() throws {
        _ = HTTPEngine()  // curl_global_init, once per process, before any handle
        let handle = try #require(EasyHandle())
        let url = "http://127.0.0.1:9/.well-known/agent-card.json"
        let request = Self.poll(url, etag: #"W/"1""#)
        try Self.configure(request, on: handle)
        #expect(handle.isConfigured(for: request, delivery: Self.collect()))
        #expect(handle.headerList != nil)

        var otherETag = request
        otherETag.headers[2] = HTTPHeader("If-None-Match", #"W/"2""#)
        var otherToken = request
        otherToken.headers[1] = HTTPHeader("Authorization", "Bearer other")
        var otherTimeout = request
        otherTimeout.timeout = 5
        var otherLimit = request
        otherLimit.maxBodyBytes = 1000
        var otherMethod = request
        otherMethod.method = "HEAD"
        var insecure = request
        insecure.insecure = true
        var otherURL = request
        otherURL.url += "?x=1"
        for changed in [otherETag, otherToken, otherTimeout, otherLimit, otherMethod, insecure, otherURL] {
            #expect(!handle.isConfigured(for: changed, delivery: Self.collect()))
        }
        // The same request as a stream: different options (no size cap), never shared.
        let stream = Delivery.bytes(onHead: { _ in }, onBytes: { _ in true }, onEnd: { _ in })
        #expect(!handle.isConfigured(for: request, delivery: stream))

        // Configuring for a different request resets first: it is then configured for that one.
        try Self.configure(otherETag, on: handle)
        #expect(handle.isConfigured(for: otherETag, delivery: Self.collect()))
        #expect(!handle.isConfigured(for: request, delivery: Self.collect()))

        // A body is copied into the handle: such a request never leaves its options behind.
        var post = request
        post.method = "POST"
        post.body = Array("{}".utf8)
        try Self.configure(post, on: handle)
        #expect(handle.configuredFor == nil)
    }

    @Test func thePoolHandsAURLItsOwnConfiguredHandleAndStaysWithinCapacity() throws {
        _ = HTTPEngine()
        var pool = EasyHandlePool(capacity: 2)
        let a = Self.poll("http://127.0.0.1:9/a")
        let b = Self.poll("http://127.0.0.1:9/b")
        let c = Self.poll("http://127.0.0.1:9/c")
        let taken = [a, b, c].map { pool.take(for: $0.url) }
        let forA = try #require(taken[0])
        let forB = try #require(taken[1])
        let forC = try #require(taken[2])
        try Self.configure(a, on: forA)
        try Self.configure(b, on: forB)
        try Self.configure(c, on: forC)
        pool.give(forA)
        pool.give(forB)
        pool.give(forC)  // over capacity: freed
        #expect(pool.spareCount == 2)
        #expect(pool.take(for: b.url) === forB)
        #expect(pool.take(for: a.url) === forA)
        #expect(pool.spareCount == 0)

        // A configured handle returned to a full pool of reset handles replaces one of them.
        forA.reset()
        forB.reset()
        pool.give(forA)
        pool.give(forB)
        let reset = pool.take(for: c.url)  // a reset one: no handle for c is kept
        let again = try #require(reset)
        #expect(again.configuredFor == nil)
        try Self.configure(c, on: again)
        let extra = try #require(EasyHandle())
        pool.give(extra)  // back to 2 reset ones
        pool.give(again)
        #expect(pool.spareCount == 2)
        #expect(pool.take(for: c.url) === again)
        let resetOne = pool.take(for: a.url)  // the reset handle left
        #expect(resetOne != nil && resetOne !== again)
        #expect(pool.spareCount == 0)
        // Another URL's configured handle serves when nothing else is spare; configuring it
        // for the new request resets it first.
        pool.give(again)
        let d = Self.poll("http://127.0.0.1:9/d")
        let borrowed = pool.take(for: d.url)
        #expect(borrowed === again)
        let forD = try #require(borrowed)
        try Self.configure(d, on: forD)
        #expect(forD.isConfigured(for: d, delivery: Self.collect()))
        #expect(!forD.isConfigured(for: c, delivery: Self.collect()))
        // A URL whose polls went to the fast path keeps no configured handle; others keep theirs.
        pool.give(forD)
        #expect(pool.spareCount == 1)
        pool.dropConfigured(for: c.url)  // none kept for c: nothing changes
        #expect(pool.spareCount == 1)
        pool.dropConfigured(for: d.url)
        #expect(pool.spareCount == 0)
        let afterDrop = pool.take(for: d.url)
        let fresh = try #require(afterDrop)
        #expect(fresh !== forD && fresh.configuredFor == nil)
    }

    /// Repeated identical polls (the reused handle) keep sending the credential, the ETag and
    /// one Accept-Encoding line, and a changed token or ETag is what the next poll sends.
    @Test func repeatedPollsKeepTheirHeadersAndPickUpAChange() async throws {
        let server = try FixtureServer.get()
        let engine = HTTPEngine()
        let url = server.base + "/echo?card=1"
        for _ in 0..<3 {
            let seen = try JSONDecoder().decode(SeenRequest.self, from: Data(try await engine.perform(Self.poll(url, etag: #"W/"7""#)).get().body))
            #expect(seen.method == "GET")
            #expect(seen.headers["authorization"] == "Bearer t0k3n")
            #expect(seen.headers["if-none-match"] == #"W/"7""#)
            #expect(seen.headers["user-agent"] == Transfer.userAgent)
            #expect(seen.accept_encodings.count == 1)
            #expect(seen.accept_encodings.first?.contains("gzip") == true)
        }
        let changed = try JSONDecoder().decode(SeenRequest.self, from: Data(try await engine.perform(Self.poll(url, etag: #"W/"8""#, token: "n3w")).get().body))
        #expect(changed.headers["authorization"] == "Bearer n3w")
        #expect(changed.headers["if-none-match"] == #"W/"8""#)
        let noETag = try JSONDecoder().decode(SeenRequest.self, from: Data(try await engine.perform(Self.poll(url)).get().body))
        #expect(noETag.headers["if-none-match"] == nil)

        // A caller's own Accept-Encoding replaces ours; it is not sent twice.
        var own = Self.poll(url)
        own.headers.append(HTTPHeader("Accept-Encoding", "identity"))
        let ownSeen = try JSONDecoder().decode(SeenRequest.self, from: Data(try await engine.perform(own).get().body))
        #expect(ownSeen.accept_encodings == ["identity"])
        engine.shutdown()
    }

    /// The Accept-Encoding we spell out still has libcurl decode what it offered.
    @Test func aGzipAnswerArrivesDecoded() async throws {
        let server = try FixtureServer.get()
        let engine = HTTPEngine()
        for _ in 0..<2 {
            let response = try await engine.perform(Self.poll(server.base + "/gzip")).get()
            #expect(response.head.headers["content-encoding"] == "gzip")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any])
            #expect(json["gzip"] as? Bool == true)
        }
        engine.shutdown()
    }

    /// The total timeout stays set on a reused handle, and a longer one is picked up.
    @Test func aReusedHandleKeepsItsTimeoutAndPicksUpANewOne() async throws {
        let server = try FixtureServer.get()
        let engine = HTTPEngine()
        let url = server.base + "/slow?ms=1500"
        for _ in 0..<2 {
            let result = await engine.perform(Self.poll(url, timeout: 0.3))
            #expect(throws: WireError.self) { try result.get() }
            if case .failure(let error) = result { #expect(error.kind == .timeout) }
        }
        let patient = try await engine.perform(Self.poll(url, timeout: 20)).get()
        #expect(patient.status == 200)
        engine.shutdown()
    }

    /// The server closes the connection after every answer: each poll on the reused handle
    /// must still succeed, on a new connection.
    @Test func aPollAfterTheServerClosedTheKeptConnectionSucceeds() async throws {
        let server = try FixtureServer.get()
        let engine = HTTPEngine()
        var ports: Set<Int> = []
        for _ in 0..<3 {
            let response = try await engine.perform(Self.poll(server.base + "/conn?close=1")).get()
            #expect(response.status == 200)
            ports.insert(try JSONDecoder().decode(Connection.self, from: Data(response.body)).port)
        }
        #expect(ports.count == 3)
        engine.shutdown()
    }
}
