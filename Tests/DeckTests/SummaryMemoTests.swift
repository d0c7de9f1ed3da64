import Foundation
import Seeded
import Testing

@testable import Deck

/// `AgentMetrics.summary` memoizes the agents pane's summary (plain, settled polls) by interval;
/// it must always equal the summary computed from the window, whatever was recorded and whichever
/// copy asks.
@Suite struct SummaryMemoTests {
    static func computed(_ m: AgentMetrics, now: Date) -> HealthSummary {
        HealthSummary(
            buckets: m.window.buckets(endingAt: now), shape: m.shape, watched: m.watchedSpan(now: now), detailed: false,
            settledPolls: true)
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func memoizedSummaryEqualsTheComputedOneAfterEveryChange(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        var m = AgentMetrics(shape: HealthWindowShape(window: 120, bucket: 10))
        var now = t0
        var copies: [(metrics: AgentMetrics, at: Date, summary: HealthSummary)] = []
        var hits = 0
        for _ in 0..<400 {
            now = now.addingTimeInterval(Double(random.below(40)) / 10)
            switch random.below(4) {
            case 0: m.recordPoll(ok: random.below(5) != 0, latency: Double(random.below(100)) / 1000, at: now)
            case 1:
                let endings: [TaskOutcome.Ending] = [.completed, .failed, .canceled, .rejected]
                m.recordTask(TaskOutcome(ending: endings[random.below(4)], duration: 1, skill: "s", finishedAt: now))
            default: break
            }
            let first = m.summary(now: now, settledPolls: true)
            let again = m.summary(now: now, settledPolls: true)  // from the memo
            #expect(first == Self.computed(m, now: now))
            #expect(again == first)
            if first.finished > 0 || first.polls > 0 { hits += 1 }
            if random.below(20) == 0 { copies.append((m, now, first)) }
        }
        // Copies taken earlier still describe their own window, not the later one's memo.
        for copy in copies {
            #expect(copy.metrics.summary(now: copy.at, settledPolls: true) == copy.summary)
            #expect(copy.metrics.summary(now: now, settledPolls: true) == Self.computed(copy.metrics, now: now))
        }
        #expect(hits > 100)
        #expect(!copies.isEmpty)
    }

    @Test func theRateFollowsTheWatchedSpanWithinOneInterval() {
        var m = AgentMetrics(shape: HealthWindowShape(window: 900, bucket: 30))
        m.recordTask(TaskOutcome(ending: .completed, duration: 1, skill: nil, finishedAt: t0))
        // 40 s and 50 s after t0 fall in the same 30 s interval: the second is a memo hit, and its
        // rate must still divide by 50 s watched, not 40.
        let early = m.summary(now: t0.addingTimeInterval(40), settledPolls: true)
        let later = m.summary(now: t0.addingTimeInterval(50), settledPolls: true)
        #expect(early.tasksPerMinute == Self.computed(m, now: t0.addingTimeInterval(40)).tasksPerMinute)
        #expect(later.tasksPerMinute == Self.computed(m, now: t0.addingTimeInterval(50)).tasksPerMinute)
        #expect(later.tasksPerMinute < early.tasksPerMinute)
    }
}
