import A2A
import Deck
import Foundation

/// Small formatting helpers shared by the dashboard views. Everything an agent sends passes
/// through `agent(_:)` (one line) or `agentLines(_:width:)` (wrapped) before it reaches a cell.
enum ViewText {
    /// Agent text shown on one line: every control a visible placeholder, and bounded so a
    /// megabyte status text costs no more than a screenful.
    static func agent(_ text: String) -> String {
        TextSanitizer.sanitize(text, singleLine)
    }

    /// Agent text wrapped to `width` columns, line breaks kept.
    static func agentLines(_ text: String, width: Int, maxScalars: Int = 16_384) -> [String] {
        TextLayout.wrap(TextSanitizer.sanitize(text, .init(lineBreaks: .keep, tabWidth: 4, maxScalars: maxScalars)), width: width)
    }

    /// One row never needs more than this many scalars.
    private static let singleLine = TextSanitizer.Options(lineBreaks: .space, tabWidth: 1, maxScalars: 1024)

    /// `42s`, `17m`, `5h`, `3d`: at most 4 columns, for table cells.
    static func compactDuration(_ seconds: TimeInterval) -> String {
        let s = max(0, seconds.isFinite ? seconds : 0)
        if s < 100 { return "\(Int(s))s" }
        if s < 100 * 60 { return "\(Int(s / 60))m" }
        if s < 100 * 3600 { return "\(Int(s / 3600))h" }
        return "\(min(9999, Int(s / 86400)))d"
    }

    /// `0.4s`, `12s`, `3m05s`, `2h14m`: for the timeline, where the exact split matters.
    static func preciseDuration(_ seconds: TimeInterval) -> String {
        let s = max(0, seconds.isFinite ? seconds : 0)
        if s < 10 { return String(format: "%.1fs", s) }
        let whole = Int(min(s, 1e12))
        if whole < 60 { return "\(whole)s" }
        if whole < 3600 { return String(format: "%dm%02ds", whole / 60, whole % 60) }
        return String(format: "%dh%02dm", whole / 3600, (whole % 3600) / 60)
    }

    /// `HH:MM:SS` in the given time zone, computed without a formatter (it runs every frame).
    static func clock(_ date: Date, in zone: TimeZone) -> String {
        let local = date.timeIntervalSince1970 + Double(zone.secondsFromGMT(for: date))
        guard local.isFinite else { return "--:--:--" }
        let secondsOfDay = Int(local.rounded(.down)) % 86_400
        let s = secondsOfDay < 0 ? secondsOfDay + 86_400 : secondsOfDay
        return String(format: "%02d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60)
    }

    /// `1.2 KB`: for file parts.
    static func byteCount(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        let kb = Double(bytes) / 1024
        if kb < 1024 { return String(format: "%.1f KB", kb) }
        return String(format: "%.1f MB", kb / 1024)
    }

    /// A percentage, `93%`.
    static func percent(_ fraction: Double) -> String {
        guard fraction.isFinite else { return "" }
        return "\(Int((min(1, max(0, fraction)) * 100).rounded()))%"
    }

    /// Milliseconds, `48ms`; whole seconds beyond ten (`12s`).
    static func latency(_ seconds: TimeInterval) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "" }
        if seconds < 10 { return "\(Int((seconds * 1000).rounded()))ms" }
        return "\(Int(min(seconds, 1e9)))s"
    }
}
