import Deck
import Testing

@testable import Screen

@Suite struct RawViewTests {
    private func draw(_ lines: [String], scroll: Int = 0, width: Int = 80, height: Int = 20) -> CellBuffer {
        var buffer = CellBuffer(width: width, height: height)
        RawView.render(title: "Raw JSON: task t-1", lines: lines, scroll: scroll, into: &buffer)
        return buffer
    }

    @Test func agentTextIsSanitizedNothingReachesTheTerminalAsAControl() {
        let hostile = ["{\"text\": \"\u{1B}]0;pwned\u{07}\u{1B}[2J clear \u{9B}31m \u{202E}evil\"}"]
        let text = draw(hostile).description
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(!text.unicodeScalars.contains { (0x80...0x9F).contains($0.value) || $0 == "\u{202E}" })
        #expect(text.contains("\u{241B}"), "escape sequences are shown as ␛")
        #expect(text.contains("clear"))
    }

    @Test func longLinesWrapAndScrollingClampsToTheLastPage() {
        let lines = (1...100).map { "line \($0)" } + [String(repeating: "x", count: 200)]
        let top = draw(lines).description
        #expect(top.contains("line 1 ") && top.contains("Raw JSON: task t-1"))
        let bottom = draw(lines, scroll: 10_000).description
        #expect(bottom.contains("line 100"), "scrolled past the end shows the last page:\n\(bottom)")
        #expect(!bottom.contains("line 1 "))
        #expect(bottom.contains(String(repeating: "x", count: 70)), "the long line wraps instead of being cut")
    }
}
