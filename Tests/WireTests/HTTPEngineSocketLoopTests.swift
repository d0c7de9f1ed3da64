import Foundation
import Testing
@testable import Wire

/// The network loop driven by `curl_multi_socket_action`: each wake-up hands libcurl only the
/// sockets that are ready and its timer when it expires. These check that transfers sharing
/// the loop do not disturb each other, against the real fixture server.
struct HTTPEngineSocketLoopTests {
    let server: FixtureServer
    let engine = HTTPEngine()

    init() throws {
        server = try FixtureServer.get()
    }

    /// Streams and card-poll-like requests in flight together, all on the one thread.
    @Test func manyStreamsAndRequestsAtOnceAllComplete() async throws {
        let recorders = (0..<100).map { _ in StreamRecorder() }
        for recorder in recorders {
            recorder.startSSE(on: engine, .stream(url: server.base + "/sse?n=10&delay_ms=10", method: "GET"))
        }
        let polls = (0..<100).map { index in
            let box = ResultBox()
            engine.perform(HTTPRequest(url: server.other + "/echo?poll=\(index)")) { box.set($0) }
            return box
        }
        for (index, box) in polls.enumerated() {
            let echo = try Echo(try await box.value().get())
            #expect(echo.query == ["poll": "\(index)"])
        }
        for recorder in recorders {
            let end = await recorder.waitForEnd()
            #expect(end.error == nil)
            #expect(recorder.events.map(\.lastEventID) == (0..<10).map(String.init))
            #expect(recorder.endings == 1)
        }
        engine.shutdown()
    }

    /// A request's total timeout is libcurl's timer; streams keep flowing around it, untouched.
    @Test func aRequestTimesOutWhileOthersStream() async throws {
        let recorders = (0..<10).map { _ in StreamRecorder() }
        for recorder in recorders {
            recorder.startSSE(on: engine, .stream(url: server.base + "/sse?n=40&delay_ms=20", method: "GET"))
        }
        let slow = await engine.perform(HTTPRequest(url: server.base + "/slow?ms=5000", timeout: 0.3))
        #expect(slow.failure?.kind == .timeout)
        for recorder in recorders {
            let end = await recorder.waitForEnd()
            #expect(end.error == nil)
            #expect(recorder.events.count == 40)
        }
        engine.shutdown()
    }

    /// Canceling one stream of fifty ends that one alone; the other forty-nine get every event.
    @Test func cancelingOneOfFiftyStreamsLeavesTheRestUntouched() async throws {
        let engine = self.engine
        let victim = 17
        let holder = IDHolder()
        var recorders: [StreamRecorder] = []
        for index in 0..<50 {
            let recorder = StreamRecorder()
            let id = recorder.startSSE(on: engine, .stream(url: server.base + "/sse?n=30&delay_ms=10", method: "GET")) { event in
                if index == victim, event.lastEventID == "0", let id = holder.id {
                    Thread.detachNewThread { engine.cancel(id) }
                }
            }
            if index == victim { holder.id = id }
            recorders.append(recorder)
        }
        for (index, recorder) in recorders.enumerated() {
            let end = await recorder.waitForEnd()
            #expect(recorder.endings == 1)
            if index == victim {
                #expect(end.error?.kind == .canceled)
                #expect(recorder.events.count < 30)
            } else {
                #expect(end.error == nil, "stream \(index): \(String(describing: end.error))")
                #expect(recorder.events.map(\.lastEventID) == (0..<30).map(String.init))
            }
        }
        engine.shutdown()
    }

    /// The server closes a connection the engine keeps for reuse: the next request to that
    /// origin still succeeds (on a new connection), and that one is kept in turn.
    @Test func aConnectionClosedByTheServerWhileIdleIsReplaced() async throws {
        func port(_ query: String) async throws -> Int {
            let response = try await engine.perform(HTTPRequest(url: server.base + "/conn" + query)).get()
            let connection = try JSONDecoder().decode(ConnectionPort.self, from: Data(response.body))
            return connection.port
        }
        let closed = try await port("?close=1")
        // Give the server's close time to arrive, so the kept connection is dead when reused.
        try await Task.sleep(for: .milliseconds(200))
        let replacement = try await port("")
        let reused = try await port("")
        #expect(replacement != closed)
        #expect(reused == replacement)
        engine.shutdown()
    }

    /// Nothing but the timer: an idle-timeout stream and a timed-out request, with no other
    /// socket activity to wake the loop, still end (the wait is bounded by both deadlines).
    @Test func deadlinesEndTransfersOnAnOtherwiseQuietLoop() async throws {
        let recorder = StreamRecorder()
        recorder.startSSE(on: engine, .stream(url: server.base + "/stall?events=1", method: "GET", idleTimeout: 0.4))
        let slow = await engine.perform(HTTPRequest(url: server.base + "/slow?ms=5000", timeout: 0.2))
        #expect(slow.failure?.kind == .timeout)
        let end = await recorder.waitForEnd()
        #expect(end.error?.kind == .idleTimeout)
        #expect(recorder.events.count == 1)
        engine.shutdown()
    }
}

/// What the fixture's /conn tells: which client port (connection) carried the request.
private struct ConnectionPort: Decodable {
    let port: Int
}
