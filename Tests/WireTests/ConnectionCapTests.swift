import Foundation
import Testing
@testable import Wire

/// How many connections the engine lets libcurl keep: one per transfer in flight plus two idle
/// ones per origin; what a burst opened beyond that is closed as later requests return theirs.
struct ConnectionCapTests {
    @Test func oneIdleConnectionPerOriginPlusOnePerTransfer() throws {
        var cap = ConnectionCap(maxOrigins: 3)
        #expect(cap.connections(inFlight: 0) == 1)  // never 0: libcurl reads 0 as its default
        let a = try #require(Origin(url: "http://127.0.0.1:8001/card"))
        cap.note(a)
        cap.note(Origin(url: "http://127.0.0.1:8001/tasks"))  // the same origin
        cap.note(nil)  // a URL that did not parse
        #expect(cap.originCount == 1)
        #expect(cap.connections(inFlight: 0) == 2)
        #expect(cap.connections(inFlight: 5) == 7)
        for port in 8002...8006 { cap.note(Origin(url: "http://127.0.0.1:\(port)/")) }
        #expect(cap.originCount == 3)  // bounded
        #expect(cap.connections(inFlight: 10) == 16)
    }

    /// The connections the fixture sees from this engine (client side ESTABLISHED sockets of this
    /// process to `port`, from /proc/net/tcp).
    private static func openConnections(to port: Int) throws -> Int { try connectionLines(to: port).count }

    /// The /proc/net/tcp lines of those connections (for a failure's message).
    private static func connectionLines(to port: Int) throws -> [Substring] {
        // Read to the end: /proc files report a size of 0, which whole-file readers trust.
        let file = try #require(FileHandle(forReadingAtPath: "/proc/net/tcp"))
        defer { try? file.close() }
        let table = String(decoding: try file.readToEnd() ?? Data(), as: UTF8.self)
        let remote = String(format: ":%04X", port)
        return table.split(separator: "\n").dropFirst().filter { line in
            let fields = line.split(separator: " ")
            // local address, remote address, state (01 = ESTABLISHED)
            return fields.count > 3 && fields[2].hasSuffix(remote) && fields[3] == "01"
        }
    }

    /// A burst of 8 streams holds 8 connections to one origin; once they ended, a few
    /// requests one at a time close the burst's idle connections down to the cap (one in flight
    /// + one per origin), and every request still succeeds. Before round 7 all 8 stayed open.
    @Test func aBurstsConnectionsCloseAsRequestsGoOn() async throws {
        let fixture = try FixtureServer(origins: 2)  // its own ports: no other test's connections
        let port = try #require(URLComponents(string: fixture.base)?.port)
        let engine = HTTPEngine()
        defer { engine.shutdown() }
        let key = "cap-\(UUID().uuidString)"
        let streams = (0..<8).map { _ in StreamRecorder() }
        for stream in streams {
            stream.startSSE(on: engine, .stream(url: fixture.base + "/sse-gated?key=" + key, method: "GET"))
        }
        // Every stream has its first event: all 8 are open at once (the fixture holds each until
        // the release, with keep-alives). A bounded wait (≥ 90 s), not a timing assertion: in a
        // loaded full run, tests that block the concurrency pool's two threads (starting Python
        // peers) starve this one for tens of seconds.
        for _ in 0..<4_500 where streams.contains(where: { $0.events.isEmpty }) {
            try await Task.sleep(for: .milliseconds(20))
        }
        let firstEvents = streams.map { $0.events.count }
        let burstLines = try Self.connectionLines(to: port)
        let duringBurst = burstLines.count
        #expect(firstEvents == Array(repeating: 1, count: 8), "events per stream while the burst is open")
        #expect(duringBurst == 8, "connections while the burst is open (events per stream: \(firstEvents)): \(burstLines.joined(separator: "\n"))")
        _ = try await engine.perform(HTTPRequest(url: fixture.base + "/release?key=" + key)).get()
        for stream in streams {
            let end = await stream.waitForEnd()
            #expect(end.error == nil)
            #expect(stream.events.map(\.data) == [#"{"i": 0}"#, #"{"i": 1}"#])
        }
        for i in 0..<10 {
            let response = try await engine.perform(HTTPRequest(url: fixture.base + "/echo?after=\(i)")).get()
            #expect(response.status == 200)
        }
        let settled = try Self.openConnections(to: port)
        #expect(settled <= 3, "idle connections left open: \(settled) (during the burst: \(duringBurst))")
        #expect(settled >= 1, "the origin keeps its connection")
    }
}
