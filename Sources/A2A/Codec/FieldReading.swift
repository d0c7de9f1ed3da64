/// Tolerant field readers (PROTOCOL.md §3, §6): a field of the wrong type reads as absent, `""` and
/// `[]` read as absent, a missing boolean reads as false, numbers may come as numeric strings.
extension JSONObject {
    /// A non-empty string field. (Fixed-arity overloads: a variadic call allocates an array, and
    /// these run a dozen times per stream event.)
    func string(_ key: String) -> String? { self[key]?.stringValue }

    func string(_ a: String, _ b: String) -> String? { self[a]?.stringValue ?? self[b]?.stringValue }

    /// The first of `keys` holding a non-empty string.
    func string(_ keys: String...) -> String? {
        for key in keys {
            if let s = self[key]?.stringValue { return s }
        }
        return nil
    }

    /// True only for `true` (or the string "true": some agents stringify everything).
    func flag(_ key: String) -> Bool { Self.isTrue(self[key]) }

    /// A number, or a string holding one (`"25"`, `"33.5"`); non-finite values read as absent.
    func number(_ key: String) -> Double? { self[key]?.numericValue }

    /// An integer-valued number (page sizes, counts).
    func integer(_ key: String) -> Int? { Self.integral(number(key)) }

    func object(_ key: String) -> JSONObject? { self[key]?.objectValue }

    func object(_ keys: String...) -> JSONObject? {
        for key in keys {
            if let o = self[key]?.objectValue { return o }
        }
        return nil
    }

    func array(_ key: String) -> [JSONValue] { self[key]?.arrayValue ?? [] }

    func array(_ keys: String...) -> [JSONValue] {
        for key in keys {
            if let a = self[key]?.arrayValue { return a }
        }
        return []
    }

    /// The non-empty strings of an array field; other elements are skipped.
    func strings(_ key: String) -> [String] { array(key).compactMap(\.stringValue) }

    /// A metadata-like field, kept as received unless it is null or an empty object.
    func kept(_ key: String) -> JSONValue? { keptValue(self[key]) }

    /// The keys, for error messages (at most a few).
    var keyList: String {
        let shown = keys.prefix(8).joined(separator: ", ")
        return keys.count > 8 ? shown + ", …" : (shown.isEmpty ? "(none)" : shown)
    }
}

extension JSONValue {
    /// A finite number, or a string that parses as one.
    var numericValue: Double? {
        switch self {
        case .number(let n): return n.isFinite ? n : nil
        case .string(let s):
            guard let n = Double(s.trimmingSpaces), n.isFinite else { return nil }
            return n
        default: return nil
        }
    }

    /// A short description of the JSON type, for error messages.
    var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

extension String {
    var trimmingSpaces: Substring {
        var s = Substring(self)
        while let first = s.first, first == " " || first == "\t" || first == "\n" || first == "\r" { s.removeFirst() }
        while let last = s.last, last == " " || last == "\t" || last == "\n" || last == "\r" { s.removeLast() }
        return s
    }
}

/// The same readers by `JSONKey` (see there): the stream decoders' hot path. Fixed arities, not
/// variadics, which allocate an array per call.
extension JSONObject {
    func string(_ key: JSONKey) -> String? { self[key]?.stringValue }

    func string(_ a: JSONKey, _ b: JSONKey) -> String? { self[a]?.stringValue ?? self[b]?.stringValue }

    func string(_ a: JSONKey, _ b: JSONKey, _ c: JSONKey) -> String? {
        self[a]?.stringValue ?? self[b]?.stringValue ?? self[c]?.stringValue
    }

    func string(_ a: JSONKey, _ b: JSONKey, _ c: JSONKey, _ d: JSONKey) -> String? {
        self[a]?.stringValue ?? self[b]?.stringValue ?? self[c]?.stringValue ?? self[d]?.stringValue
    }

    func flag(_ key: JSONKey) -> Bool { Self.isTrue(self[key]) }

    func number(_ key: JSONKey) -> Double? { self[key]?.numericValue }

    func integer(_ key: JSONKey) -> Int? { Self.integral(number(key)) }

    /// The flag rule, whichever key type read the field.
    private static func isTrue(_ value: JSONValue?) -> Bool {
        switch value {
        case .bool(let b): b
        case .string(let s): s.lowercased() == "true"
        default: false
        }
    }

    /// The integer rule: whole, and exact in a Double.
    private static func integral(_ n: Double?) -> Int? {
        guard let n, n.rounded() == n, abs(n) < 9_007_199_254_740_992 else { return nil }
        return Int(n)
    }

    func object(_ key: JSONKey) -> JSONObject? { self[key]?.objectValue }

    func object(_ a: JSONKey, _ b: JSONKey) -> JSONObject? { self[a]?.objectValue ?? self[b]?.objectValue }

    func array(_ key: JSONKey) -> [JSONValue] { self[key]?.arrayValue ?? [] }

    func array(_ a: JSONKey, _ b: JSONKey) -> [JSONValue] { self[a]?.arrayValue ?? self[b]?.arrayValue ?? [] }

    func strings(_ key: JSONKey) -> [String] { array(key).compactMap(\.stringValue) }

    func kept(_ key: JSONKey) -> JSONValue? { keptValue(self[key]) }
}

/// The rule of `kept`, for both kinds of key: a value as received, unless null or empty.
@inline(__always)
private func keptValue(_ value: JSONValue?) -> JSONValue? {
    switch value {
    case nil, .null?: return nil
    case .object(let o)? where o.isEmpty: return nil
    case .array(let a)? where a.isEmpty: return nil
    default: return value
    }
}
