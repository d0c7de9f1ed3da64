import Seeded

/// Seeded ids: message ids, placeholder ids and backoff jitter come from here so that `update`
/// stays a pure function of (state, msg, now) and tests can replay a run exactly. A
/// `RandomNumberGenerator` over the shared `SplitMix64`, so seeded tests draw the same values.
public struct IDGenerator: RandomNumberGenerator, Sendable, Hashable {
    private var random: SplitMix64

    public init(seed: UInt64) { random = SplitMix64(seed: seed) }

    public mutating func next() -> UInt64 { random.next() }

    /// A uniform value in [0, 1).
    public mutating func unit() -> Double { random.unit() }

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
