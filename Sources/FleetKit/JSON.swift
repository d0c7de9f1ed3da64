import Foundation

/// A JSON value whose objects keep their key order, so each dialect can print members in the
/// order its reference server does (a2a-sdk 1.x: proto field order; a2a-sdk 0.3: sorted keys).
public indirect enum JSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSON])
    case object([(String, JSON)])

    public static func == (lhs: JSON, rhs: JSON) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.int(a), .int(b)): return a == b
        case let (.double(a), .double(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    // MARK: Reading

    public subscript(key: String) -> JSON? {
        guard case let .object(members) = self else { return nil }
        return members.last(where: { $0.0 == key })?.1
    }

    public var stringValue: String? {
        if case let .string(s) = self { return s }
        return nil
    }

    public var arrayValue: [JSON]? {
        if case let .array(a) = self { return a }
        return nil
    }

    public var boolValue: Bool? {
        if case let .bool(b) = self { return b }
        return nil
    }

    /// Integers arrive as ints or as doubles (`10.0`); both count when whole.
    public var intValue: Int? {
        switch self {
        case let .int(i): return i
        case let .double(d) where d.isFinite && d == d.rounded() && abs(d) < 1e15: return Int(d)
        default: return nil
        }
    }

    public var doubleValue: Double? {
        switch self {
        case let .int(i): return Double(i)
        case let .double(d): return d
        default: return nil
        }
    }

    public var isNull: Bool { if case .null = self { return true }; return false }

    // MARK: Building

    /// An object from key/value pairs, dropping nil values (optional fields are omitted on the wire).
    public static func obj(_ pairs: (String, JSON?)...) -> JSON {
        .object(pairs.compactMap { key, value in value.map { (key, $0) } })
    }

    /// The same object with keys sorted by code point, as pydantic/`sort_keys` prints them.
    public func sortedKeys() -> JSON {
        switch self {
        case let .object(members):
            return .object(members.map { ($0.0, $0.1.sortedKeys()) }
                .sorted { Array($0.0.unicodeScalars.map(\.value)).lexicographicallyPrecedes($1.0.unicodeScalars.map(\.value)) })
        case let .array(items):
            return .array(items.map { $0.sortedKeys() })
        default:
            return self
        }
    }
}

// MARK: - Parsing (untrusted input: bounded, never traps)

public enum JSONParseError: Error, Equatable {
    case tooLarge
    case invalid(String)
}

extension JSON {
    /// Largest request body the fleet accepts.
    public static let maxInputBytes = 1 << 20

    public static func parse(_ data: Data) throws -> JSON {
        guard data.count <= maxInputBytes else { throw JSONParseError.tooLarge }
        var parser = JSONParser(bytes: [UInt8](data))
        return try parser.parseDocument()
    }

    public static func parse(_ text: String) throws -> JSON {
        try parse(Data(text.utf8))
    }
}

// MARK: - Printing

/// How a reference server lays its JSON out.
public enum JSONStyle: Sendable {
    /// `{"a":1,"b":2}`: Starlette `JSONResponse`, pydantic `model_dump_json`.
    case compact
    /// `{"a": 1, "b": 2}`: Python `json.dumps` defaults, used by a2a-sdk 1.x in SSE `data:` lines.
    case python
}

extension JSON {
    public func serialized(_ style: JSONStyle = .compact) -> String {
        String(decoding: bytes(style), as: UTF8.self)
    }

    public func data(_ style: JSONStyle = .compact) -> Data { Data(bytes(style)) }

    /// The UTF-8 text, written byte by byte into one buffer: the fleet prints every event and
    /// every ListTasks page, and appending to a `String` scalar by scalar was most of its CPU.
    public func bytes(_ style: JSONStyle = .compact) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(512)
        write(into: &out, style: style)
        return out
    }

    private func write(into out: inout [UInt8], style: JSONStyle) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case let .bool(b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case let .int(i): out.append(contentsOf: String(i).utf8)
        case let .double(d): out.append(contentsOf: JSON.pythonFloat(d).utf8)
        case let .string(s): JSON.writeString(s, into: &out)
        case let .array(items):
            out.append(0x5B)
            for (i, item) in items.enumerated() {
                if i > 0 { JSON.writeComma(into: &out, style: style) }
                item.write(into: &out, style: style)
            }
            out.append(0x5D)
        case let .object(members):
            out.append(0x7B)
            for (i, (key, value)) in members.enumerated() {
                if i > 0 { JSON.writeComma(into: &out, style: style) }
                JSON.writeString(key, into: &out)
                out.append(0x3A)
                if style == .python { out.append(0x20) }
                value.write(into: &out, style: style)
            }
            out.append(0x7D)
        }
    }

    private static func writeComma(into out: inout [UInt8], style: JSONStyle) {
        out.append(0x2C)
        if style == .python { out.append(0x20) }
    }

    /// Python's float repr: whole numbers keep a `.0` (`33.0`), others the shortest round-trip form.
    static func pythonFloat(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d == d.rounded(), abs(d) < 1e16 {
            // What `%.1f` prints, without a format string per number.
            return (d == 0 && d.sign == .minus ? "-" : "") + String(Int64(d)) + ".0"
        }
        return "\(d)"
    }

    /// Non-ASCII goes out as raw UTF-8 (`ensure_ascii=False`); control characters are escaped.
    /// Runs of bytes that need nothing are copied at once.
    static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(0x22)
        var s = s
        s.withUTF8 { bytes in
            var runStart = 0
            for (i, b) in bytes.enumerated() where b < 0x20 || b == 0x22 || b == 0x5C {
                if runStart < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i])) }
                runStart = i + 1
                switch b {
                case 0x22: out.append(contentsOf: #"\""#.utf8)
                case 0x5C: out.append(contentsOf: #"\\"#.utf8)
                case 0x0A: out.append(contentsOf: #"\n"#.utf8)
                case 0x0D: out.append(contentsOf: #"\r"#.utf8)
                case 0x09: out.append(contentsOf: #"\t"#.utf8)
                case 0x08: out.append(contentsOf: #"\b"#.utf8)
                case 0x0C: out.append(contentsOf: #"\f"#.utf8)
                default:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    out.append(contentsOf: #"\u00"#.utf8)
                    out.append(hex[Int(b >> 4)])
                    out.append(hex[Int(b & 0xF)])
                }
            }
            if runStart < bytes.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...])) }
        }
        out.append(0x22)
    }
}
