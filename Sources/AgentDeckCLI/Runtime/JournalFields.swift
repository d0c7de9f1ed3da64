import A2A
import Foundation

/// A journal line that is not what this build writes: the reader counts it and moves on.
struct JournalDecodeError: Error, Sendable, Hashable, CustomStringConvertible {
    var reason: String
    init(_ reason: String) { self.reason = reason }
    var description: String { reason }
}

/// Builds one JSON object for the journal, leaving absent values out (a smaller, greppable line).
struct JournalObject {
    private(set) var object = JSONObject()

    init() {}

    init(kind: String) { object["kind"] = .string(kind) }

    subscript(key: String) -> JSONValue? {
        get { object[key] }
        set { object[key] = newValue }
    }

    mutating func set(_ key: String, _ value: String?) { if let value { object[key] = .string(value) } }
    mutating func set(_ key: String, _ value: Double?) { if let value { object[key] = .number(value) } }
    mutating func set(_ key: String, _ value: Int?) { if let value { object[key] = .number(Double(value)) } }
    mutating func set(_ key: String, _ value: Bool) { if value { object[key] = .bool(true) } }
    mutating func set(_ key: String, _ value: JSONValue?) { if let value { object[key] = value } }
    mutating func set(_ key: String, _ values: [JSONValue]) { if !values.isEmpty { object[key] = .array(values) } }
    mutating func set(_ key: String, strings: [String]) { if !strings.isEmpty { object[key] = .array(strings.map(JSONValue.string)) } }

    var value: JSONValue { .object(object) }
}

/// Reads one journal object; every accessor throws `JournalDecodeError` on a wrong shape, so a
/// damaged line is rejected whole instead of half-applied.
struct JournalFields {
    let object: JSONObject

    init(_ value: JSONValue?, _ what: String) throws(JournalDecodeError) {
        guard let object = value?.objectValue else { throw JournalDecodeError("\(what) is not an object") }
        self.object = object
    }

    func has(_ key: String) -> Bool { object[key] != nil }

    func value(_ key: String) throws(JournalDecodeError) -> JSONValue {
        guard let v = object[key] else { throw JournalDecodeError("missing '\(key)'") }
        return v
    }

    func string(_ key: String) throws(JournalDecodeError) -> String {
        guard case .string(let s) = object[key] else { throw JournalDecodeError("'\(key)' is not a string") }
        return s
    }

    func optionalString(_ key: String) throws(JournalDecodeError) -> String? {
        guard let v = object[key] else { return nil }
        guard case .string(let s) = v else { throw JournalDecodeError("'\(key)' is not a string") }
        return s
    }

    func double(_ key: String) throws(JournalDecodeError) -> Double {
        guard case .number(let n) = object[key] else { throw JournalDecodeError("'\(key)' is not a number") }
        return n
    }

    func optionalDouble(_ key: String) throws(JournalDecodeError) -> Double? {
        guard object[key] != nil else { return nil }
        return try double(key)
    }

    func int(_ key: String) throws(JournalDecodeError) -> Int {
        let n = try double(key)
        guard n.rounded() == n, abs(n) < 9e15 else { throw JournalDecodeError("'\(key)' is not a whole number") }
        return Int(n)
    }

    func optionalInt(_ key: String) throws(JournalDecodeError) -> Int? {
        guard object[key] != nil else { return nil }
        return try int(key)
    }

    func uint64(_ key: String) throws(JournalDecodeError) -> UInt64 {
        // Written as a decimal string: a Double cannot hold every UInt64 (seeds use all 64 bits).
        guard let v = UInt64(try string(key)) else { throw JournalDecodeError("'\(key)' is not an unsigned integer") }
        return v
    }

    func bool(_ key: String) throws(JournalDecodeError) -> Bool {
        guard let v = object[key] else { return false }
        guard case .bool(let b) = v else { throw JournalDecodeError("'\(key)' is not a boolean") }
        return b
    }

    func array(_ key: String) throws(JournalDecodeError) -> [JSONValue] {
        guard let v = object[key] else { return [] }
        guard case .array(let a) = v else { throw JournalDecodeError("'\(key)' is not an array") }
        return a
    }

    func strings(_ key: String) throws(JournalDecodeError) -> [String] {
        var out: [String] = []
        for element in try array(key) {
            guard case .string(let s) = element else { throw JournalDecodeError("'\(key)' holds a non-string") }
            out.append(s)
        }
        return out
    }

    func kind() throws(JournalDecodeError) -> String { try string("kind") }
}

/// Dates inside the model are written as seconds since 2001-01-01 (Foundation's reference date):
/// that is the number a `Date` holds, so it reads back bit for bit.
enum JournalDate {
    static func encode(_ date: Date) -> JSONValue { .number(date.timeIntervalSinceReferenceDate) }
    static func seconds(_ date: Date) -> Double { date.timeIntervalSinceReferenceDate }

    static func decode(_ value: JSONValue) throws(JournalDecodeError) -> Date {
        guard case .number(let n) = value, n.isFinite else { throw JournalDecodeError("a date is not a number") }
        return Date(timeIntervalSinceReferenceDate: n)
    }
}

/// The time of a journal entry: whole milliseconds since 1970, written as an integer (`"t"`).
/// The live dashboard uses these same instants as `now`, so a replay feeds `update` the very
/// dates the live session used.
enum JournalClock {
    static func now() -> Date { date(milliseconds: milliseconds(Date())) }

    static func milliseconds(_ date: Date) -> Int64 {
        let ms = (date.timeIntervalSince1970 * 1000).rounded()
        return ms.isFinite && abs(ms) < 9e15 ? Int64(ms) : 0
    }

    static func date(milliseconds: Int64) -> Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }
}
