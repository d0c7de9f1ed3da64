import Foundation
import Testing

@testable import Deck

/// `AgentMetrics.summary(now:)` answers from a memo (SummaryMemo) kept per interval; it must give
/// exactly what computing it from the buckets gives, whatever happened and whenever it is asked.
@Suite struct AgentMetricsCacheTests {
    @Test(arguments: [1, 2, 3] as [UInt64])
    func cachedSummariesEqualComputedOnesOverRandomRuns(seed: UInt64) {
        var random = IDGenerator(seed: seed)  // SplitMix64: the same seed gives the same run
        // A short window (6 intervals of 5 s) so runs cross interval boundaries and expire buckets.
        var metrics = AgentMetrics(shape: HealthWindowShape(window: 30, bucket: 5))
        var now = Date(timeIntervalSince1970: 1_800_000_000)
        let endings: [TaskOutcome.Ending] = [.completed, .failed, .canceled, .rejected]
        for step in 0..<600 {
            now = now.addingTimeInterval(Double.random(in: 0...3, using: &random))
            switch Int.random(in: 0..<10, using: &random) {
            case 0..<6:
                let ok = Int.random(in: 0..<5, using: &random) > 0
                metrics.recordPoll(ok: ok, latency: ok ? Double.random(in: 0.0005...0.2, using: &random) : nil, at: now)
            case 6..<8:
                let outcome = TaskOutcome(
                    ending: endings[Int.random(in: 0..<endings.count, using: &random)],
                    duration: Double.random(in: 0...60, using: &random), skill: "s\(Int.random(in: 0..<3, using: &random))",
                    finishedAt: now)
                metrics.recordTask(outcome)
            default:
                break  // time passes with nothing recorded
            }
            // Frames come at any moment after the last record, also in later intervals.
            for _ in 0..<3 {
                let frame = now.addingTimeInterval(Double.random(in: 0...12, using: &random))
                #expect(metrics.summary(now: frame, settledPolls: true) == metrics.computedSummary(now: frame, detailed: false, settledPolls: true), "seed \(seed) step \(step)")
                #expect(metrics.summary(now: frame) == metrics.computedSummary(now: frame, detailed: false), "seed \(seed) step \(step)")
                #expect(metrics.summary(now: frame, detailed: true) == metrics.computedSummary(now: frame, detailed: true))
            }
        }
    }

    @Test func theCacheDoesNotMakeEqualWindowsUnequal() {
        let t0 = Date(timeIntervalSince1970: 1_800_000_000)
        var a = AgentMetrics()
        var b = AgentMetrics()
        a.recordPoll(ok: true, latency: 0.01, at: t0)
        b.recordPoll(ok: true, latency: 0.01, at: t0)
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        b.recordPoll(ok: true, latency: 0.02, at: t0)
        #expect(a != b)
    }
}
