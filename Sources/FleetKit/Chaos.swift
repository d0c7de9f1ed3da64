/// Fault injection for load runs. Each probability is in 0...1 and drawn per request.
public struct Chaos: Sendable, Equatable {
    /// Close the connection without answering.
    public var drop: Double = 0
    /// Answer 503 (or 500) instead of serving.
    public var serverError: Double = 0
    /// Answer only after a pause of `slowDelay` seconds.
    public var slow: Double = 0
    public var slowDelay: Double = 3

    public init(drop: Double = 0, serverError: Double = 0, slow: Double = 0, slowDelay: Double = 3) {
        self.drop = Self.clamp(drop)
        self.serverError = Self.clamp(serverError)
        self.slow = Self.clamp(slow)
        self.slowDelay = min(max(slowDelay, 0), 30)
    }

    public static let none = Chaos()

    public enum Outcome: Equatable, Sendable { case serve, drop, serverError(Int), slow(Double) }

    /// Draw what happens to one request; `roll` yields uniform numbers in 0..<1.
    public func draw(_ roll: () -> Double) -> Outcome {
        if drop > 0, roll() < drop { return .drop }
        if serverError > 0, roll() < serverError { return .serverError(roll() < 0.8 ? 503 : 500) }
        if slow > 0, roll() < slow { return .slow(slowDelay) }
        return .serve
    }

    private static func clamp(_ p: Double) -> Double { p.isFinite ? min(max(p, 0), 1) : 0 }
}
