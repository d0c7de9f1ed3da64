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
        /// One per stream, passed with each of its events, as Wire's `StreamSession` keeps one.
        let context = StreamContext()
    }

    static func run(captures: [Capture], replays: Int, concurrent: Int, agents: Int, maxFinishedTasks: Int,
                    deck startDeck: BenchDeck? = nil, leaveRunning: Int = 0, updateDeck: Bool = true,
                    afterUpdate: (_ finishedTasksReleased: Int, _ tasksInFlight: Bool) -> Void = { _, _ in }) -> (events: Int, seconds: Double, wallSeconds: Double, tasks: Int, state: DeckState, now: Date) {
        var deck = startDeck ?? BenchDeck(agents: agents, maxFinishedTasks: maxFinishedTasks)
        // The last `leaveRunning` replays stop after their first three events (working, 33%): still running.
        let runningFrom = replays - leaveRunning
        var now = Date(timeIntervalSince1970: 1_800_000_000)
        var events = 0
        var seconds = 0.0
        var wallSeconds = 0.0

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
            let wallStart = Measure.now()
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
                    let context = streams[i].context
                    streams[i].parser.feed(UnsafeRawBufferPointer(rebasing: arenaBytes[streams[i].chunks[c]])) { item in
                        guard case .event(let sse) = item else { return }
                        guard case .success(let decoded) = A2ACodec.decodeStreamData(
                            sse.dataBytes, eventType: sse.type, endpoint: endpoint, context: context)
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
            wallSeconds += Measure.now() - wallStart
            streams = []
            batchStart = batchEnd
        }
        return (events, seconds, wallSeconds, deck.state.tasks.count, deck.state, now)
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
            var rates = RoundRates()
            for _ in 0..<benchRounds {
                let r = run(captures: [v1, v03, v03b], replays: scaled(12_000), concurrent: scaled(1_000), agents: 200,
                            maxFinishedTasks: 200, updateDeck: false)
                rates.add(events: r.events, cpuSeconds: r.seconds, wallSeconds: r.wallSeconds)
            }
            rates.report("ingest_parse_decode_only")
        }
        for (name, captures, keep) in cases where only == nil || only == name {
            var rates = RoundRates()
            var tasksKept = 0
            for _ in 0..<benchRounds {
                let r = run(captures: captures, replays: scaled(12_000), concurrent: scaled(1_000), agents: 200, maxFinishedTasks: keep)
                rates.add(events: r.events, cpuSeconds: r.seconds, wallSeconds: r.wallSeconds)
                tasksKept = r.tasks
            }
            rates.report(name)
            report(name + "_tasks_kept", Double(tasksKept), "tasks", decimals: 0)
        }
    }

    /// Events per second of each round of one case. On this shared machine one run swings ±25 %
    /// from the next, so a case runs `BENCH_ROUNDS` times and its figure is the median (thread
    /// CPU time); the best and worst rounds and the median by wall clock are printed beside it,
    /// to show the spread.
    struct RoundRates {
        var cpu: [Double] = []
        var wall: [Double] = []

        mutating func add(events: Int, cpuSeconds: Double, wallSeconds: Double) {
            cpu.append(Double(events) / cpuSeconds)
            wall.append(Double(events) / wallSeconds)
        }

        func report(_ name: String) {
            guard !cpu.isEmpty else { return }
            let sorted = cpu.sorted()
            agentdeck_bench.report(name, Self.median(sorted), "events/s", decimals: 0)
            guard cpu.count > 1 else { return }
            agentdeck_bench.report(name + "_best", sorted[sorted.count - 1], "events/s", decimals: 0)
            agentdeck_bench.report(name + "_worst", sorted[0], "events/s", decimals: 0)
            agentdeck_bench.report(name + "_wall_median", Self.median(wall.sorted()), "events/s", decimals: 0)
            agentdeck_bench.report(name + "_rounds", Double(cpu.count), "rounds", decimals: 0)
        }

        static func median(_ sorted: [Double]) -> Double {
            let mid = sorted.count / 2
            return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
        }
    }
}

/// `BENCH_ROUNDS=n` runs each ingest case n times (the median is the figure). Default 5 at full
/// load; 1 when `BENCH_SCALE` shrinks the load (profiling: one round keeps instruction counts
/// comparable with earlier rounds).
let benchRounds: Int = ProcessInfo.processInfo.environment["BENCH_ROUNDS"].flatMap(Int.init).map { max(1, $0) }
    ?? (benchScale < 1 ? 1 : 5)

/// Keeps the optimiser from dropping work whose result is unused.
@inline(never) func blackHole<T>(_ value: T) { withExtendedLifetime(value) {} }
