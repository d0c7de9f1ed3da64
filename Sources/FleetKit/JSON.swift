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
        var out = ""
        write(into: &out, style: style)
        return out
    }

    public func data(_ style: JSONStyle = .compact) -> Data { Data(serialized(style).utf8) }

    private func write(into out: inout String, style: JSONStyle) {
        let comma = style == .python ? ", " : ","
        let colon = style == .python ? ": " : ":"
        switch self {
        case .null: out += "null"
        case let .bool(b): out += b ? "true" : "false"
        case let .int(i): out += String(i)
        case let .double(d): out += JSON.pythonFloat(d)
        case let .string(s): JSON.writeString(s, into: &out)
        case let .array(items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += comma }
                item.write(into: &out, style: style)
            }
            out += "]"
        case let .object(members):
            out += "{"
            for (i, (key, value)) in members.enumerated() {
                if i > 0 { out += comma }
                JSON.writeString(key, into: &out)
                out += colon
                value.write(into: &out, style: style)
            }
            out += "}"
        }
    }

    /// Python's float repr: whole numbers keep a `.0` (`33.0`), others the shortest round-trip form.
    static func pythonFloat(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d == d.rounded(), abs(d) < 1e16 { return String(format: "%.1f", d) }
        return "\(d)"
    }

    /// Non-ASCII goes out as raw UTF-8 (`ensure_ascii=False`); control characters are escaped.
    static func writeString(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
