import Foundation

/// An agent's health over the window, ready to show: card-poll latency, task throughput and
/// success, durations, skills, and per-interval pulses (oldest first, one per interval).
public struct HealthSummary: Sendable, Hashable {
    public var window: TimeInterval
    public var bucketDuration: TimeInterval

    public var polls = 0
    public var pollsFailed = 0
    /// Over the polls that answered; nil when none did in the window.
    public var latencyP50: TimeInterval?
    public var latencyP99: TimeInterval?

    public var completed = 0
    public var failed = 0
    public var canceled = 0
    public var rejected = 0
    /// Finished tasks per minute of watched window.
    public var tasksPerMinute: Double = 0
    /// Completed over all finished, 0…1; nil before any task finished in the window.
    public var successRate: Double?

    /// Only in a detailed summary.
    public var durationP50: TimeInterval?
    public var durationP95: TimeInterval?
    /// Busiest first; only in a detailed summary.
    public var skills: [SkillCount] = []
    /// Runs of skills beyond the distinct names kept.
    public var otherSkills = 0

    /// Tasks completed per interval.
    public var okPulse: [Int] = []
    /// Tasks that ended otherwise (failed, canceled, rejected) per interval.
    public var failedPulse: [Int] = []
    /// Mean answered-poll latency per interval (0 where none answered).
    public var latencyPulse: [Double] = []
    /// Polls that failed per interval.
    public var pollFailedPulse: [Int] = []

    public var finished: Int { completed + failed + canceled + rejected }

    /// Finished tasks per minute of a watched span.
    static func tasksPerMinute(finished: Int, watched: TimeInterval) -> Double {
        watched > 0 ? Double(finished) / (watched / 60) : 0
    }

    public init(window: TimeInterval, bucketDuration: TimeInterval) {
        self.window = window
        self.bucketDuration = bucketDuration
    }

    /// `settledPolls`: the answered polls (their count, latency percentiles and latency pulse)
    /// of the interval still running are left out, so those figures move at interval boundaries
    /// rather than on every poll (an idle console is meant to write nothing between them).
    /// Before any earlier interval has a poll they are included, so a console just started is
    /// not blank for an interval. Failed polls and tasks always count at once: they are news.
    init(buckets: [HealthBucket], shape: HealthWindowShape, watched: TimeInterval, detailed: Bool, settledPolls: Bool = false) {
        self.init(window: shape.duration, bucketDuration: shape.bucketDuration)
        var latencies: [BoundedSamples] = []
        var durations: [BoundedSamples] = []
        var skillCounts = SkillCounts()
        let running = buckets.count - 1
        let pollsRunningInterval = !settledPolls || buckets.dropLast().allSatisfy { $0.pollsOK + $0.pollsFailed == 0 }
        for (index, b) in buckets.enumerated() {
            completed += b.completed
            failed += b.failed
            canceled += b.canceled
            rejected += b.rejected
            okPulse.append(b.completed)
            failedPulse.append(b.notCompleted)
            if detailed {
                if !b.durations.values.isEmpty { durations.append(b.durations) }
                skillCounts.add(b.skills)
            }
            polls += b.pollsFailed
            pollsFailed += b.pollsFailed
            pollFailedPulse.append(b.pollsFailed)
            guard index < running || pollsRunningInterval else {
                latencyPulse.append(0)
                continue
            }
            polls += b.pollsOK
            if !b.latencies.values.isEmpty {
                latencies.append(b.latencies)
                latencyPulse.append(b.latencies.values.reduce(0, +) / Double(b.latencies.values.count))
            } else {
                latencyPulse.append(0)
            }
        }
        let latency = BoundedSamples.percentiles(latencies, [50, 99])
        latencyP50 = latency[0]
        latencyP99 = latency[1]
        successRate = finished == 0 ? nil : Double(completed) / Double(finished)
        tasksPerMinute = Self.tasksPerMinute(finished: finished, watched: watched)
        if detailed {
            let duration = BoundedSamples.percentiles(durations, [50, 95])
            durationP50 = duration[0]
            durationP95 = duration[1]
            skills = skillCounts.ranked
            otherSkills = skillCounts.others
        }
    }
}
