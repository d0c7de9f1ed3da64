import Testing
@testable import Screen

@Suite("TextSanitizer")
struct TextSanitizerTests {
    func clean(_ text: String) -> String { TextSanitizer.sanitize(text) }

    @Test("C0 controls become control pictures; newline is ␤")
    func c0() {
        #expect(clean("a\nb") == "a␤b")
        #expect(clean("a\rb") == "a␍b")
        #expect(clean("a\tb") == "a␉b")
        #expect(clean("a\u{8}b") == "a␈b")
        #expect(clean("\u{0}\u{7}") == "␀␇")
        #expect(clean("del\u{7F}") == "del␡")
    }

    @Test("ESC, CSI, OSC and other escape sequences collapse to one ␛")
    func escapeSequences() {
        #expect(clean("\u{1B}[31mred\u{1B}[0m") == "␛red␛")
        #expect(clean("\u{1B}[2J\u{1B}[H") == "␛␛")
        #expect(clean("\u{1B}[?1049h") == "␛")
        #expect(clean("x\u{1B}]0;pwned title\u{7}y") == "x␛y")                  // OSC with BEL
        #expect(clean("x\u{1B}]8;;http://evil\u{1B}\\link\u{1B}]8;;\u{1B}\\y") == "x␛link␛y")  // OSC 8 hyperlink
        #expect(clean("\u{1B}P1$r0m\u{1B}\\after") == "␛after")                  // DCS
        #expect(clean("\u{1B}7saved\u{1B}8") == "␛saved␛")                       // two-byte escapes
        #expect(clean("\u{1B}(Bascii") == "␛ascii")                              // charset designation
        #expect(clean("end\u{1B}") == "end␛")                                     // lone ESC at the end
        #expect(clean("\u{1B}[12") == "␛")                                       // truncated CSI
    }

    @Test("an unterminated OSC only loses its introducer, the text stays visible")
    func unterminatedOSC() {
        #expect(clean("\u{1B}]0;never ends") == "␛0;never ends")
    }

    @Test("C1 controls: CSI/OSC introducers swallow their sequence, others become �")
    func c1() {
        #expect(clean("a\u{9B}31mb") == "a␛b")
        #expect(clean("a\u{9D}0;title\u{9C}b") == "a␛b")
        #expect(clean("a\u{85}b") == "a␤b")  // NEL is a line break
        #expect(clean("a\u{80}\u{8F}b") == "a��b")
    }

    @Test("bidi overrides, isolates and marks become ⇄")
    func bidi() {
        #expect(clean("abc\u{202E}fed") == "abc⇄fed")
        #expect(clean("\u{2066}x\u{2069}") == "⇄x⇄")
        #expect(clean("\u{200E}\u{200F}\u{061C}") == "⇄⇄⇄")
        #expect(clean("\u{202A}\u{202B}\u{202C}\u{202D}") == "⇄⇄⇄⇄")
    }

    @Test("invalid UTF-8 becomes U+FFFD")
    func invalidUTF8() {
        let bytes: [UInt8] = [0x61, 0xFF, 0x62, 0xC3, 0x28, 0xE6, 0x97, 0xA5]  // a, bad, b, broken é, (, 日
        #expect(TextSanitizer.sanitize(utf8: bytes) == "a\u{FFFD}b\u{FFFD}(日")
        #expect(TextSanitizer.sanitize(utf8: [0x1B, 0x5B, 0x6D, 0x6F, 0x6B]) == "␛ok")
    }

    @Test("CJK, emoji, combining marks and Hangul pass through unchanged")
    func printablePassThrough() {
        for text in ["日本語のテキスト", "😀👍🏽", "e\u{0301}", "한국어", "Ñandú", "🇺🇸", "Ａ"] {
            #expect(clean(text) == text)
        }
    }

    @Test("unassigned code points become �")
    func unassigned() {
        #expect(clean("a\u{0378}b") == "a\u{FFFD}b")
        #expect(clean("\u{2028}") == "␤")
    }

    @Test("multi-line mode keeps line breaks (CRLF too) and expands tabs to stops")
    func multiLine() {
        #expect(TextSanitizer.sanitize("a\r\nb\nc", .multiLine) == "a\nb\nc")
        #expect(TextSanitizer.sanitize("a\u{2028}b", .multiLine) == "a\nb")
        #expect(TextSanitizer.sanitize("a\tb\nab\tc", .multiLine) == "a   b\nab  c")
        #expect(TextSanitizer.sanitize("日\tx", .multiLine) == "日  x")
        #expect(TextSanitizer.sanitize("lone\rcr", .multiLine) == "lone␍cr")
        #expect(TextSanitizer.sanitize("a\nb", TextSanitizer.Options(lineBreaks: .space)) == "a b")
    }

    @Test("hostile input is bounded")
    func bounded() {
        let long = String(repeating: "x", count: 10_000)
        let result = TextSanitizer.sanitize(long, TextSanitizer.Options(maxScalars: 100))
        #expect(result == String(repeating: "x", count: 100) + "…")
        // A huge unterminated OSC does not hide the text that follows.
        let osc = "\u{1B}]" + String(repeating: "y", count: 5000)
        #expect(clean(osc).hasPrefix("␛yyy"))
    }

    @Test("the wrapping helper splits on newlines instead of showing ␤")
    func wrapped() {
        #expect(TextSanitizer.wrapped("one\ntwo \u{1B}[1mthree", width: 20) == ["one", "two ␛three"])
    }
}
