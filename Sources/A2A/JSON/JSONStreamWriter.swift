/// Writes compact JSON straight to bytes, member by member, with no `JSONValue` tree in between:
/// for output built from typed values on a hot path (the journal writes one line per message at
/// thousands of lines a second, and building a tree only to walk it again was a third of its time).
///
/// Commas are placed by the writer: after `beginObject`/`beginArray` the next member or element
/// needs none, after any value the next one does. Strings are escaped exactly as `JSONWriter`
/// escapes them, numbers printed the same way, so both write the same bytes for the same value.
/// The caller keeps the shape valid (a `key` before each member's value, balanced begin/end).
public struct JSONStreamWriter: Sendable {
    public private(set) var bytes: [UInt8]
    /// A value was written at the current level: the next member or element needs a comma.
    private var needsComma = false

    public init(capacity: Int = 256) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    public mutating func beginObject() {
        separate()
        bytes.append(0x7B)
        needsComma = false
    }

    public mutating func endObject() {
        bytes.append(0x7D)
        needsComma = true
    }

    public mutating func beginArray() {
        separate()
        bytes.append(0x5B)
        needsComma = false
    }

    public mutating func endArray() {
        bytes.append(0x5D)
        needsComma = true
    }

    /// A member's name; its value is written next.
    public mutating func key(_ name: String) {
        separate()
        JSONWriter.appendString(name, to: &bytes)
        bytes.append(0x3A)
        needsComma = false
    }

    public mutating func string(_ s: String) {
        separate()
        JSONWriter.appendString(s, to: &bytes)
        needsComma = true
    }

    public mutating func number(_ n: Double) {
        separate()
        JSONWriter.appendNumber(n, to: &bytes)
        needsComma = true
    }

    public mutating func bool(_ b: Bool) {
        separate()
        bytes.append(contentsOf: (b ? "true" : "false").utf8)
        needsComma = true
    }

    public mutating func null() {
        separate()
        bytes.append(contentsOf: "null".utf8)
        needsComma = true
    }

    /// A value that already is a tree (an agent's metadata, a card), written compact.
    public mutating func value(_ v: JSONValue) {
        separate()
        JSONWriter().write(v, level: 0, into: &bytes)
        needsComma = true
    }

    /// Starts over, keeping the buffer's capacity (one writer for many lines).
    public mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        needsComma = false
    }

    @inline(__always)
    private mutating func separate() {
        if needsComma { bytes.append(0x2C) }
    }
}
