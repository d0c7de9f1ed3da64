/// How big one piece of a split is.
///
/// Fixed and percent pieces are sized first, in order, as long as space remains; `fill` pieces
/// share what is left by weight. Sizes always add up to at most the space available, so a
/// small terminal shrinks the later pieces instead of overflowing.
public enum Constraint: Hashable, Sendable {
    /// Exactly this many cells (or what is left).
    case fixed(Int)
    /// This percentage of the whole length.
    case percent(Int)
    /// A share of the remaining space, proportional to the weight.
    case fill(Int = 1)

    /// Sizes and offsets of each piece along a length of `total` with `spacing` between pieces.
    public static func sizes(_ constraints: [Constraint], total: Int, spacing: Int = 0) -> [(offset: Int, size: Int)] {
        guard !constraints.isEmpty else { return [] }
        let gap = max(0, spacing)
        var remaining = max(0, total - gap * (constraints.count - 1))
        var sizes = Array(repeating: 0, count: constraints.count)
        var fillWeights = 0
        for (index, constraint) in constraints.enumerated() {
            switch constraint {
            case .fixed(let size):
                sizes[index] = min(max(0, size), remaining)
                remaining -= sizes[index]
            case .percent(let percent):
                sizes[index] = min(max(0, total * min(percent, 100) / 100), remaining)
                remaining -= sizes[index]
            case .fill(let weight):
                fillWeights += max(0, weight)
            }
        }
        if fillWeights > 0 {
            let shared = remaining
            var given = 0
            for (index, constraint) in constraints.enumerated() {
                if case .fill(let weight) = constraint {
                    sizes[index] = shared * max(0, weight) / fillWeights
                    given += sizes[index]
                }
            }
            // Rounding leftovers go to the first fill pieces, one cell each.
            var leftover = shared - given
            for (index, constraint) in constraints.enumerated() where leftover > 0 {
                if case .fill(let weight) = constraint, weight > 0 {
                    sizes[index] += 1
                    leftover -= 1
                }
            }
        }
        var offset = 0
        return sizes.map { size in
            defer { offset += size + gap }
            return (offset, size)
        }
    }
}
