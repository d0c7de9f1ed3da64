import Seeded
import Testing

/// The shared generator must be SplitMix64 exactly: the app's ids, the fleet's reports and every
/// seeded test depend on a seed meaning the same sequence on every machine.
@Suite struct SplitMix64Tests {
    /// The first outputs for seed 1234567 of the reference implementation (Vigna, splitmix64.c).
    @Test func matchesTheReferenceSequence() {
        var random = SplitMix64(seed: 1_234_567)
        let first = (0..<5).map { _ in random.next() }
        #expect(first == [6_457_827_717_110_365_317, 3_203_168_211_198_807_973, 9_817_491_932_198_370_423,
                          4_593_380_528_125_082_431, 16_408_922_859_458_223_821])
    }

    @Test func belowAndUnitStayInTheirRanges() {
        var random = SplitMix64(seed: 9)
        var seen = Set<Int>()
        for _ in 0..<10_000 {
            let value = random.below(7)
            #expect((0..<7).contains(value))
            seen.insert(value)
            let unit = random.unit()
            #expect(unit >= 0 && unit < 1)
        }
        #expect(seen.count == 7)
    }

    @Test func copiesReplayTheSameValues() {
        var a = SplitMix64(seed: 42)
        _ = a.next()
        var b = a
        #expect((0..<100).map { _ in a.next() } == (0..<100).map { _ in b.next() })
        #expect(a == b)
    }
}
