/// SplitMix64 (Steele, Lea, Flood 2014): a tiny seeded generator that gives the same values on
/// every run and machine. The one copy the app's ids, the fleet's text, the benchmarks and the
/// seeded tests all draw from, so a seed means the same thing everywhere.
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// The finaliser alone: a bijective mix in which every output bit depends on every input bit
    /// (also what the Deck's stored hashes are spread with). Inlinable: it sits on hot paths.
    @inlinable @inline(__always)
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in 0..<bound (`bound` > 0). Plain modulo: the bias is below 2⁻⁵⁰ for the small
    /// bounds used here, and it keeps the sequence the same as the generators this replaced.
    public mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    /// A uniform value in [0, 1).
    public mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
