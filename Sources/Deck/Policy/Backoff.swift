import Foundation

/// Delays between attempts to reattach a dropped stream: doubling from `base` up to `cap`, with
/// ±20 % jitter so many tasks dropped by one agent restart do not come back in lockstep.
/// The jitter value comes in (from the state's seeded generator): this stays a pure function.
struct Backoff: Sendable, Hashable {
    var base: TimeInterval = 1
    var cap: TimeInterval = 30
    /// After this many failed attempts in a row we stop and say so.
    var maxAttempts = 8

    /// - Parameters:
    ///   - attempt: 1 for the first retry.
    ///   - unit: a value in [0, 1).
    func delay(attempt: Int, unit: Double) -> TimeInterval {
        let exponent = Double(max(0, min(attempt - 1, 16)))
        let raw = min(cap, base * pow(2, exponent))
        return raw * (0.8 + 0.4 * min(max(unit, 0), 1))
    }
}
