/// What happened to one agent during one interval of the rolling window.
public struct HealthBucket: Sendable, Hashable {
    /// Latencies kept per interval: polls come every few seconds at most, so this is exact
    /// unless the poll interval is made tiny.
    public static let latencyCapacity = 32
    /// Task durations kept per interval; beyond this the sample thins (see `BoundedSamples`).
    public static let durationCapacity = 64

    /// Which interval this is: seconds since 1970 divided by the bucket length, rounded down.
    public internal(set) var interval: Int
    public var pollsOK = 0
    public var pollsFailed = 0
    /// Latencies of the polls that answered.
    public var latencies = BoundedSamples(capacity: latencyCapacity)
    public var completed = 0
    public var failed = 0
    public var canceled = 0
    public var rejected = 0
    public var durations = BoundedSamples(capacity: durationCapacity)
    public var skills = SkillCounts()

    public init(interval: Int) { self.interval = interval }

    /// Tasks that ended in any way.
    public var finished: Int { completed + failed + canceled + rejected }
    /// Tasks that ended some other way than completed: the "failed" side of the pulse.
    public var notCompleted: Int { failed + canceled + rejected }

    public var isEmpty: Bool { pollsOK == 0 && pollsFailed == 0 && finished == 0 }

    mutating func record(_ outcome: TaskOutcome) {
        switch outcome.ending {
        case .completed: completed += 1
        case .failed: failed += 1
        case .canceled: canceled += 1
        case .rejected: rejected += 1
        }
        durations.add(outcome.duration)
        if let skill = outcome.skill, !skill.isEmpty { skills.add(skill) }
    }

    mutating func recordPoll(ok: Bool, latency: Double?) {
        if ok { pollsOK += 1 } else { pollsFailed += 1 }
        if ok, let latency { latencies.add(latency) }
    }
}
