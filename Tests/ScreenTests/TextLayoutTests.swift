import Testing
@testable import Screen

@Suite("TextLayout")
struct TextLayoutTests {
    @Test("truncate adds … only when something is cut, counting columns")
    func truncate() {
        #expect(TextLayout.truncate("hello", to: 5) == "hello")
        #expect(TextLayout.truncate("hello world", to: 5) == "hell…")
        #expect(TextLayout.truncate("日本語テキスト", to: 7) == "日本語…")
        #expect(TextLayout.truncate("日本語テキスト", to: 6) == "日本…")   // 日本 + … = 5, next wide does not fit
        #expect(TextLayout.truncate("abc", to: 1) == "…")
        #expect(TextLayout.truncate("abc", to: 0) == "")
        #expect(TextLayout.truncate("e\u{0301}e\u{0301}e\u{0301}", to: 3) == "e\u{0301}e\u{0301}e\u{0301}")
    }

    @Test("pad and right-align to an exact width")
    func pad() {
        #expect(TextLayout.pad("ab", to: 4) == "ab  ")
        #expect(TextLayout.rightAlign("ab", to: 4) == "  ab")
        #expect(TextLayout.pad("ab", to: 5, alignment: .center) == " ab  ")
        #expect(TextLayout.pad("日本", to: 5) == "日本 ")
        #expect(TextLayout.rightAlign("toolong", to: 4) == "too…")
        #expect(CellWidth.of(TextLayout.pad("日本語", to: 4)) == 4)
    }

    @Test("wrap breaks at spaces and keeps words whole")
    func wordWrap() {
        #expect(TextLayout.wrap("the quick brown fox jumps", width: 10) == ["the quick", "brown fox", "jumps"])
        #expect(TextLayout.wrap("a  b", width: 10) == ["a  b"])
        #expect(TextLayout.wrap("", width: 5) == [""])
        #expect(TextLayout.wrap("abc", width: 0) == [])
    }

    @Test("wrap hard-breaks long words and honours newlines and indentation")
    func hardBreak() {
        #expect(TextLayout.wrap("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
        #expect(TextLayout.wrap("x abcdefghij", width: 4) == ["x", "abcd", "efgh", "ij"])
        #expect(TextLayout.wrap("one\n\ntwo", width: 10) == ["one", "", "two"])
        #expect(TextLayout.wrap("  indented text", width: 11) == ["  indented", "text"])
    }

    @Test("wrap is wide-character aware")
    func wideWrap() {
        let lines = TextLayout.wrap("日本語のテキスト", width: 5)
        #expect(lines == ["日本", "語の", "テキ", "スト"])
        #expect(lines.allSatisfy { CellWidth.of($0) <= 5 })
        #expect(TextLayout.wrap("ok 日本語", width: 4) == ["ok", "日本", "語"])
    }
}

@Suite("Layout")
struct LayoutTests {
    let area = Rect(x: 2, y: 1, width: 40, height: 10)

    @Test("rows: fixed, fill and percent pieces")
    func rows() {
        let parts = area.rows([.fixed(1), .fill(), .fixed(2)])
        #expect(parts == [
            Rect(x: 2, y: 1, width: 40, height: 1),
            Rect(x: 2, y: 2, width: 40, height: 7),
            Rect(x: 2, y: 9, width: 40, height: 2),
        ])
    }

    @Test("columns share by weight with spacing, leftovers to the first fill")
    func columns() {
        let parts = area.columns([.percent(25), .fill(1), .fill(2)], spacing: 1)
        #expect(parts.map(\.width) == [10, 10, 18])
        #expect(parts.map(\.x) == [2, 13, 24])
        let uneven = Rect(x: 0, y: 0, width: 10, height: 1).columns([.fill(), .fill(), .fill()])
        #expect(uneven.map(\.width) == [4, 3, 3])
    }

    @Test("too little space shrinks later pieces instead of overflowing")
    func overflow() {
        let parts = Rect(x: 0, y: 0, width: 5, height: 1).columns([.fixed(4), .fixed(4), .fill()])
        #expect(parts.map(\.width) == [4, 1, 0])
        #expect(parts.map(\.width).reduce(0, +) <= 5)
    }

    @Test("inset and intersection")
    func geometry() {
        #expect(area.inset(by: 1) == Rect(x: 3, y: 2, width: 38, height: 8))
        #expect(Rect(x: 0, y: 0, width: 1, height: 1).inset(by: 2).isEmpty)
        #expect(area.intersection(Rect(x: 0, y: 0, width: 5, height: 5)) == Rect(x: 2, y: 1, width: 3, height: 4))
        #expect(area.intersection(Rect(x: 100, y: 100, width: 5, height: 5)).isEmpty)
    }
}
