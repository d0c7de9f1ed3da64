import Foundation

/// ISO 8601 timestamps as agents write them: `2026-11-27T03:10:43.769016Z`, `…+00:00`, with 0–9
/// fraction digits, or with no zone at all (read as UTC). Parsed by hand: DateFormatter is far too
/// slow for the stream hot path and rejects half of these spellings.
public enum Timestamp {
    public static func parse(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { parse(bytes: $0) }
    }

    static func parse(bytes s: UnsafeBufferPointer<UInt8>) -> Date? {
        var i = 0
        func digits(_ n: Int) -> Int? {
            guard i + n <= s.count else { return nil }
            var v = 0
            for k in 0..<n {
                let d = s[i + k] &- 0x30
                guard d < 10 else { return nil }
                v = v * 10 + Int(d)
            }
            i += n
            return v
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < s.count, s[i] == c else { return false }
            i += 1
            return true
        }
        guard let year = digits(4), expect(0x2D), let month = digits(2), expect(0x2D), let day = digits(2) else {
            return nil
        }
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        var hour = 0, minute = 0, second = 0
        var fraction = 0.0
        if i < s.count, s[i] == 0x54 || s[i] == 0x74 || s[i] == 0x20 {  // T, t or space
            i += 1
            guard let h = digits(2), expect(0x3A), let m = digits(2) else { return nil }
            hour = h
            minute = m
            if expect(0x3A) {
                guard let sec = digits(2) else { return nil }
                second = sec
                if i < s.count, s[i] == 0x2E || s[i] == 0x2C {  // . or ,
                    i += 1
                    // Up to 9 digits count (nanoseconds); more are read and ignored.
                    var value = 0, count = 0, divisor = 1
                    while i < s.count, s[i] &- 0x30 < 10 {
                        if count < 9 {
                            value = value * 10 + Int(s[i] - 0x30)
                            divisor *= 10
                        }
                        count += 1
                        i += 1
                    }
                    guard count > 0 else { return nil }
                    fraction = Double(value) / Double(divisor)
                }
            }
            // 24:00:00 is allowed by ISO 8601; a leap second 60 is clamped by the arithmetic.
            guard hour <= 24, minute < 60, second <= 60 else { return nil }
        }
        var offsetSeconds = 0
        if i < s.count {
            switch s[i] {
            case 0x5A, 0x7A:  // Z or z
                i += 1
            case 0x2B, 0x2D:  // + or -
                let sign = s[i] == 0x2D ? -1 : 1
                i += 1
                guard let oh = digits(2) else { return nil }
                _ = expect(0x3A)
                let om = digits(2) ?? 0
                offsetSeconds = sign * (oh * 3600 + om * 60)
            default:
                return nil
            }
        }
        guard i == s.count else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    /// Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthIndex = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// `2026-11-27T03:10:43.769Z`: what we write (milliseconds, UTC).
    public static func format(_ date: Date) -> String {
        let totalMillis = Int((date.timeIntervalSince1970 * 1000).rounded(.down))
        var days = totalMillis >= 0 ? totalMillis / 86_400_000 : (totalMillis - 86_399_999) / 86_400_000
        let millisOfDay = totalMillis - days * 86_400_000
        // civil_from_days
        days += 719_468
        let era = (days >= 0 ? days : days - 146_096) / 146_097
        let dayOfEra = days - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        let h = millisOfDay / 3_600_000, m = millisOfDay / 60_000 % 60, sec = millisOfDay / 1000 % 60, ms = millisOfDay % 1000
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(h, 2)):\(pad(m, 2)):\(pad(sec, 2)).\(pad(ms, 3))Z"
    }
}
