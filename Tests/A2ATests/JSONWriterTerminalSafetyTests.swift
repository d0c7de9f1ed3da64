import Testing
@testable import A2A

/// `agentdeck --json` prints agent text inside JSON strings; a terminal reading that output must
/// not act on it. JSON escapes C0 controls by rule; the writer escapes C1 controls, bidi controls
/// and U+2028/2029 as well, which is still the same JSON value (issue 7).
struct JSONWriterTerminalSafetyTests {
    static let hostile = "a\u{1B}]0;pwned\u{07}b\u{9B}31mc\u{85}d\u{9C}e\u{202E}f\u{2066}g\u{2069}h\u{200F}i\u{061C}j\u{2028}k\u{2029}l\u{7F}"

    @Test func terminalActiveCharactersAreEscaped() {
        let text = JSONValue.string(Self.hostile).jsonString
        #expect(text == #""a\u001b]0;pwned\u0007b\u009b31mc\u0085d\u009ce\u202ef\u2066g\u2069h\u200fi\u061cj\u2028k\u2029l\u007f""#)
    }

    @Test func escapingIsLossless() throws {
        let value: JSONValue = ["key\u{202E}": .string(Self.hostile)]
        #expect(try JSONParser.parse(value.jsonBytes) == value)
    }

    @Test func otherNonASCIIStaysRawUTF8() {
        // Neighbours of the escaped ranges, CJK and emoji are written as they are.
        let text = "\u{A0}\u{2027}\u{202F}\u{2065}\u{206A}\u{200D}é漢字🙂"
        #expect(JSONValue.string(text).jsonString == "\"" + text + "\"")
    }
}
