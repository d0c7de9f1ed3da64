import Foundation
import Seeded
import Testing

@testable import Wire

/// `HeaderLine` reads header lines from bytes; the reference is the `String` + Foundation code it
/// replaced (trim spaces and tabs, lowercase the name, join nothing).
@Suite struct HeaderLineTests {
    static func parse(_ text: String) -> HeaderLine {
        Array(text.utf8).withUnsafeBytes { HeaderLine($0) }
    }

    /// The old reading, for ASCII lines (where trimming Unicode spaces makes no difference).
    static func reference(_ text: String) -> HeaderLine {
        var line = Substring(text)
        while let last = line.last, last.isNewline { line = line.dropLast() }
        if line.hasPrefix("HTTP/") { return .status }
        if line.isEmpty { return .end }
        guard let colon = line.firstIndex(of: ":") else { return .other }
        return .field(name: line[..<colon].trimmingCharacters(in: .whitespaces).lowercased(),
                      value: line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
    }

    @Test func knownLines() {
        #expect(Self.parse("HTTP/1.1 304 Not Modified\r\n") == .status)
        #expect(Self.parse("HTTP/2 200\r\n") == .status)
        #expect(Self.parse("\r\n") == .end)
        #expect(Self.parse("\n") == .end)
        #expect(Self.parse("ETag: W/\"abc\"\r\n") == .field(name: "etag", value: "W/\"abc\""))
        #expect(Self.parse("Content-Type:\tapplication/json; charset=utf-8 \r\n") == .field(name: "content-type", value: "application/json; charset=utf-8"))
        #expect(Self.parse("X-Empty:\r\n") == .field(name: "x-empty", value: ""))
        #expect(Self.parse("Location: http://h/a:b\r\n") == .field(name: "location", value: "http://h/a:b"), "only the first colon splits")
        #expect(Self.parse("no colon here\r\n") == .other)
        #expect(Self.parse("X-Ünïcode: välue\r\n") == .field(name: "x-ünïcode", value: "välue"))
        #expect(Self.parse("X-Bad: \u{FFFD}\r\n") == .field(name: "x-bad", value: "\u{FFFD}"))
    }

    @Test func invalidUTF8IsRepairedNotFatal() {
        let bytes: [UInt8] = Array("X-Bin: a".utf8) + [0xFF, 0xC3] + Array("b\r\n".utf8)
        let line = bytes.withUnsafeBytes { HeaderLine($0) }
        #expect(line == .field(name: "x-bin", value: "a\u{FFFD}\u{FFFD}b"))
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func randomASCIILinesReadAsBefore(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        let alphabet = Array("aZ-_:/ \t\"0123456789HTTPxX;=,.\r\n")
        for _ in 0..<2_000 {
            let count = Int.random(in: 0..<24, using: &random)
            var text = String((0..<count).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &random)] })
            if Bool.random(using: &random) { text += "\r\n" }
            #expect(Self.parse(text) == Self.reference(text), "\(text.debugDescription)")
        }
    }
}
