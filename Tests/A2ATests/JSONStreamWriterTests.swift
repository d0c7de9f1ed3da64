import Seeded
import Testing
@testable import A2A

/// `JSONStreamWriter` writes JSON member by member with no tree; walked over a tree, it must
/// write exactly what `JSONWriter` writes for that tree (compact), commas and all.
struct JSONStreamWriterTests {
    /// Writes `value` through the stream writer's calls, the way a typed encoder would.
    static func stream(_ value: JSONValue, into out: inout JSONStreamWriter) {
        switch value {
        case .null: out.null()
        case .bool(let b): out.bool(b)
        case .number(let n): out.number(n)
        case .string(let s): out.string(s)
        case .array(let items):
            out.beginArray()
            for item in items { stream(item, into: &out) }
            out.endArray()
        case .object(let object):
            out.beginObject()
            for (key, member) in object.pairs {
                out.key(key)
                stream(member, into: &out)
            }
            out.endObject()
        }
    }

    static let pieces = ["a", "key", " ", "\"", "\\", "\n", "\u{0}", "\u{7F}", "é", "\u{85}", "\u{202E}", "日", "🙂"]
    static let numbers: [Double] = [0, -0.0, 1, -1, 42, 0.1 + 0.2, 1e17, 1e18, -1e18, 1e300, .infinity, -.nan, 123_456_789_012]

    static func random(_ g: inout SplitMix64, depth: Int) -> JSONValue {
        func text() -> String { (0..<Int.random(in: 0...6, using: &g)).map { _ in pieces.randomElement(using: &g)! }.joined() }
        switch Int.random(in: 0..<(depth < 4 ? 7 : 5), using: &g) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &g))
        case 2: return .number(Bool.random(using: &g) ? numbers.randomElement(using: &g)! : Double.random(in: -1e9...1e9, using: &g))
        case 3, 4: return .string(text())
        case 5: return .array((0..<Int.random(in: 0...4, using: &g)).map { _ in random(&g, depth: depth + 1) })
        default:
            var object = JSONObject()
            for _ in 0..<Int.random(in: 0...4, using: &g) { object[text()] = random(&g, depth: depth + 1) }
            return .object(object)
        }
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func sameBytesAsTheTreeWriter(seed: UInt64) {
        var g = SplitMix64(seed: seed)
        for _ in 0..<1_500 {
            let value = Self.random(&g, depth: 0)
            var out = JSONStreamWriter()
            Self.stream(value, into: &out)
            #expect(out.bytes == JSONWriter().bytes(value))
        }
    }

    @Test func valueEmbedsATreeAndRemoveAllStartsOver() {
        var out = JSONStreamWriter()
        out.beginObject()
        out.key("a")
        out.value(["x": [1, "two", nil]])
        out.key("b")
        out.number(-7)
        out.endObject()
        #expect(String(decoding: out.bytes, as: UTF8.self) == #"{"a":{"x":[1,"two",null]},"b":-7}"#)
        out.removeAll()
        out.beginArray()
        out.bool(false)
        out.beginArray()
        out.endArray()
        out.string("\u{1B}")
        out.endArray()
        #expect(String(decoding: out.bytes, as: UTF8.self) == #"[false,[],"\u001b"]"#)
    }
}
