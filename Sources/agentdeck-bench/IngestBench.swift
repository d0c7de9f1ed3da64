import A2A
import Deck
import Foundation

/// Budget 1: SSE parse + decode + `update()` over recorded streams, replayed under fresh task ids,
/// `concurrent` streams interleaved event by event as they would arrive from many agents.
enum IngestBench {
    struct Stream {
        var parser = SSEParser()
        let endpoint: Endpoint
        /// This replay's chunks, as ranges of its batch's `arena`.
        let chunks: [Range<Int>]
        var tag = RequestTag(0)
    }

    static func run(captures: [Capture], replays: Int, concurrent: Int, agents: Int, maxFinishedTasks: Int,
                    deck startDeck: BenchDeck? = nil, leaveRunning: Int = 0, updateDeck: Bool = true,
                    afterUpdate: (_ finishedTasksReleased: Int, _ tasksInFlight: Bool) -> Void = { _, _ in }) -> (events: Int, seconds: Double, tasks: Int, state: DeckState, now: Date) {
        var deck = startDeck ?? BenchDeck(agents: agents, maxFinishedTasks: maxFinishedTasks)
        // The last `leaveRunning` replays stop after their first three events (working, 33%): still running.
        let runningFrom = replays - leaveRunning
        var now = Date(timeIntervalSince1970: 1_800_000_000)
        var events = 0
        var seconds = 0.0

        var batchStart = 0
        while batchStart < replays {
            let batchEnd = min(batchStart + concurrent, replays)
            // Prepared outside the clock, one batch at a time, into one buffer: that large, malloc maps
            // it apart from its heap, so the replayed bytes neither count as Deck memory nor leave
            // holes among the Deck's objects once freed (they did: ~8 MB of the memory figure).
            var arena: [UInt8] = []
            arena.reserveCapacity((batchStart..<batchEnd).reduce(0) { $0 + captures[$1 % captures.count].byteCount })
            var streams: [Stream] = (batchStart..<batchEnd).map { n in
                let capture = captures[n % captures.count]
                let ranges = capture.replay(number: n).map { chunk -> Range<Int> in
                    arena += chunk
                    return arena.count - chunk.count..<arena.count
                }
                return Stream(endpoint: Endpoint(url: "http://127.0.0.1:1/", dialect: capture.dialect), chunks: ranges)
            }
            let start = Measure.threadCPU()
            for i in streams.indices {
                let n = batchStart + i
                streams[i].tag = deck.openStream(on: deck.agents[n % deck.agents.count], number: n, now: now)
            }
            let longest = streams.map(\.chunks.count).max() ?? 0
            arena.withUnsafeBytes { arenaBytes in
            for c in 0..<longest {
                now += 0.001
                for i in streams.indices where c < streams[i].chunks.count && (batchStart + i < runningFrom || c < 3) {
                    let tag = streams[i].tag
                    let endpoint = streams[i].endpoint
                    streams[i].parser.feed(UnsafeRawBufferPointer(rebasing: arenaBytes[streams[i].chunks[c]])) { item in
                        guard case .event(let sse) = item else { return }
                        guard case .success(let decoded) = A2ACodec.decodeStreamData(
                            sse.dataBytes, eventType: sse.type, endpoint: endpoint, context: StreamContext())
                        else { return }
                        for event in decoded {
                            if updateDeck {
                                _ = deck.state.update(.streamEvent(tag, event), now: now)
                                afterUpdate(deck.state.finishedTasksReleased, deck.state.hasTaskRequestsInFlight)
                            } else { blackHole(event) }
                            events += 1
                        }
                    }
                }
            }
            }
            for i in streams.indices where batchStart + i < runningFrom {
                // The connection (here its parser) is gone before the Deck hears the stream ended, as in Wire.
                streams[i].parser = SSEParser()
                _ = deck.state.update(.streamEnded(streams[i].tag, .closed), now: now)
                afterUpdate(deck.state.finishedTasksReleased, deck.state.hasTaskRequestsInFlight)
            }
            seconds += Measure.threadCPU() - start
            streams = []
            batchStart = batchEnd
        }
        return (events, seconds, deck.state.tasks.count, deck.state, now)
    }

    static func main() throws {
        let v1 = try Capture.load("stream-v10.txt", dialect: .v1)
        let v03 = try Capture.load("v03sdk-stream.txt", dialect: .v03)
        let v03b = try Capture.load("stream-v03.txt", dialect: .v03)
        // Warm-up (page faults, lazy initialisers), not reported.
        _ = run(captures: [v1, v03], replays: scaled(200), concurrent: scaled(50), agents: 200, maxFinishedTasks: 200)

        let cases: [(String, [Capture], Int)] = [
            ("ingest_v1", [v1], 200),
            ("ingest_v03", [v03, v03b], 200),
            ("ingest_mixed", [v1, v03, v03b], 200),
            ("ingest_mixed_retain10k", [v1, v03, v03b], 10_000),
        ]
        // BENCH_ONLY=name runs one case (profiling); unset runs them all.
        let only = ProcessInfo.processInfo.environment["BENCH_ONLY"]
        if only == nil || only == "ingest_parse_decode_only" {
        let decodeOnly = run(captures: [v1, v03, v03b], replays: scaled(12_000), concurrent: scaled(1_000), agents: 200,
                             maxFinishedTasks: 200, updateDeck: false)
        report("ingest_parse_decode_only", Double(decodeOnly.events) / decodeOnly.seconds, "events/s", decimals: 0)
        }
        for (name, captures, keep) in cases where only == nil || only == name {
            let r = run(captures: captures, replays: scaled(12_000), concurrent: scaled(1_000), agents: 200, maxFinishedTasks: keep)
            report(name, Double(r.events) / r.seconds, "events/s", decimals: 0)
            report(name + "_tasks_kept", Double(r.tasks), "tasks", decimals: 0)
        }
    }
}

/// Keeps the optimiser from dropping work whose result is unused.
@inline(never) func blackHole<T>(_ value: T) { withExtendedLifetime(value) {} }
