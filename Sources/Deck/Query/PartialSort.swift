extension Array {
    /// Puts, at the positions `wanted`, the elements that a full sort would put there, in order;
    /// the rest of the array ends up in no particular order. Quickselect that only descends into
    /// the parts overlapping `wanted`: O(n + w log w) expected for a window of w rows out of n,
    /// where a full sort costs O(n log n). `areInIncreasingOrder` must be a strict total order.
    mutating func partiallySort(_ wanted: Range<Int>, by areInIncreasingOrder: (Element, Element) -> Bool) {
        let wanted = wanted.clamped(to: 0..<count)
        guard !wanted.isEmpty else { return }
        // Beyond this depth the pivots are behaving badly: sort what is left instead (introsort's guard).
        var depthLimit = 2
        var n = count
        while n > 1 {
            depthLimit += 2
            n /= 2
        }
        withUnsafeMutableBufferPointer { buffer in
            Self.select(buffer, 0..<buffer.count, wanted, depthLimit, areInIncreasingOrder)
        }
    }

    private static func select(
        _ a: UnsafeMutableBufferPointer<Element>, _ range: Range<Int>, _ wanted: Range<Int>, _ depth: Int,
        _ less: (Element, Element) -> Bool
    ) {
        var range = range
        var depth = depth
        while range.count > 1, range.overlaps(wanted) {
            if range.count <= 16 || depth == 0 || wanted.contains(range.lowerBound) && wanted.contains(range.upperBound - 1) {
                a[range].sort(by: less)
                return
            }
            depth -= 1
            let split = partition(a, range, less)
            // Recurse into the smaller side, loop on the other: the stack stays O(log n).
            let left = range.lowerBound..<split
            let right = (split + 1)..<range.upperBound
            if left.count < right.count {
                select(a, left, wanted, depth, less)
                range = right
            } else {
                select(a, right, wanted, depth, less)
                range = left
            }
        }
    }

    /// Lomuto partition around the median of the first, middle and last elements; returns where
    /// the pivot ended up (everything before it is smaller, everything after it larger).
    private static func partition(
        _ a: UnsafeMutableBufferPointer<Element>, _ range: Range<Int>, _ less: (Element, Element) -> Bool
    ) -> Int {
        let lo = range.lowerBound
        let hi = range.upperBound - 1
        let mid = lo + (hi - lo) / 2
        if less(a[mid], a[lo]) { a.swapAt(mid, lo) }
        if less(a[hi], a[lo]) { a.swapAt(hi, lo) }
        if less(a[hi], a[mid]) { a.swapAt(hi, mid) }
        // The median now sits at mid: park it at the end as the pivot.
        a.swapAt(mid, hi)
        var store = lo
        for i in lo..<hi where less(a[i], a[hi]) {
            a.swapAt(i, store)
            store += 1
        }
        a.swapAt(store, hi)
        return store
    }
}
