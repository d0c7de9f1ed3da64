import Foundation
import Testing
@testable import FleetKit

@Suite struct JSONTests {
    @Test func printsPythonStyleWithSpacesAndFloatsWithPointZero() {
        let value = JSON.object([("result", .object([("progress", .double(33)), ("ok", .bool(true))])), ("id", .int(1))])
        #expect(value.serialized(.python) == #"{"result": {"progress": 33.0, "ok": true}, "id": 1}"#)
        #expect(value.serialized(.compact) == #"{"result":{"progress":33.0,"ok":true},"id":1}"#)
    }

    @Test func keepsNonASCIIRawAndEscapesControls() {
        #expect(JSON.string("库存\n\"x\"\u{01}").serialized() == "\"库存\\n\\\"x\\\"\\u0001\"")
    }

    @Test func sortedKeysSortsNestedObjects() {
        let value = JSON.object([("b", .int(1)), ("a", .object([("z", .null), ("kind", .string("task"))]))])
        #expect(value.sortedKeys().serialized() == #"{"a":{"kind":"task","z":null},"b":1}"#)
    }

    @Test func parsesKeepingOrderAndDecodingEscapes() throws {
        let value = try JSON.parse(#"{"z":1,"a":[true,null,2.5,-3],"s":"\u00e9\ud83d\ude00\n"}"#)
        guard case let .object(members) = value else { Issue.record("not an object"); return }
        #expect(members.map(\.0) == ["z", "a", "s"])
        #expect(value["a"] == .array([.bool(true), .null, .double(2.5), .int(-3)]))
        #expect(value["s"]?.stringValue == "é😀\n")
    }

    @Test(arguments: ["", "{", #"{"a":}"#, "[1,]", #""unterminated"#, "tru", "1 2", String(repeating: "[", count: 100)])
    func rejectsBadInputWithoutTrapping(_ text: String) {
        #expect(throws: JSONParseError.self) { try JSON.parse(text) }
    }

    @Test func rejectsOversizedBodies() {
        let big = Data(repeating: UInt8(ascii: " "), count: JSON.maxInputBytes + 1)
        #expect(throws: JSONParseError.tooLarge) { try JSON.parse(big) }
    }

    @Test func intValueAcceptsWholeDoubles() {
        #expect(JSON.double(10).intValue == 10)
        #expect(JSON.double(10.5).intValue == nil)
        #expect(JSON.string("10").intValue == nil)
    }
}
