import Testing

@testable import Deck

/// The frame orders only the rows it shows; those rows must be exactly what a full sort puts there.
@Suite struct PartialSortTests {
    @Test(arguments: [0, 1, 2, 17, 100, 1000])
    func windowMatchesAFullSort(count: Int) {
        var seed: UInt64 = UInt64(count) &+ 7
        func next() -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(seed >> 40)
        }
        // Few distinct values: ties everywhere, broken by the second field like the task key does.
        let values = (0..<count).map { i in (next() % 5, i) }
        let sorted = values.sorted { $0 < $1 }
        for window in [0..<count, 0..<min(count, 3), (count / 2)..<min(count, count / 2 + 10), max(0, count - 4)..<count] {
            var copy = values
            copy.partiallySort(window, by: { $0 < $1 })
            let clamped = window.clamped(to: 0..<count)
            #expect(copy[clamped].map(\.1) == sorted[clamped].map(\.1))
            #expect(copy.map(\.1).sorted() == Array(0..<count))
        }
    }
}
