import Foundation

/// The replay's pace: recorded time advances `speed` times as fast as real time, except while
/// paused. Instants are passed in, so the arithmetic is testable without waiting.
struct JournalReplayClock {
    let speed: Double
    private var started: ContinuousClock.Instant
    private var pausedAt: ContinuousClock.Instant?

    init(speed: Double, startingAt start: ContinuousClock.Instant) {
        self.speed = speed
        started = start
    }

    var isPaused: Bool { pausedAt != nil }

    /// Recorded seconds played by `now`.
    func played(at now: ContinuousClock.Instant) -> Double {
        let elapsed = (pausedAt ?? now) - started
        return Self.seconds(elapsed) * speed
    }

    /// The real instant at which `recordedOffset` seconds will have played (nil while paused).
    func instant(forRecorded recordedOffset: Double) -> ContinuousClock.Instant? {
        guard pausedAt == nil else { return nil }
        return started.advanced(by: .milliseconds(Int64(max(0, min(recordedOffset / speed, 1e9)) * 1000)))
    }

    mutating func togglePause(at now: ContinuousClock.Instant) {
        if let pausedAt {
            started = started.advanced(by: now - pausedAt)
            self.pausedAt = nil
        } else {
            pausedAt = now
        }
    }

    static func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
}
