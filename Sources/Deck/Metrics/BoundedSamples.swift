/// At most `capacity` values of a series, for exact percentiles while the series is small and a
/// fair thinned sample once it is not. Thinning is systematic, not random: beyond the capacity
/// every other kept value goes and the stride doubles, so the kept values are those whose
/// arrival number is a multiple of `stride`, spread evenly over the whole interval. Each kept
/// value then stands for `stride` observations when buckets are merged.
public struct BoundedSamples: Sendable, Hashable {
    public let capacity: Int
    public private(set) var values: [Double] = []
    /// Every `stride`-th observation is kept.
    public private(set) var stride = 1
    /// Observations offered (non-finite and negative ones are refused and not counted).
    public private(set) var observed = 0

    public init(capacity: Int) { self.capacity = max(2, capacity) }

    public mutating func add(_ value: Double) {
        // Durations and latencies are measured here, but a clock step could still make one
        // negative: such a value says nothing and would sort first.
        guard value.isFinite, value >= 0 else { return }
        defer { observed += 1 }
        guard observed % stride == 0 else { return }
        values.append(value)
        if values.count > capacity {
            values = values.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
            stride *= 2
        }
    }

    /// The kept values, each weighted by the stride it was kept at.
    public var weighted: [Percentile.Weighted] { values.map { Percentile.Weighted($0, weight: stride) } }

    /// Percentiles over several sample sets together (the buckets of a window), each value
    /// weighted by its set's stride. Plain values when nothing was thinned: the usual case,
    /// and several times cheaper (it runs for every agent on every frame).
    public static func percentiles(_ sets: [BoundedSamples], _ ps: [Double]) -> [Double?] {
        if sets.allSatisfy({ $0.stride == 1 }) {
            var all: [Double] = []
            all.reserveCapacity(sets.reduce(0) { $0 + $1.values.count })
            for set in sets { all += set.values }
            return Percentile.nearestRanks(all, ps)
        }
        var weighted: [Percentile.Weighted] = []
        for set in sets { weighted += set.weighted }
        return Percentile.nearestRanks(weighted, ps)
    }
}
