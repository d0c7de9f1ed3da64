import Seeded
import Testing

/// The seeded prose the fleet's reports and the memory benchmark carry.
@Suite struct ProseTextTests {
    /// FNV-1a of the bytes.
    static func digest(_ text: String) -> UInt64 { ProseText.seed(for: text) }

    /// The recorded memory figures (BENCHMARKS.md) were measured with this exact text: a change to
    /// the generator changes what those figures mean, so it must be a deliberate one (update the
    /// digest and say so in BENCHMARKS.md).
    @Test func theTextIsTheOneTheRecordedFiguresUsed() {
        #expect(Self.digest(ProseText.make(bytes: 4_096, seed: 7)) == Self.recordedDigest)
    }

    @Test func lengthIsExactAndSeedsDiffer() {
        for bytes in [1, 17, 4_096, 10_000] {
            #expect(ProseText.make(bytes: bytes, seed: 3).utf8.count == bytes)
        }
        #expect(ProseText.make(bytes: 0, seed: 3).isEmpty)
        #expect(ProseText.make(bytes: 512, seed: 3) != ProseText.make(bytes: 512, seed: 4))
        #expect(ProseText.make(bytes: 512, seed: 3) == ProseText.make(bytes: 512, seed: 3))
    }

    @Test func itIsWordsNotOneRepeatedLetter() {
        let text = ProseText.make(bytes: 4_096, seed: 7)
        #expect(text.utf8.allSatisfy { $0 < 0x80 })
        #expect(Set(text.split(separator: " ")).count > 200)
    }

    /// Computed from the generator as it was before it moved here (FleetKit's and the bench's
    /// copies), and by an independent Python port of it.
    static let recordedDigest: UInt64 = 2_058_774_463_828_456_394
}
