/// Any JSON value, kept as received. Agents are other people's software: data parts, metadata and
/// unknown fields arrive in shapes we cannot predict, so we keep them whole instead of dropping them.
/// Numbers are doubles: ProtoJSON and Python both send `33.0` where an integer was meant.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)
}

/// A JSON object that remembers the order its keys arrived in (the raw view shows it as sent).
public struct JSONObject: Sendable, Hashable {
    public private(set) var keys: [String] = []
    public private(set) var storage: [String: JSONValue] = [:]

    public init() {}
    public init(_ pairs: [(String, JSONValue)]) {
        for (key, value) in pairs { self[key] = value }
    }

    public subscript(key: String) -> JSONValue? {
        get { storage[key] }
        set {
            if let newValue {
                if storage.updateValue(newValue, forKey: key) == nil { keys.append(key) }
            } else if storage.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    public var isEmpty: Bool { keys.isEmpty }
    public var count: Int { keys.count }
    /// Key/value pairs in arrival order.
    public var pairs: [(key: String, value: JSONValue)] { keys.compactMap { k in storage[k].map { (k, $0) } } }
}

extension JSONValue {
    public var objectValue: JSONObject? { if case .object(let o) = self { o } else { nil } }
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { a } else { nil } }
    public var boolValue: Bool? { if case .bool(let b) = self { b } else { nil } }
    public var doubleValue: Double? { if case .number(let n) = self { n } else { nil } }
    /// Strings as sent; `""` counts as absent (PROTOCOL.md §3: defaults are omitted or empty).
    public var stringValue: String? { if case .string(let s) = self, !s.isEmpty { s } else { nil } }
    public var isNull: Bool { if case .null = self { true } else { false } }

    /// `value["a"]` on an object, nil on anything else.
    public subscript(key: String) -> JSONValue? { objectValue?[key] }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByFloatLiteral,
    ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self = .object(JSONObject(elements)) }
    public init(nilLiteral: ()) { self = .null }
}
