import Foundation

/// How long the rolling window is and how it is cut into intervals (one sparkline cell each).
public struct HealthWindowShape: Sendable, Hashable {
    /// At most this many intervals: bounds memory and the width of a full sparkline.
    public static let maxBuckets = 240

    public let bucketDuration: TimeInterval
    public let bucketCount: Int

    /// 15 minutes in 30-second intervals.
    public static let standard = HealthWindowShape(window: 900, bucket: 30)

    /// Nonsense (zero, negative, non-finite, a bucket longer than the window) is corrected
    /// rather than refused: the window is at least one bucket of at least one second.
    public init(window: TimeInterval, bucket: TimeInterval) {
        let b = bucket.isFinite ? max(1, bucket) : 30
        let w = window.isFinite ? max(b, window) : 900
        bucketDuration = b
        bucketCount = max(1, min(Self.maxBuckets, Int((w / b).rounded(.up))))
    }

    public var duration: TimeInterval { bucketDuration * Double(bucketCount) }

    /// The interval a moment falls in; nil for a date no clock gives (too far from 1970 to count).
    public func interval(of date: Date) -> Int? {
        let n = (date.timeIntervalSince1970 / bucketDuration).rounded(.down)
        guard n.isFinite, abs(n) < 1e15 else { return nil }
        return Int(n)
    }

    /// When an interval starts.
    public func start(of interval: Int) -> Date { Date(timeIntervalSince1970: Double(interval) * bucketDuration) }
}
