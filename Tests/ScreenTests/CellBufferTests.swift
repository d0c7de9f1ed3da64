import Testing
@testable import Screen

@Suite("CellBuffer")
struct CellBufferTests {
    @Test("put writes text and reports columns used")
    func putText() {
        var buffer = CellBuffer(width: 10, height: 2)
        let used = buffer.put("hello", x: 1, y: 0)
        #expect(used == 5)
        #expect(buffer.lines() == [" hello    ", "          "])
    }

    @Test("put clips to maxWidth and to the right edge; rows outside are ignored")
    func clipping() {
        var buffer = CellBuffer(width: 6, height: 1)
        #expect(buffer.put("abcdef", x: 0, y: 0, maxWidth: 3) == 3)
        #expect(buffer.lines() == ["abc   "])
        #expect(buffer.put("xyz", x: 4, y: 0) == 2)
        #expect(buffer.lines() == ["abc xy"])
        buffer.put("nothing", x: 0, y: 5)
        buffer.put("nothing", x: 0, y: -1)
        #expect(buffer.lines() == ["abc xy"])
    }

    @Test("wide characters take a lead and a continuation cell")
    func wideCharacters() {
        var buffer = CellBuffer(width: 6, height: 1)
        #expect(buffer.put("日本", x: 0, y: 0) == 4)
        #expect(buffer[0, 0].text == "日")
        #expect(buffer[0, 0].width == 2)
        #expect(buffer[1, 0].isContinuation)
        #expect(buffer[2, 0].text == "本")
        #expect(buffer.lines() == ["日本  "])
    }

    @Test("a wide character at the last column becomes a space")
    func wideAtEdge() {
        var buffer = CellBuffer(width: 5, height: 1)
        #expect(buffer.put("ab日本", x: 0, y: 0) == 5)
        #expect(buffer.lines() == ["ab日 "])
        #expect(buffer[4, 0].text == " ")
        #expect(!buffer[4, 0].isContinuation)
        var limited = CellBuffer(width: 5, height: 1, fill: Cell("."))
        #expect(limited.put("日本", x: 0, y: 0, maxWidth: 3) == 3)
        #expect(limited.lines() == ["日 .."])
    }

    @Test("overwriting half of a wide character blanks the other half")
    func overwriteHalves() {
        var buffer = CellBuffer(width: 6, height: 1)
        buffer.put("日本語", x: 0, y: 0)
        buffer.put("x", x: 1, y: 0)  // right half of 日
        #expect(buffer.lines() == [" x本語"])
        buffer.put("y", x: 2, y: 0)  // left half of 本
        #expect(buffer.lines() == [" xy 語"])
        #expect(!buffer[3, 0].isContinuation)
        buffer.put("漢", x: 3, y: 0)  // wide over the blank and the left half of 語
        #expect(buffer.lines() == [" xy漢 "])
        #expect(buffer.row(0).map(\.width) == [1, 1, 1, 2, 0, 1])
    }

    @Test("combining marks join the previous cell and never shift columns")
    func combining() {
        var buffer = CellBuffer(width: 4, height: 1)
        #expect(buffer.put("e\u{0301}x", x: 0, y: 0) == 2)
        #expect(buffer[0, 0].text == "e\u{0301}")
        #expect(buffer[1, 0].text == "x")
        // A leading mark has nothing to join and is dropped; marks beyond four are dropped.
        var zalgo = CellBuffer(width: 3, height: 1)
        #expect(zalgo.put("\u{0301}a" + String(repeating: "\u{0302}", count: 30) + "b", x: 0, y: 0) == 2)
        #expect(zalgo[0, 0].text.unicodeScalars.count == 1 + Cell.maxCombiningMarks)
        #expect(zalgo[1, 0].text == "b")
    }

    @Test("emoji: ZWJ and VS16 are dropped so every terminal agrees on the width")
    func emoji() {
        var buffer = CellBuffer(width: 8, height: 1)
        #expect(buffer.put("👨‍👩‍👧", x: 0, y: 0) == 6)
        #expect(buffer.lines() == ["👨👩👧  "])
        var heart = CellBuffer(width: 3, height: 1)
        #expect(heart.put("❤️", x: 0, y: 0) == 1)
        #expect(heart[0, 0].text == "❤")
    }

    @Test("controls that slipped past the sanitizer still show as placeholders")
    func safetyNet() {
        var buffer = CellBuffer(width: 8, height: 1)
        #expect(buffer.put("a\u{1B}[1m\n", x: 0, y: 0) == 6)
        #expect(buffer.lines() == ["a␛[1m␤  "])
    }

    @Test("fill, clear, setStyle and row access")
    func fillAndClear() {
        var buffer = CellBuffer(width: 4, height: 3)
        buffer.fill(Rect(x: 1, y: 1, width: 2, height: 2), with: "#", style: Style(.error))
        #expect(buffer.lines() == ["    ", " ## ", " ## "])
        #expect(buffer[1, 1].style.role == .error)
        buffer.setStyle(Style(.ok), in: Rect(x: 0, y: 1, width: 4, height: 1))
        #expect(buffer.row(1).allSatisfy { $0.style.role == .ok })
        buffer.clear(Rect(x: 2, y: 2, width: 5, height: 5))
        #expect(buffer.lines() == ["    ", " ## ", " #  "])
        buffer.clear()
        #expect(buffer.lines() == ["    ", "    ", "    "])
        buffer.fill(buffer.area, with: "日")
        #expect(buffer.lines()[0] == "日日")
        var odd = CellBuffer(width: 3, height: 1)
        odd.fill(odd.area, with: "日")
        #expect(odd.lines() == ["日 "])
    }

    @Test("fill repairs wide characters cut at both edges of the rectangle")
    func fillCutsWideCharacters() {
        var buffer = CellBuffer(width: 6, height: 1)
        buffer.put("日本語", x: 0, y: 0)
        buffer.fill(Rect(x: 1, y: 0, width: 2, height: 1), with: "-")
        #expect(buffer.lines() == [" -- 語"])
        #expect(buffer.row(0).map(\.width) == [1, 1, 1, 1, 2, 0])
    }

    @Test("styled spans and init(lines:)")
    func spans() {
        var buffer = CellBuffer(width: 10, height: 1)
        let used = buffer.put([Span("ok ", .ok), Span("failed", .stateFailed)], x: 0, y: 0, maxWidth: 7)
        #expect(used == 7)
        #expect(buffer.lines() == ["ok fail   "])
        #expect(buffer[0, 0].style.role == .ok)
        #expect(buffer[3, 0].style.role == .stateFailed)
        let expected = CellBuffer(lines: ["ab", "日"])
        #expect(expected.width == 2)
        #expect(expected.lines() == ["ab", "日"])
    }

    @Test("writing at negative x clips on the left, keeping wide characters honest")
    func negativeX() {
        var buffer = CellBuffer(width: 4, height: 1, fill: Cell("."))
        #expect(buffer.put("ab日c", x: -3, y: 0) == 5)
        #expect(buffer.lines() == [" c.."])
    }

    @Test("blit copies another buffer, clipped")
    func blit() {
        var buffer = CellBuffer(width: 4, height: 2, fill: Cell("."))
        buffer.blit(CellBuffer(lines: ["日x", "yz"]), x: 1, y: 1)
        #expect(buffer.lines() == ["....", ".日x"])
    }
}
