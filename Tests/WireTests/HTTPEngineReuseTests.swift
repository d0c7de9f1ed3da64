import Foundation
import Testing
@testable import Wire

/// What the engine keeps between requests: connections (one per origin, however many origins)
/// and easy handles (reused, but starting clean every time). Against the real fixture server.
struct HTTPEngineReuseTests {
    /// Which connection (client port) carried a request to the fixture's /conn.
    private struct Connection: Decodable {
        let port: Int
    }

    /// An idle console polls each agent in turn, with only a few requests in flight. libcurl's
    /// default cache (4 × transfers in flight) then held connections to only a few agents and
    /// closed the rest between polls; every origin must keep its one connection.
    @Test func everyOriginKeepsItsConnectionAcrossRounds() async throws {
        let fixture = try FixtureServer(origins: 12)
        let engine = HTTPEngine()
        var ports: [String: Set<Int>] = [:]
        for _ in 0..<3 {
            for origin in fixture.origins {
                let response = try await engine.perform(HTTPRequest(url: origin + "/conn")).get()
                let connection = try JSONDecoder().decode(Connection.self, from: Data(response.body))
                ports[origin, default: []].insert(connection.port)
            }
        }
        engine.shutdown()
        #expect(ports.count == 12)
        for (origin, seen) in ports {
            #expect(seen.count == 1, "\(origin) was reached over \(seen.count) connections")
        }
    }

    /// A reused handle must not carry the previous request's method, body, headers or limits.
    @Test func aReusedHandleStartsClean() async throws {
        let server = try FixtureServer.get()
        let engine = HTTPEngine()
        let post = HTTPRequest(
            url: server.base + "/echo", method: "POST",
            headers: [HTTPHeader("X-First", "one"), HTTPHeader("Authorization", "Bearer s3cret")],
            body: Array("first body".utf8))
        let first = try Echo(try await engine.perform(post).get())
        #expect(first.method == "POST")
        #expect(first.headers["x-first"] == "one")

        let second = try Echo(try await engine.perform(HTTPRequest(url: server.base + "/echo?n=2")).get())
        #expect(second.method == "GET")
        #expect(second.body.isEmpty)
        #expect(second.headers["x-first"] == nil)
        #expect(second.headers["authorization"] == nil)
        #expect(second.query == ["n": "2"])

        // A transfer aborted by its size limit, then one with a larger limit on the same handle.
        let tooBig = await engine.perform(HTTPRequest(url: server.base + "/big?bytes=5000", maxBodyBytes: 1000))
        #expect(throws: WireError.self) { try tooBig.get() }
        let fits = try await engine.perform(HTTPRequest(url: server.base + "/big?bytes=5000", maxBodyBytes: 10_000)).get()
        #expect(fits.body.count == 5000)

        // A HEAD (no body) must not turn the next GET into one.
        let head = try await engine.perform(HTTPRequest(url: server.base + "/big?bytes=300", method: "HEAD")).get()
        #expect(head.body.isEmpty)
        let get = try await engine.perform(HTTPRequest(url: server.base + "/big?bytes=300")).get()
        #expect(get.body.count == 300)
        engine.shutdown()
    }

    /// Streams and collected requests alternate on reused handles.
    @Test func streamsAndRequestsAlternateOnReusedHandles() async throws {
        let server = try FixtureServer.get()
        let engine = HTTPEngine()
        for round in 0..<3 {
            let recorder = StreamRecorder()
            recorder.startSSE(on: engine, HTTPRequest.stream(url: server.base + "/sse?n=2", method: "GET"))
            let end = await recorder.waitForEnd()
            #expect(end.error == nil)
            #expect(recorder.events.map(\.data) == [#"{"i": 0}"#, #"{"i": 1}"#])
            let echo = try Echo(try await engine.perform(HTTPRequest(url: server.base + "/echo?round=\(round)")).get())
            #expect(echo.query == ["round": "\(round)"])
        }
        engine.shutdown()
    }
}

struct OriginMemoTests {
    @Test func givesWhatParsingGives() {
        var memo = OriginMemo(capacity: 3)
        let urls = [
            "http://127.0.0.1:8080/card", "https://Agent.Example/x", "http://127.0.0.1:8080/card",
            "not a url", "https://agent.example:8443/y", "ftp://x", "http://h/", "https://Agent.Example/x",
        ]
        for _ in 0..<2 {
            for url in urls {
                #expect(memo.origin(of: url) == Origin(url: url), "\(url)")
            }
        }
    }
}
