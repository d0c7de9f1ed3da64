import Foundation

/// The last `shape.bucketCount` intervals of one agent, in a ring: recording into a new
/// interval reuses the slot of the one that fell out of the window, so memory stays the same
/// whatever the uptime.
public struct RollingWindow: Sendable, Hashable {
    public let shape: HealthWindowShape
    private var slots: [HealthBucket?]
    /// The latest interval recorded into.
    public private(set) var newest: Int?

    public init(shape: HealthWindowShape) {
        self.shape = shape
        slots = Array(repeating: nil, count: shape.bucketCount)
    }

    /// Changes the bucket of the interval `date` falls in. Events are stamped with the time
    /// they arrive, so one older than the whole window means the clock stepped back: what was
    /// recorded then belongs to a future that will not come, and is forgotten.
    mutating func record(at date: Date, _ change: (inout HealthBucket) -> Void) {
        guard let interval = shape.interval(of: date) else { return }
        if let newest, interval <= newest - shape.bucketCount {
            slots = Array(repeating: nil, count: shape.bucketCount)
            self.newest = nil
        }
        let slot = Self.slot(of: interval, count: shape.bucketCount)
        var bucket = slots[slot].flatMap { $0.interval == interval ? $0 : nil } ?? HealthBucket(interval: interval)
        // Out of the ring while it changes, so its arrays are not copied on every event.
        slots[slot] = nil
        change(&bucket)
        slots[slot] = bucket
        newest = max(newest ?? interval, interval)
    }

    /// One bucket per interval of the window that ends at `now`, oldest first; intervals
    /// where nothing happened are empty buckets.
    public func buckets(endingAt now: Date) -> [HealthBucket] {
        guard let last = shape.interval(of: now) else { return [] }
        let first = last - shape.bucketCount + 1
        return (first...last).map { interval in
            let slot = Self.slot(of: interval, count: shape.bucketCount)
            if let bucket = slots[slot], bucket.interval == interval { return bucket }
            return HealthBucket(interval: interval)
        }
    }

    /// True when an interval of the window ending in `interval`, other than `interval` itself,
    /// holds a poll (answered or not).
    func hasPoll(before interval: Int) -> Bool {
        slots.contains { bucket in
            guard let bucket, bucket.interval < interval, bucket.interval > interval - shape.bucketCount else { return false }
            return bucket.pollsOK + bucket.pollsFailed > 0
        }
    }

    static func slot(of interval: Int, count: Int) -> Int {
        let r = interval % count
        return r < 0 ? r + count : r
    }
}
