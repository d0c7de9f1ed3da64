import Foundation
import Testing
@testable import Wire

/// Opt-in figures (AGENTDECK_BENCH=1): printed, never asserted as timings; the assertions
/// only check that every request and event arrived.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["AGENTDECK_BENCH"] != nil))
struct HTTPEngineBenchmarks {
    @Test func loopbackRequestLatency() async throws {
        let server = try FixtureServer.get()
        let engine = HTTPEngine()
        var totals: [Double] = []
        var firstBytes: [Double] = []
        for _ in 0..<300 {
            let response = try await engine.perform(HTTPRequest(url: server.base + "/echo")).get()
            #expect(response.status == 200)
            totals.append(response.timing.total)
            firstBytes.append(response.timing.firstByte)
        }
        totals.sort()
        firstBytes.sort()
        print("loopback GET /echo ×300: median total \(totals[150] * 1000) ms, p95 \(totals[285] * 1000) ms, median TTFB \(firstBytes[150] * 1000) ms")
        engine.shutdown()
    }

    @Test func manyConcurrentStreams() async throws {
        let server = try FixtureServer.get()
        let engine = HTTPEngine()
        let streams = 200
        let eventsEach = 100
        let start = ContinuousClock.now
        let recorders = (0..<streams).map { _ in StreamRecorder() }
        for recorder in recorders {
            recorder.startSSE(on: engine, .stream(url: server.base + "/sse?n=\(eventsEach)&delay_ms=10", method: "GET"))
        }
        var total = 0
        for recorder in recorders {
            let end = await recorder.waitForEnd()
            #expect(end.error == nil)
            total += recorder.events.count
        }
        let elapsed = start.duration(to: .now)
        #expect(total == streams * eventsEach)
        print("\(streams) concurrent SSE streams × \(eventsEach) events (10 ms apart): \(total) events in \(elapsed)")
        engine.shutdown()
    }
}
