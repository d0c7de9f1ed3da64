import A2A
import Foundation
import Testing

@testable import Deck

/// The pieces of the health window, on known samples and known event sequences.
@Suite("Health metrics")
struct HealthMetricsTests {
    // MARK: percentiles

    @Test func nearestRankPercentilesOnKnownSamples() {
        let values: [Double] = (1...100).map(Double.init).shuffled()
        #expect(Percentile.nearestRank(values, 50) == 50)
        #expect(Percentile.nearestRank(values, 99) == 99)
        #expect(Percentile.nearestRank(values, 95) == 95)
        #expect(Percentile.nearestRank(values, 100) == 100)
        #expect(Percentile.nearestRank(values, 0) == 1)
        // Four samples: rank ceil(0.5 * 4) = 2 for p50, ceil(0.99 * 4) = 4 for p99.
        #expect(Percentile.nearestRank([40, 10, 30, 20], 50) == 20)
        #expect(Percentile.nearestRank([40, 10, 30, 20], 99) == 40)
        #expect(Percentile.nearestRank([7], 50) == 7)
        #expect(Percentile.nearestRank([Double](), 50) == nil)
        // Non-finite samples are ignored; a nonsense p is clamped.
        #expect(Percentile.nearestRank([.nan, 3, .infinity, 1], 50) == 1)
        #expect(Percentile.nearestRank([1, 2, 3], .nan) == 1)
        #expect(Percentile.nearestRank([1, 2, 3], 250) == 3)
    }

    @Test func weightedSamplesCountAsManyObservations() {
        // 1 stands for 3 observations, 10 for one: the median of [1, 1, 1, 10] is 1.
        let samples = [Percentile.Weighted(10, weight: 1), Percentile.Weighted(1, weight: 3)]
        #expect(Percentile.nearestRank(samples, 50) == 1)
        #expect(Percentile.nearestRank(samples, 80) == 10)
        #expect(Percentile.nearestRank([Percentile.Weighted(5, weight: 0)], 50) == nil)
    }

    @Test func boundedSamplesAreExactUpToCapacityThenThinEvenly() {
        var s = BoundedSamples(capacity: 8)
        for v in 1...8 { s.add(Double(v)) }
        #expect(s.values == [1, 2, 3, 4, 5, 6, 7, 8] && s.stride == 1)
        s.add(9)
        // Over capacity: every other value kept, stride doubled.
        #expect(s.values == [1, 3, 5, 7, 9] && s.stride == 2)
        for v in 10...1000 { s.add(Double(v)) }
        #expect(s.values.count <= 8)
        #expect(s.observed == 1000)
        // Evenly spread: the kept values are the arrivals at multiples of the stride.
        #expect(s.values == s.values.indices.map { Double($0 * s.stride + 1) })
        let median = Percentile.nearestRank(s.weighted, 50) ?? 0
        #expect(abs(median - 500) <= Double(s.stride), "a thinned sample still has the right median, within one stride")
        s.add(-1)
        s.add(.nan)
        #expect(s.observed == 1000, "negative and non-finite values are refused")
    }

    @Test func skillCountsBoundTheDistinctNames() {
        var c = SkillCounts()
        for i in 0..<40 { c.add("skill-\(i)") }
        c.add("skill-0", count: 5)
        c.add(String(repeating: "x", count: 10_000))
        #expect(c.counts.count == SkillCounts.maxSkills)
        #expect(c.others == 40 - SkillCounts.maxSkills + 1)
        #expect(c.ranked.first == SkillCount(skill: "skill-0", count: 6))
        #expect(c.counts.keys.allSatisfy { $0.count <= SkillCounts.maxIDLength })
    }

    // MARK: the rolling window

    @Test func windowShapeCorrectsNonsense() {
        #expect(HealthWindowShape(window: 900, bucket: 30).bucketCount == 30)
        #expect(HealthWindowShape(window: 100, bucket: 30).bucketCount == 4, "rounded up to whole buckets")
        #expect(HealthWindowShape(window: 0, bucket: 0).bucketCount == 1)
        #expect(HealthWindowShape(window: .infinity, bucket: .nan).bucketCount == 30)
        #expect(HealthWindowShape(window: 1e12, bucket: 1).bucketCount == HealthWindowShape.maxBuckets)
        #expect(HealthWindowShape(window: 10, bucket: 60).duration == 60, "a window is at least one bucket")
    }

    @Test func oldIntervalsExpireAsTheWindowMoves() {
        // 2 minutes in 30 s buckets. t0 starts an interval.
        var m = AgentMetrics(shape: HealthWindowShape(window: 120, bucket: 30))
        m.recordPoll(ok: true, latency: 0.100, at: t0)
        m.recordPoll(ok: false, latency: nil, at: t0.addingTimeInterval(31))
        m.recordPoll(ok: true, latency: 0.300, at: t0.addingTimeInterval(95))
        var s = m.summary(now: t0.addingTimeInterval(100))
        #expect(s.polls == 3 && s.pollsFailed == 1)
        #expect(s.latencyP50 == 0.100 && s.latencyP99 == 0.300)
        #expect(s.latencyPulse == [0.100, 0, 0, 0.300] && s.pollFailedPulse == [0, 1, 0, 0])
        // At 120 s the first interval (0..<30) has left the window.
        s = m.summary(now: t0.addingTimeInterval(120))
        #expect(s.polls == 2 && s.latencyP50 == 0.300)
        #expect(s.pollFailedPulse == [1, 0, 0, 0])
        // Long after, nothing is left, whatever was recorded.
        s = m.summary(now: t0.addingTimeInterval(3600))
        #expect(s.polls == 0 && s.latencyP50 == nil && s.okPulse == [0, 0, 0, 0])
    }

    @Test func memoryStaysBoundedWhateverTheUptime() {
        var m = AgentMetrics(shape: HealthWindowShape(window: 300, bucket: 10))
        // A day of a poll every second and a task every second.
        for i in 0..<86_400 {
            let at = t0.addingTimeInterval(Double(i))
            m.recordPoll(ok: i % 10 != 0, latency: Double(i % 100) / 1000, at: at)
            m.recordTask(TaskOutcome(ending: .completed, duration: Double(i % 60), skill: "s\(i % 50)", finishedAt: at))
        }
        let buckets = m.window.buckets(endingAt: t0.addingTimeInterval(86_399))
        #expect(buckets.count == 30)
        for b in buckets {
            #expect(b.latencies.values.count <= HealthBucket.latencyCapacity)
            #expect(b.durations.values.count <= HealthBucket.durationCapacity)
            #expect(b.skills.counts.count <= SkillCounts.maxSkills)
        }
        let s = m.summary(now: t0.addingTimeInterval(86_399), detailed: true)
        #expect(s.completed == 300, "one task a second over the 300 s window")
        #expect(s.tasksPerMinute == 60)
        #expect(s.polls == 300 && s.pollsFailed == 30)
    }

    @Test func aClockSteppingBackForgetsTheFuture() {
        var m = AgentMetrics(shape: HealthWindowShape(window: 120, bucket: 30))
        m.recordPoll(ok: true, latency: 0.1, at: t0.addingTimeInterval(3600))
        m.recordPoll(ok: true, latency: 0.2, at: t0)
        #expect(m.summary(now: t0).polls == 1)
        #expect(m.summary(now: t0.addingTimeInterval(3600)).polls == 0)
        // A small step back stays in its interval.
        m.recordPoll(ok: true, latency: 0.3, at: t0.addingTimeInterval(-31))
        #expect(m.summary(now: t0).polls == 2)
    }

    // MARK: summaries from known sequences

    @Test func summaryFromAKnownSequence() {
        var m = AgentMetrics(shape: .standard)
        let outcomes: [(TaskOutcome.Ending, TimeInterval, String?)] = [
            (.completed, 10, "summarize"), (.completed, 20, "summarize"), (.failed, 5, "search"),
            (.completed, 40, nil), (.canceled, 1, "summarize"), (.rejected, 0, "search"), (.completed, 30, "search"),
            (.completed, 50, "summarize"),
        ]
        for (i, o) in outcomes.enumerated() {
            m.recordTask(TaskOutcome(ending: o.0, duration: o.1, skill: o.2, finishedAt: t0.addingTimeInterval(Double(i) * 60)))
        }
        // Watched for 8 minutes (t0 to t0 + 480).
        let s = m.summary(now: t0.addingTimeInterval(480), detailed: true)
        #expect(s.completed == 5 && s.failed == 1 && s.canceled == 1 && s.rejected == 1 && s.finished == 8)
        #expect(s.successRate == 5.0 / 8.0)
        #expect(s.tasksPerMinute == 1)
        // Durations sorted: 0 1 5 10 20 30 40 50 → p50 rank 4 = 10, p95 rank 8 = 50.
        #expect(s.durationP50 == 10 && s.durationP95 == 50)
        #expect(s.skills == [SkillCount(skill: "summarize", count: 4), SkillCount(skill: "search", count: 3)])
        #expect(s.okPulse.reduce(0, +) == 5 && s.failedPulse.reduce(0, +) == 3)
        #expect(s.okPulse.count == 30)
        // The last interval holds the last task (completed at t0 + 420 → 14 intervals back from t0 + 480).
        // Task i finished in interval 13 + 2i of the window (t0 is 13 intervals after its start).
        #expect(s.okPulse.indices.filter { s.okPulse[$0] > 0 } == [13, 15, 19, 25, 27])
        #expect(s.failedPulse.indices.filter { s.failedPulse[$0] > 0 } == [17, 21, 23])
        // A summary for a row leaves out what only the detail shows.
        let row = m.summary(now: t0.addingTimeInterval(480))
        #expect(row.durationP50 == nil && row.skills.isEmpty && row.successRate == s.successRate)
    }

    @Test func ratesDivideByTheTimeWatchedNotTheWholeWindow() {
        var m = AgentMetrics(shape: .standard)
        m.recordPoll(ok: true, latency: 0.05, at: t0)
        m.recordTask(TaskOutcome(ending: .completed, duration: 1, skill: nil, finishedAt: t0.addingTimeInterval(60)))
        m.recordTask(TaskOutcome(ending: .completed, duration: 1, skill: nil, finishedAt: t0.addingTimeInterval(90)))
        #expect(m.summary(now: t0.addingTimeInterval(120)).tasksPerMinute == 1, "2 tasks in the 2 minutes watched")
        // The first seconds count as one whole interval (30 s), not as a rate of thousands.
        var fresh = AgentMetrics(shape: .standard)
        fresh.recordTask(TaskOutcome(ending: .completed, duration: 1, skill: nil, finishedAt: t0))
        #expect(fresh.summary(now: t0.addingTimeInterval(1)).tasksPerMinute == 2)
    }

    @Test func fleetTotalsAddTheAgentsUp() {
        var a = HealthSummary(window: 900, bucketDuration: 30)
        a.completed = 3
        a.failed = 1
        a.tasksPerMinute = 0.5
        a.polls = 10
        var b = HealthSummary(window: 900, bucketDuration: 30)
        b.completed = 1
        b.tasksPerMinute = 0.25
        b.polls = 10
        b.pollsFailed = 2
        let fleet = FleetHealth([a, b])
        #expect(fleet.finished == 5 && fleet.completed == 4 && fleet.successRate == 0.8)
        #expect(fleet.tasksPerMinute == 0.75 && fleet.polls == 20 && fleet.pollsFailed == 2)
        #expect(FleetHealth([]).successRate == nil)
    }

    // MARK: which tasks count

    @Test func onlyTasksWatchedRunningCount() {
        let key = TaskKey(agentID: alice, taskID: "t1")
        func status(_ s: TaskState) -> StreamEvent {
            .status(StatusUpdate(taskID: "t1", status: TaskStatus(state: s)))
        }
        // Found by a list poll already completed: says nothing about the window.
        var found = TaskEntry(key: key, origin: .discovered, now: t0)
        found.apply(status(.completed), now: t0)
        #expect(TaskOutcome(finished: found) == nil)
        // Found running, completed later: counted, from when we first saw it.
        var watched = TaskEntry(key: key, origin: .discovered, now: t0)
        watched.apply(status(.working), now: t0)
        watched.apply(status(.completed), now: t0.addingTimeInterval(12))
        #expect(TaskOutcome(finished: watched) == TaskOutcome(ending: .completed, duration: 12, skill: nil, finishedAt: t0.addingTimeInterval(12)))
        // Dispatched from here: always counted, even when the first answer is the last.
        var sent = TaskEntry(key: key, origin: .dispatched, skillID: "search", now: t0)
        sent.apply(status(.rejected), now: t0.addingTimeInterval(2))
        #expect(TaskOutcome(finished: sent)?.ending == .rejected && TaskOutcome(finished: sent)?.skill == "search")
        // An agent flipping a finished task back to working and to completed again: counted once.
        var flipped = sent
        flipped.apply(status(.working), now: t0.addingTimeInterval(3))
        flipped.apply(status(.completed), now: t0.addingTimeInterval(4))
        #expect(flipped.state == .completed && TaskOutcome(finished: flipped) == nil)
        // Not finished: nothing.
        var running = TaskEntry(key: key, origin: .dispatched, now: t0)
        running.apply(status(.inputRequired), now: t0)
        #expect(TaskOutcome(finished: running) == nil)
    }
}
