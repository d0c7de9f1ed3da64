import Foundation

/// When the UI thread wakes for the Deck's deadlines. 100 agents polled every 2 s each keep their
/// own deadline, staggered by their answers' arrival: waking for each one is 50 wake-ups (and
/// as many batches of commands) a second. Rounding the wake-up up to a coarse grid fires all the
/// deadlines due by then together, and the answers to the polls sent together come back
/// together, so the next round stays on the same few grid points. A deadline is served at most
/// one grid step late.
struct DeadlineGrid {
    /// Seconds between grid points.
    let step: TimeInterval

    static let standard = DeadlineGrid(step: 0.25)

    /// The first grid point at or after `deadline` (grid points are multiples of `step` since 1970,
    /// so every deadline in the same step lands on the same instant).
    func wakeUp(for deadline: Date) -> Date {
        guard step > 0, deadline.timeIntervalSince1970.isFinite else { return deadline }
        let steps = (deadline.timeIntervalSince1970 / step).rounded(.up)
        return Date(timeIntervalSince1970: steps * step)
    }
}
