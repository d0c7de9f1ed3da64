import Foundation

/// One agent's health over the rolling window: fed by `update` when a card poll ends and when
/// a task becomes terminal, read through `summary(now:)`. Bounded whatever the uptime.
public struct AgentMetrics: Sendable, Hashable {
    public private(set) var window: RollingWindow
    /// The first thing recorded: before the window has filled, rates are per time watched.
    public private(set) var watchingSince: Date?
    /// The last non-detailed summary; replaced (not cleared) on every change, so copies made
    /// before the change keep a memo that still describes them.
    private var memo = SummaryMemo()

    public init(shape: HealthWindowShape = .standard) { window = RollingWindow(shape: shape) }

    public var shape: HealthWindowShape { window.shape }

    /// A card poll ended: answered (200 or 304, with its latency) or not.
    public mutating func recordPoll(ok: Bool, latency: TimeInterval?, at date: Date) {
        // An answered poll the settled figures leave out keeps the memo of its interval: 50
        // polls a second would otherwise recompute 50 agents' summaries a second.
        let kept = ok && answeredPollIsSettled(at: date) ? shape.interval(of: date).flatMap { memo.holds($0) ? memo : nil } : nil
        note(date)
        window.record(at: date) { $0.recordPoll(ok: ok, latency: latency) }
        if let kept { memo = kept }
    }

    /// True when an answered poll at `date` would change no settled summary (`settledPolls`) of
    /// a window ending in `date`'s interval: it lands in the interval still running (not before
    /// one already recorded into), after watching started, and an earlier interval of that
    /// window already holds a poll, so the running interval's answered polls are left out.
    /// Its figures come in at the next interval boundary, with time.
    public func answeredPollIsSettled(at date: Date) -> Bool {
        guard let interval = shape.interval(of: date), let since = watchingSince, since <= date,
              let newest = window.newest, interval >= newest
        else { return false }
        return window.hasPoll(before: interval)
    }

    /// A task we watched ended.
    public mutating func recordTask(_ outcome: TaskOutcome) {
        note(outcome.finishedAt)
        window.record(at: outcome.finishedAt) { $0.record(outcome) }
    }

    private mutating func note(_ date: Date) {
        memo = SummaryMemo()
        if watchingSince.map({ date < $0 }) ?? true { watchingSince = date }
    }

    /// The window ending at `now`. `detailed` adds what only the agent detail shows (task
    /// durations and skills), which costs a sort of up to a few thousand samples.
    /// `settledPolls` leaves the running interval out of the poll figures (see `HealthSummary`):
    /// what the screen shows, so that an uneventful poll changes nothing on it.
    /// The agents pane's summary (plain, settled) depends on `now` only through the interval the
    /// window ends in and the watched span: it is memoized by interval and the rate is recomputed
    /// for the span.
    public func summary(now: Date, detailed: Bool = false, settledPolls: Bool = false) -> HealthSummary {
        guard !detailed, settledPolls, let interval = shape.interval(of: now) else {
            return computedSummary(now: now, detailed: detailed, settledPolls: settledPolls)
        }
        var summary: HealthSummary
        if let kept = memo.summary(endingIn: interval) {
            summary = kept
        } else {
            summary = computedSummary(now: now, detailed: false, settledPolls: true)
            memo.keep(summary, endingIn: interval)
        }
        summary.tasksPerMinute = HealthSummary.tasksPerMinute(finished: summary.finished, watched: watchedSpan(now: now))
        return summary
    }

    /// The summary computed from the buckets, never from the memo (the reference the memo is
    /// checked against in tests).
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
}
