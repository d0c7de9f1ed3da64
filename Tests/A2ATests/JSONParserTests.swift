import Foundation
import Seeded
import Testing

@testable import A2A

@Suite struct JSONParserTests {
    func parse(_ text: String) throws -> JSONValue { try JSONParser.parse(Array(text.utf8)) }

    func parseError(_ bytes: [UInt8]) -> JSONParseError? {
        do {
            _ = try JSONParser.parse(bytes)
            return nil
        } catch {
            return error
        }
    }

    func parseError(_ text: String) -> JSONParseError? { parseError(Array(text.utf8)) }

    @Test func valuesAndWhitespace() throws {
        let v = try parse(" \t\r\n{\"a\" : [1, true, false, null, \"x\", {}, []] }\n")
        #expect(v == ["a": [1, true, false, nil, "x", .object(JSONObject()), []]])
    }

    @Test func keyOrderKeptAndDuplicateKeysLastWins() throws {
        let v = try parse(#"{"b":1,"a":2,"b":3}"#)
        let o = try #require(v.objectValue)
        #expect(o.keys == ["b", "a"])
        #expect(o["b"] == 3)
        #expect(o.count == 2)
    }

    @Test func nestingLimitIsAnErrorNotACrash() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let error = try #require(parseError(deep))
        #expect(error.reason.contains("nesting deeper than 512"))
        #expect(error.offset == 512)

        let ok = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(throws: Never.self) { try parse(ok) }
        let objects = String(repeating: "{\"a\":", count: 513) + "1" + String(repeating: "}", count: 513)
        #expect(parseError(objects) != nil)
    }

    @Test func escapes() throws {
        #expect(try parse(#""\"\\\/\b\f\n\r\t""#) == .string("\"\\/\u{8}\u{c}\n\r\t"))
        #expect(try parse(#""caf\u00e9 \u00E9""#) == .string("café é"))
        #expect(try parse(#""\ud83d\ude00!""#) == .string("😀!"))
        #expect(try parse(#""a\u0000b""#) == .string("a\u{0}b"))
    }

    @Test func loneSurrogatesBecomeReplacementCharacters() throws {
        #expect(try parse(#""\ud83dx""#) == .string("\u{FFFD}x"))
        #expect(try parse(#""\ude00""#) == .string("\u{FFFD}"))
        #expect(try parse(#""\ud83d\u0041""#) == .string("\u{FFFD}A"))
        #expect(try parse(#""\ud83d""#) == .string("\u{FFFD}"))
    }

    @Test func invalidUTF8BecomesReplacementCharacters() throws {
        #expect(try JSONParser.parse([0x22, 0xFF, 0x41, 0x22]) == .string("\u{FFFD}A"))
        #expect(try JSONParser.parse([0x22, 0xE2, 0x82, 0x22]) == .string("\u{FFFD}"))
        // with an escape, the slow path repairs too
        #expect(try JSONParser.parse([0x22, 0x5C, 0x6E, 0xC3, 0x22]) == .string("\n\u{FFFD}"))
        #expect(try JSONParser.parse(Array(#""żółw""#.utf8)) == .string("żółw"))
    }

    /// The string scanner reads eight bytes at a time: special bytes at every offset of a word,
    /// and at word boundaries, must still be seen.
    @Test func specialBytesAtEveryOffset() throws {
        for length in 1..<40 {
            for k in 0..<length {
                var escaped = Array(repeating: UInt8(ascii: "a"), count: length)
                escaped.replaceSubrange(k..<(k + 1), with: Array(#"\""#.utf8))
                var expected = Array(repeating: Character("a"), count: length)
                expected[k] = "\""
                #expect(try JSONParser.parse([0x22] + escaped + [0x22]) == .string(String(expected)), "length \(length) at \(k)")

                var quoted = Array(repeating: UInt8(ascii: "b"), count: length)
                quoted[k] = 0x22
                // the string ends at the inner quote; what follows is garbage after the value
                #expect(parseError([0x22] + quoted + [0x22])?.offset == k + 2, "length \(length) at \(k)")

                var control = Array(repeating: UInt8(ascii: "c"), count: length)
                control[k] = 0x1F
                #expect(parseError([0x22] + control + [0x22])?.offset == k + 1, "length \(length) at \(k)")

                var utf8 = Array(repeating: UInt8(ascii: "d"), count: length)
                utf8[k] = 0xC3  // a lone lead byte: repaired, not a terminator
                let repaired = try JSONParser.parse([0x22] + utf8 + [0x22]).stringValue
                #expect(repaired?.unicodeScalars.filter { $0 == "\u{FFFD}" }.count == 1)
            }
        }
    }

    @Test func invalidStrings() throws {
        let control = try #require(parseError([0x22, 0x61, 0x0A, 0x22]))
        #expect(control.offset == 2)
        #expect(control.reason.contains("control character"))
        #expect(parseError(#""\x""#)?.reason.contains("invalid escape") == true)
        #expect(parseError(#""\u12""#)?.reason.contains("\\u escape") == true)
        #expect(parseError(#""\u12G4""#)?.reason.contains("hex digit") == true)
        #expect(parseError(#""abc"#)?.reason == "unterminated string")
    }

    @Test func numbers() throws {
        let cases: [(String, Double)] = [
            ("0", 0), ("-0", -0.0), ("1.5", 1.5), ("1e3", 1000), ("1E-2", 0.01), ("33.0", 33), ("-12.75", -12.75),
            ("0.1", 0.1), ("2.5e+2", 250), ("9007199254740993", 9007199254740992),
            ("123456789012345.678", 123456789012345.678), ("1.7976931348623157e308", .greatestFiniteMagnitude),
            ("5e-324", .leastNonzeroMagnitude), ("0.000001", 0.000001), ("100.0000000000000000001", 100),
        ]
        for (text, expected) in cases {
            #expect(try parse(text) == .number(expected), "\(text)")
        }
        // Exactly what the standard library's correctly rounded conversion gives.
        for text in ["3.14159265358979323846", "1.0000000000000002", "2.2250738585072014e-308", "0.30000000000000004"] {
            #expect(try parse(text) == .number(Double(text)!), "\(text)")
        }
        #expect(try parse("1e400") == .number(.infinity))
        #expect(try parse("-1e400") == .number(-.infinity))
        #expect(try parse("12345678901234567890123456789") == .number(1.2345678901234568e28))
    }

    @Test func invalidNumbers() {
        for text in ["01", "1.", ".5", "-", "+1", "1e", "1e+", "NaN", "Infinity", "-Infinity", "0x10", "1.e3", "--1"] {
            #expect(parseError(text) != nil, "\(text) should be rejected")
        }
        #expect(parseError("01")?.reason == "leading zero in number")
    }

    @Test func grammarErrorsSayWhereAndWhat() throws {
        let trailing = try #require(parseError("{} x"))
        #expect(trailing.offset == 3)
        #expect(trailing.description == "invalid JSON at byte 3: unexpected 'x' after the JSON value")
        #expect(parseError(#"{"a":}"#)?.offset == 5)
        #expect(parseError("[1,]") != nil)
        #expect(parseError(#"{"a":1,}"#) != nil)
        #expect(parseError("// c\n{}") != nil)
        #expect(parseError("{'a':1}") != nil)
        #expect(parseError("")?.reason.contains("unexpected end of input") == true)
        #expect(parseError("tru")?.reason.contains("'true'") == true)
        #expect(parseError("nul1") != nil)
        #expect(parseError(#"{"a" 1}"#)?.reason == "expected ':' after object key")
        #expect(parseError("[1 2]")?.reason.contains("expected ',' or ']'") == true)
    }

    @Test func everyTruncationOfACaptureFailsCleanly() throws {
        let body = try Capture.load("gettask-v10.txt").body
        #expect(throws: Never.self) { try JSONParser.parse(body) }
        var failures = 0
        for length in 0..<body.count {
            if let error = parseError(Array(body[..<length])) {
                #expect(error.offset <= length)
                failures += 1
            }
        }
        #expect(failures == body.count)  // no proper prefix of one object is valid JSON
    }

    @Test func corruptedBytesNeverCrash() throws {
        let body = try Capture.load("stream-v03.txt").body
        var generator = SplitMix64(seed: 42)
        var parsed = 0
        for _ in 0..<2000 {
            var bytes = body
            for _ in 0..<3 {
                let i = Int(generator.next() % UInt64(bytes.count))
                bytes[i] = UInt8(truncatingIfNeeded: generator.next())
            }
            for event in splitSSE(bytes) {
                if (try? JSONParser.parse(event.data)) != nil { parsed += 1 }
            }
        }
        #expect(parsed > 0)
    }

    @Test func parsesFromStringsAndRawBuffers() throws {
        let text = #"{"é":"ü"}"#
        #expect(try JSONParser.parse(text) == ["é": "ü"])
        let bytes = Array(text.utf8)
        let fromBuffer = try bytes.withUnsafeBytes { try JSONParser.parse($0) }
        #expect(fromBuffer == ["é": "ü"])
        #expect(throws: JSONParseError.self) { try JSONParser.parse(UnsafeRawBufferPointer(start: nil, count: 0)) }
    }
}
