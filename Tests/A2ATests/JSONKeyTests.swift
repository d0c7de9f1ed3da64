import Foundation
import Testing

@testable import A2A

/// The parser tags known keys (`JSONKey`) so decoders compare a byte instead of a string; a lookup
/// by `JSONKey` must always answer what the lookup by String answers.
@Suite struct JSONKeyTests {
    @Test func everyKnownKeyIsFoundFromItsBytesAndNothingElseIs() {
        // The written-out spellings are the case names, one each, in order.
        #expect(JSONKey.spellingsInOrder == JSONKey.allCases.map { String(describing: $0) })
        for key in JSONKey.allCases {
            let spelling = String(describing: key)
            #expect(key.spelling == spelling)
            #expect(spelling.utf8.count <= 16, "the table holds keys of at most 16 bytes")
            #expect(JSONKey(spelling) == key)
            #expect(Array(spelling.utf8).withUnsafeBufferPointer { JSONKey(utf8: $0) } == key)
            // Near misses: one byte more, a NUL after it, another case (one byte less: below).
            #expect(JSONKey(spelling + "x") == nil)
            #expect(JSONKey(spelling + "\u{0}") == nil)
            if spelling.uppercased() != spelling { #expect(JSONKey(spelling.uppercased()) == nil) }
        }
        #expect(JSONKey("") == nil)
        #expect(JSONKey("i") == nil)
        #expect(JSONKey("referenceTaskIdsX") == nil)
        #expect(JSONKey("taskid") == nil)
        #expect(JSONKey("contextID") == nil)
    }

    /// The parser reads key bytes with word loads that run past the key (masked off): the answer
    /// must be the copying lookup's, whatever bytes follow and however few of them may be read.
    @Test func theParsersLoadingLookupAgreesWithTheCopyingOne() {
        let table = KnownKeyTable.shared
        var candidates = JSONKey.allCases.map { String(describing: $0) }
        for spelling in candidates {
            candidates += [spelling + "x", String(spelling.dropLast()), String(spelling.dropFirst()), spelling.uppercased()]
        }
        candidates += ["", "a", "idx", "kin", "texts", "abcdefghijklmnop", "abcdefghijklmnopq"]
        for candidate in candidates {
            let bytes = Array(candidate.utf8)
            let expected = bytes.withUnsafeBufferPointer { table.key(for: $0) }
            for filler: UInt8 in [0x00, 0x22, 0xFF] {
                for slack in 0...9 {
                    // The candidate then `slack` filler bytes: exactly the memory the lookup may read.
                    let buffer = bytes + [UInt8](repeating: filler, count: slack)
                    let found = buffer.withUnsafeBufferPointer {
                        table.key(for: UnsafeBufferPointer(rebasing: $0[0..<bytes.count]), readableAfter: slack)
                    }
                    #expect(found == expected, "\(candidate) with \(slack) bytes of \(filler) after it")
                }
            }
        }
    }

    @Test func aShorterPrefixIsNotTheKey() {
        // `dropLast` of a known key may itself be known ("artifact" of "artifacts"): it must then
        // be that other key, never the longer one.
        for key in JSONKey.allCases {
            let prefix = String(key.spelling.dropLast())
            #expect(JSONKey(prefix) != key)
            #expect(JSONKey(prefix) == JSONKey.allCases.first { $0.spelling == prefix })
        }
    }

    @Test func escapedSpellingsAreTheSameKey() throws {
        let o = try #require(try JSONParser.parse(#"{"task\u0049d":"a","\u006bind":"task"}"#).objectValue)
        #expect(o[.taskId] == "a")
        #expect(o["taskId"] == "a")
        #expect(o[.kind] == "task")
        #expect(o.keys == ["taskId", "kind"])
    }

    @Test func duplicatesOfKnownAndUnknownKeysLastWinsFirstPositionStays() throws {
        let o = try #require(try JSONParser.parse(#"{"id":1,"zz":2,"i\u0064":3,"zz":4,"id":5}"#).objectValue)
        #expect(o.keys == ["id", "zz"])
        #expect(o[.id] == 5)
        #expect(o["id"] == 5)
        #expect(o["zz"] == 4)
        #expect(o.count == 2)
    }

    @Test func objectsBuiltInCodeAreTaggedToo() {
        var o = JSONObject()
        o["status"] = "x"
        o["other"] = 1
        #expect(o[.status] == "x")
        o["status"] = nil
        #expect(o[.status] == nil)
        #expect(JSONObject([("taskId", "t")])[.taskId] == "t")
    }

    /// Seeded runs: random objects over known, unknown and escaped keys (with duplicates, and
    /// large enough to switch to the hashed index), parsed, then every key looked up both ways
    /// against a reference built by hand.
    @Test(arguments: [1, 2, 3, 4])
    func lookupsByKeyAgreeWithLookupsByString(seed: UInt64) throws {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        let known = JSONKey.allCases.map(\.spelling)
        let pool = known + ["zz", "task", "Status", "x-custom", "taskIdx", "a", "ünïcode"]
        for _ in 0..<200 {
            var text = "{"
            var reference: [String: Int] = [:]
            var order: [String] = []
            let count = next(20)
            for n in 0..<count {
                let key = pool[next(pool.count)]
                // Sometimes escape the first character, which must not change the key.
                let first = key.unicodeScalars.first.map { String(format: "\\u%04x", $0.value) } ?? ""
                let written = next(4) == 0 ? first + String(key.unicodeScalars.dropFirst()) : key
                if n > 0 { text += "," }
                text += "\"\(written)\":\(n)"
                if reference[key] == nil { order.append(key) }
                reference[key] = n
            }
            text += "}"
            let o = try #require(try JSONParser.parse(text).objectValue)
            #expect(o.keys == order, "\(text)")
            for key in pool {
                let expected = reference[key].map { JSONValue.number(Double($0)) }
                #expect(o[key] == expected, "\(key) in \(text)")
                if let knownKey = JSONKey(key) { #expect(o[knownKey] == expected, "\(key) in \(text)") }
            }
        }
    }
}
