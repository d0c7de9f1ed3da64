/// Exact percentiles by nearest rank: the answer is always one of the samples, never an
/// interpolation, so `p99 48ms` means some poll really took 48 ms.
public enum Percentile {
    /// A sample and how many observations it stands for (more than one once a bucket had to
    /// thin its samples, see `BoundedSamples`).
    public struct Weighted: Sendable, Hashable {
        public var value: Double
        public var weight: Int
        public init(_ value: Double, weight: Int = 1) {
            self.value = value
            self.weight = weight
        }
    }

    /// The smallest value with at least `p`% of the total weight at or below it; nil when empty.
    /// `p` is clamped to 0…100.
    public static func nearestRank(_ samples: [Weighted], _ p: Double) -> Double? {
        nearestRanks(samples, [p])[0]
    }

    /// Several percentiles from one sort (a frame asks for p50 and p99 of every agent).
    public static func nearestRanks(_ samples: [Weighted], _ ps: [Double]) -> [Double?] {
        let sorted = samples.filter { $0.weight > 0 && $0.value.isFinite }.sorted { $0.value < $1.value }
        guard !sorted.isEmpty else { return ps.map { _ in nil } }
        let total = sorted.reduce(0) { $0 + $1.weight }
        return ps.map { p in
            let fraction = min(100, max(0, p.isFinite ? p : 0)) / 100
            // Rank 1 at least: p0 is the minimum.
            let rank = max(1, Int((fraction * Double(total)).rounded(.up)))
            var seen = 0
            for sample in sorted {
                seen += sample.weight
                if seen >= rank { return sample.value }
            }
            return sorted.last?.value
        }
    }

    /// Unweighted: the value of rank ⌈p·n⌉ (at least 1) among the finite values.
    public static func nearestRank(_ values: [Double], _ p: Double) -> Double? { nearestRanks(values, [p])[0] }

    public static func nearestRanks(_ values: [Double], _ ps: [Double]) -> [Double?] {
        let sorted = values.filter { $0.isFinite }.sorted()
        guard !sorted.isEmpty else { return ps.map { _ in nil } }
        return ps.map { p in
            let fraction = min(100, max(0, p.isFinite ? p : 0)) / 100
            let rank = max(1, Int((fraction * Double(sorted.count)).rounded(.up)))
            return sorted[min(sorted.count, rank) - 1]
        }
    }
}
