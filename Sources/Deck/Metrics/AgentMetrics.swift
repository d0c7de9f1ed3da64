import Foundation

/// One agent's health over the rolling window: fed by `update` when a card poll ends and when
/// a task becomes terminal, read through `summary(now:)`. Bounded whatever the uptime.
public struct AgentMetrics: Sendable, Hashable {
    public private(set) var window: RollingWindow
    /// The first thing recorded: before the window has filled, rates are per time watched.
    public private(set) var watchingSince: Date?
    /// The plain settled summary (what the agents pane shows) for the interval last recorded into. Every frame asks for every agent's
    /// summary (30 buckets merged and its latencies sorted, for each of 100 agents), while between
    /// two records only the rate's divisor moves: an idle dashboard spent most of its frames here.
    /// Derived data, left out of `==` and the hash.
    private var cached: CachedSummary?

    struct CachedSummary: Sendable {
        var interval: Int
        var summary: HealthSummary
    }

    public init(shape: HealthWindowShape = .standard) { window = RollingWindow(shape: shape) }

    public var shape: HealthWindowShape { window.shape }

    /// A card poll ended: answered (200 or 304, with its latency) or not.
    public mutating func recordPoll(ok: Bool, latency: TimeInterval?, at date: Date) {
        note(date)
        window.record(at: date) { $0.recordPoll(ok: ok, latency: latency) }
        refreshCache(at: date)
    }

    /// A task we watched ended.
    public mutating func recordTask(_ outcome: TaskOutcome) {
        note(outcome.finishedAt)
        window.record(at: outcome.finishedAt) { $0.record(outcome) }
        refreshCache(at: outcome.finishedAt)
    }

    private mutating func note(_ date: Date) {
        if watchingSince.map({ date < $0 }) ?? true { watchingSince = date }
    }

    private mutating func refreshCache(at date: Date) {
        cached = shape.interval(of: date).map { CachedSummary(interval: $0, summary: computedSummary(now: date, detailed: false, settledPolls: true)) }
    }

    /// The window ending at `now`. `detailed` adds what only the agent detail shows (task
    /// durations and skills), which costs a sort of up to a few thousand samples.
    /// `settledPolls` leaves the running interval out of the poll figures (see `HealthSummary`):
    /// what the screen shows, so that an uneventful poll changes nothing on it.
    public func summary(now: Date, detailed: Bool = false, settledPolls: Bool = false) -> HealthSummary {
        // Everything but the rate depends on `now` only through the interval it falls in.
        if !detailed, settledPolls, let cached, let interval = shape.interval(of: now), interval == cached.interval {
            var summary = cached.summary
            summary.tasksPerMinute = HealthSummary.perMinute(summary.finished, watched: watchedSpan(now: now))
            return summary
        }
        return computedSummary(now: now, detailed: detailed, settledPolls: settledPolls)
    }

    /// The summary computed from the buckets, never from the cache (the reference the cache is
    /// checked against).
    func computedSummary(now: Date, detailed: Bool, settledPolls: Bool = false) -> HealthSummary {
        HealthSummary(buckets: window.buckets(endingAt: now), shape: shape, watched: watchedSpan(now: now), detailed: detailed, settledPolls: settledPolls)
    }

    /// How much of the window we have watched: rates divide by this, so a dashboard open for
    /// two minutes does not report a fifteenth of the real rate. At least one interval, so the
    /// first seconds do not give absurd rates.
    func watchedSpan(now: Date) -> TimeInterval {
        let since = watchingSince.map { now.timeIntervalSince($0) } ?? 0
        return min(shape.duration, max(shape.bucketDuration, since))
    }

    public static func == (a: AgentMetrics, b: AgentMetrics) -> Bool {
        a.window == b.window && a.watchingSince == b.watchingSince
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(window)
        hasher.combine(watchingSince)
    }
}
