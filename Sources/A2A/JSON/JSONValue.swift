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
///
/// Stored as an array of members: A2A objects have a handful of keys, and a linear scan over
/// them beats hashing every key into a dictionary (the stream hot path builds thousands of these
/// per second). Objects with many keys get a hash index on the side. Equality ignores key order,
/// as JSON does.
public struct JSONObject: Sendable {
    /// One member. `known` is the key as a `JSONKey` when it is one (set wherever a member is
    /// added, from the key's exact bytes), so lookups by `JSONKey` compare a byte, not a string.
    struct Member: Sendable {
        var key: String
        var value: JSONValue
        // Last: it fits in the value's padding, so a member is no larger than a (key, value) pair.
        var known: JSONKey?
    }

    private var members: [Member] = []
    /// Key → position in `members`; only for objects larger than `indexThreshold`.
    private var index: [String: Int]?
    private static let indexThreshold = 12

    public init() {}
    public init(_ pairs: [(String, JSONValue)]) {
        members.reserveCapacity(pairs.count)
        for (key, value) in pairs { self[key] = value }
    }

    /// Keys in arrival order.
    public var keys: [String] { members.map(\.key) }
    /// The members as a dictionary (built on demand; prefer the subscript).
    public var storage: [String: JSONValue] {
        Dictionary(members.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
    }

    private func position(of key: String) -> Int? {
        if let index { return index[key] }
        // Comparing UTF-8 lengths first (cheap for Swift strings) skips most full comparisons.
        let length = key.utf8.count
        for i in members.indices where members[i].key.utf8.count == length && members[i].key == key { return i }
        return nil
    }

    private func position(of key: JSONKey) -> Int? {
        if let index { return index[key.spelling] }
        for i in members.indices where members[i].known == key { return i }
        return nil
    }

    public subscript(key: String) -> JSONValue? {
        get { position(of: key).map { members[$0].value } }
        set {
            if let newValue {
                if let i = position(of: key) {
                    members[i].value = newValue  // a duplicate key: the last value wins, the first position stays
                } else {
                    append(Member(key: key, value: newValue, known: JSONKey(key)))
                }
            } else if let i = position(of: key) {
                members.remove(at: i)
                if index != nil { buildIndex() }
            }
        }
    }

    /// The value of a known key (the decoders' fast path; same answer as the String subscript).
    public subscript(key: JSONKey) -> JSONValue? {
        position(of: key).map { members[$0].value }
    }

    /// Adds a member as the parser read it, `known` already worked out from the key's bytes.
    /// A duplicate key: the last value wins, the first position stays (as the String setter).
    mutating func addParsed(key: consuming String, known: JSONKey?, value: consuming JSONValue) {
        let existing: Int?
        if index != nil {
            existing = position(of: key)
        } else if let known {
            existing = position(of: known)
        } else {
            // An unknown key can only equal another unknown one.
            let length = key.utf8.count
            existing = members.indices.first {
                members[$0].known == nil && members[$0].key.utf8.count == length && members[$0].key == key
            }
        }
        if let existing {
            members[existing].value = value
        } else {
            append(Member(key: key, value: value, known: known))
        }
    }

    /// Adds a member whose known key the parser knows this object does not have yet.
    mutating func appendParsed(key: consuming String, known: JSONKey, value: consuming JSONValue) {
        append(Member(key: key, value: value, known: known))
    }

    /// `consuming`: the member moves into the array instead of being copied and the original
    /// released (a retain and a release per string and value of every parsed object).
    private mutating func append(_ member: consuming Member) {
        if index != nil { index?[member.key] = members.count }
        members.append(member)
        if index == nil, members.count > Self.indexThreshold {
            buildIndex()
        }
    }

    private mutating func buildIndex() {
        var built: [String: Int] = [:]
        built.reserveCapacity(members.count)
        for (i, member) in members.enumerated() { built[member.key] = i }
        index = built
    }

    mutating func reserveCapacity(_ n: Int) { members.reserveCapacity(n) }

    /// Sets each of `other`'s members here in its order, as `self[key] = value` would one by one,
    /// except keys not here yet once this object holds `keyLimit` members. Moves the members
    /// across with their tags: no array of pairs, no key looked up as a String when it is known.
    mutating func merge(_ other: JSONObject, keyLimit: Int) {
        for member in other.members {
            let existing = if let known = member.known { position(of: known) } else { position(of: member.key) }
            if let existing {
                members[existing].value = member.value
            } else if members.count < keyLimit {
                append(member)
            }
        }
    }

    public var isEmpty: Bool { members.isEmpty }
    public var count: Int { members.count }
    /// Key/value pairs in arrival order.
    public var pairs: [(key: String, value: JSONValue)] { members.map { ($0.key, $0.value) } }
}

extension JSONObject: Hashable {
    /// Same members, in any order.
    public static func == (a: JSONObject, b: JSONObject) -> Bool {
        guard a.members.count == b.members.count else { return false }
        for member in a.members where b[member.key] != member.value { return false }
        return true
    }

    /// Order-independent: the members' own hashes are summed.
    public func hash(into hasher: inout Hasher) {
        var sum = 0
        for member in members {
            var h = Hasher()
            h.combine(member.key)
            h.combine(member.value)
            sum = sum &+ h.finalize()
        }
        hasher.combine(members.count)
        hasher.combine(sum)
    }
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
    /// `value[.a]` on an object, nil on anything else.
    public subscript(key: JSONKey) -> JSONValue? { objectValue?[key] }
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
