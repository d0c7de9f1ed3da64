import A2A
import Foundation
import Testing
@testable import Wire

/// `streamSSE` / `stream` against the real loopback fixture server.
struct HTTPEngineStreamTests {
    let server: FixtureServer
    let engine = HTTPEngine()

    init() throws {
        server = try FixtureServer.get()
    }

    @Test func manyEventsArriveInOrderAfterTheHead() async throws {
        let recorder = StreamRecorder()
        recorder.startSSE(on: engine, .stream(url: server.base + "/sse?n=500&ping=1", method: "GET"))
        let end = await recorder.waitForEnd()
        #expect(end.error == nil)
        #expect(end.head?.status == 200)
        #expect(end.head?.isEventStream == true)
        #expect(recorder.log.first == .head(200))
        #expect(recorder.events.map(\.data) == (0..<500).map { "{\"i\": \($0)}" })
        #expect(recorder.events.last?.lastEventID == "499")
        // The fixture's ": ping - i" comments reach the consumer too (a watchdog can see them).
        #expect(recorder.log.filter { if case .item(.comment) = $0 { true } else { false } }.count == 500)
        #expect(end.bytesReceived > 500 * 20)
        #expect(!end.discardedPartialEvent)
        #expect(recorder.endings == 1)
        engine.shutdown()
    }

    /// The server sends its second event only after the client reacts to the first: that only
    /// completes if events are delivered while the stream is still open.
    @Test func eventsAreDeliveredIncrementally() async throws {
        let recorder = StreamRecorder()
        let key = UUID().uuidString
        let engine = self.engine
        let release = server.base + "/release?key=" + key
        recorder.startSSE(on: engine, .stream(url: server.base + "/sse-gated?key=" + key, method: "GET")) { event in
            if event.lastEventID == "0" {
                engine.perform(HTTPRequest(url: release)) { _ in }
            }
        }
        let end = await recorder.waitForEnd()
        #expect(end.error == nil)
        #expect(recorder.events.map(\.type) == ["message", "message"])
        #expect(recorder.events.map(\.lastEventID) == ["0", "1"])
        engine.shutdown()
    }

    @Test func cancelMidStream() async throws {
        let recorder = StreamRecorder()
        let engine = self.engine
        let holder = IDHolder()
        let id = recorder.startSSE(on: engine, .stream(url: server.base + "/sse?n=1000&delay_ms=20", method: "GET")) { event in
            // Cancel from a different thread once three events are in.
            if event.lastEventID == "2", let id = holder.id {
                Thread.detachNewThread { engine.cancel(id) }
            }
        }
        holder.id = id
        let end = await recorder.waitForEnd()
        #expect(end.error?.kind == .canceled)
        #expect(recorder.events.count >= 3)
        #expect(recorder.events.count < 1000)
        #expect(recorder.endings == 1)
        engine.shutdown()
    }

    @Test func consumerReturningFalseAbortsCleanly() async throws {
        let recorder = StreamRecorder()
        recorder.startSSE(on: engine, .stream(url: server.base + "/sse?n=1000&delay_ms=5", method: "GET"), stopAfter: 2)
        let end = await recorder.waitForEnd()
        #expect(end.error?.kind == .canceled)
        #expect(end.error?.message.contains("consumer") == true)
        #expect(recorder.events.count == 2)
        // The engine is still healthy afterwards.
        #expect(try await engine.perform(HTTPRequest(url: server.base + "/echo")).get().status == 200)
        engine.shutdown()
    }

    @Test func idleTimeoutAbortsASilentStream() async throws {
        let recorder = StreamRecorder()
        // 3 s, not less: under the whole suite's load the shared Python fixture can take over half
        // a second to send its first two events, which must arrive before the silence is timed out.
        recorder.startSSE(on: engine, .stream(url: server.base + "/stall?events=2", method: "GET", idleTimeout: 3))
        let end = await recorder.waitForEnd()
        #expect(end.error?.kind == .idleTimeout)
        #expect(end.error?.message.contains("idle timeout") == true)
        #expect(recorder.events.count == 2)
        engine.shutdown()
    }

    @Test func rawByteStreamDeliversEverything() async throws {
        let recorder = StreamRecorder()
        engine.stream(
            .stream(url: server.base + "/big?bytes=300000&chunked=1", method: "GET"),
            onHead: { recorder.record(.head($0.status)) },
            onBytes: { recorder.record(.bytes($0.count)); return true },
            onEnd: { recorder.finish($0) })
        let end = await recorder.waitForEnd()
        #expect(end.error == nil)
        #expect(recorder.log.first == .head(200))
        let total = recorder.log.reduce(0) { sum, entry in
            if case .bytes(let count) = entry { return sum + count }
            return sum
        }
        #expect(total == 300_000)
        #expect(end.bytesReceived == 300_000)
        engine.shutdown()
    }

    @Test func nonEventStreamAnswerArrivesUnparsed() async throws {
        let recorder = StreamRecorder()
        recorder.startSSE(on: engine, .stream(url: server.base + "/status/400", body: Array("{}".utf8)))
        let end = await recorder.waitForEnd()
        #expect(end.error == nil)
        #expect(end.head?.status == 400)
        #expect(end.head?.isEventStream == false)
        #expect(recorder.events.isEmpty)
        #expect(String(decoding: end.unparsedBody, as: UTF8.self).contains("as requested"))
        engine.shutdown()
    }

    @Test func sseLimitsApplyInsideTheEngine() async throws {
        let recorder = StreamRecorder()
        recorder.startSSE(
            on: engine, .stream(url: server.base + "/sse?n=3", method: "GET"),
            limits: SSELimits(maxLineBytes: 8))
        let end = await recorder.waitForEnd()
        #expect(end.error == nil)
        // "data: {"i": 0}" is longer than 8 bytes: every event is reported and dropped.
        #expect(recorder.events.isEmpty)
        #expect(recorder.log.filter { $0 == .item(.error(.lineTooLong(limit: 8))) }.count == 3)
        engine.shutdown()
    }

    @Test func fiftyConcurrentStreamsOnOneThread() async throws {
        let recorders = (0..<50).map { _ in StreamRecorder() }
        for recorder in recorders {
            recorder.startSSE(on: engine, .stream(url: server.base + "/sse?n=20&delay_ms=5", method: "GET"))
        }
        var threads = Set<UInt>()
        for recorder in recorders {
            let end = await recorder.waitForEnd()
            #expect(end.error == nil)
            #expect(recorder.events.map(\.lastEventID) == (0..<20).map(String.init))
            threads.formUnion(recorder.threads)
        }
        #expect(threads.count == 1)
        engine.shutdown()
    }

    /// The stream stays silent far longer than any delay before the shutdown (see
    /// `shutdownEndsInFlightRequestsAndRefusesNewOnes`).
    @Test func shutdownEndsOpenStreams() async throws {
        let recorder = StreamRecorder()
        recorder.startSSE(on: engine, .stream(url: server.base + "/stall?events=1&seconds=120", method: "GET", idleTimeout: 300))
        while recorder.events.isEmpty { try await Task.sleep(for: .milliseconds(10)) }
        engine.shutdown()
        let end = await recorder.waitForEnd()
        #expect(end.error?.kind == .shutdown)
        #expect(recorder.endings == 1)
    }
}

final class IDHolder: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: RequestID?
    var id: RequestID? {
        get { lock.lock(); defer { lock.unlock() }; return stored }
        set { lock.lock(); stored = newValue; lock.unlock() }
    }
}
