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
        let day = String(format: "%04d-%02d-%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday))
        let time = String(format: "%02d:%02d:%02d.%06d", Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), micros)
        return day + separator + time + suffix
    }
}
