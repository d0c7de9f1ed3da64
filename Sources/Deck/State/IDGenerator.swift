/// A seeded SplitMix64: message ids, placeholder ids and backoff jitter come from here so that
/// `update` stays a pure function of (state, msg, now) and tests can replay a run exactly. Also a
/// `RandomNumberGenerator`, so seeded tests draw from it rather than from copies of it.
public struct IDGenerator: RandomNumberGenerator, Sendable, Hashable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform value in [0, 1).
    public mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// A version-4-shaped UUID string, as agents expect message ids to look.
    public mutating func uuid() -> String {
        let hi = next(), lo = next()
        var bytes = (0..<8).map { UInt8(truncatingIfNeeded: hi >> (8 * $0)) }
            + (0..<8).map { UInt8(truncatingIfNeeded: lo >> (8 * $0)) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { byte in
            let s = String(byte, radix: 16)
            return s.count == 1 ? "0" + s : s
        }
        return [hex[0..<4], hex[4..<6], hex[6..<8], hex[8..<10], hex[10..<16]].map { $0.joined() }.joined(separator: "-")
    }
}
