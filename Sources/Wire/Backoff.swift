import Foundation

/// Reconnect delays: exponential growth with "full jitter" (a uniform random delay between 0
/// and the current ceiling), capped, reset after a healthy connection. Full jitter spreads a
/// fleet of streams that dropped at the same moment instead of reconnecting them in lockstep.
/// Pure: the random source is a parameter, so tests use a seeded generator.
public struct Backoff: Sendable, Equatable {
    /// Ceiling of the first delay, in seconds.
    public let initial: Double
    /// Largest ceiling, in seconds.
    public let maximum: Double
    public let multiplier: Double
    /// Delays handed out since the last reset.
    public private(set) var attempt: Int = 0

    public init(initial: Double = 0.5, maximum: Double = 30, multiplier: Double = 2) {
        self.initial = initial.isFinite ? max(0, initial) : 0
        self.maximum = maximum.isFinite ? max(self.initial, maximum) : self.initial
        self.multiplier = multiplier.isFinite ? max(1, multiplier) : 1
    }

    /// The upper bound of the delay for a given attempt (0-based): min(maximum, initial × multiplier^attempt).
    public func ceiling(forAttempt attempt: Int) -> Double {
        let grown = initial * pow(multiplier, Double(min(max(0, attempt), 1_000)))
        return grown.isFinite ? min(maximum, grown) : maximum
    }

    /// The next delay in seconds, uniform in 0...ceiling; advances the attempt counter.
    public mutating func nextDelay<Generator: RandomNumberGenerator>(using generator: inout Generator) -> Double {
        let ceiling = ceiling(forAttempt: attempt)
        attempt += 1
        return ceiling > 0 ? Double.random(in: 0...ceiling, using: &generator) : 0
    }

    public mutating func nextDelay() -> Double {
        var generator = SystemRandomNumberGenerator()
        return nextDelay(using: &generator)
    }

    /// Call after a connection proved healthy (e.g. delivered an event).
    public mutating func reset() {
        attempt = 0
    }
}
