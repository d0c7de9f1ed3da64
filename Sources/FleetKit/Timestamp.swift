import Foundation

/// ISO 8601 timestamps with microseconds, as the Python SDKs print them.
enum Timestamp {
    /// `2026-11-27T03:10:18.418123Z` (a2a-sdk 1.x, protobuf Timestamp).
    static func zulu(_ date: Date) -> String { format(date, suffix: "Z") }
    /// `2026-11-27T03:13:53.598541+00:00` (a2a-sdk 0.3, Python `datetime.isoformat()`).
    static func offset(_ date: Date) -> String { format(date, suffix: "+00:00") }
    /// `2026-11-27 03:11:27.375893+00:00`, the text of sse-starlette's ping comment.
    static func ping(_ date: Date) -> String { format(date, suffix: "+00:00", separator: " ") }

    private static func format(_ date: Date, suffix: String, separator: String = "T") -> String {
        let seconds = date.timeIntervalSince1970
        let whole = floor(seconds)
        let micros = min(999_999, Int(((seconds - whole) * 1_000_000).rounded()))
        var t = time_t(whole)
        var parts = tm()
        gmtime_r(&t, &parts)
        // Digits padded by hand: `String(format:)` twice per event showed in the fleet's profile.
        let day = padded(Int(parts.tm_year) + 1900, 4) + "-" + padded(Int(parts.tm_mon) + 1, 2) + "-" + padded(Int(parts.tm_mday), 2)
        let time = padded(Int(parts.tm_hour), 2) + ":" + padded(Int(parts.tm_min), 2) + ":" + padded(Int(parts.tm_sec), 2)
            + "." + padded(micros, 6)
        return day + separator + time + suffix
    }

    /// An RFC 3339 timestamp a client sent (ListTasks' `statusTimestampAfter`), with or without a
    /// fraction; nil when it is not one. Per list call, not per event: Foundation's parser will do.
    static func parse(_ text: String) -> Date? {
        let withFraction = ISO8601DateFormatter()
        withFraction.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = withFraction.date(from: text) { return date }
        return ISO8601DateFormatter().date(from: text)
    }

    /// `%0<width>d` for a number ≥ 0.
    private static func padded(_ n: Int, _ width: Int) -> String {
        let digits = String(n)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
