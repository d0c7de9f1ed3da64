import Testing
@testable import Screen

@Suite("Widgets")
struct WidgetTests {
    @Test("Box draws a Unicode border with a title and clears the inside")
    func box() {
        var buffer = CellBuffer(width: 12, height: 4, fill: Cell("x"))
        buffer.render(Box(title: "Agents"), in: buffer.area)
        #expect(buffer.lines() == [
            "┌─ Agents ─┐",
            "│          │",
            "│          │",
            "└──────────┘",
        ])
        #expect(buffer[0, 0].style.role == .border)
        #expect(buffer[3, 0].style.role == .title)
        #expect(Box().inner(buffer.area) == Rect(x: 1, y: 1, width: 10, height: 2))
    }

    @Test("Box: ASCII fallback, focused role, long titles truncated")
    func boxVariants() {
        var buffer = CellBuffer(width: 10, height: 3)
        buffer.render(Box(title: "A very long title", focused: true, charset: .ascii), in: buffer.area)
        #expect(buffer.lines() == [
            "+- A v… -+",
            "|        |",
            "+--------+",
        ])
        #expect(buffer[0, 0].style.role == .borderFocused)
    }

    @Test("Table: header, alignment, flexible widths, selected row highlighted")
    func table() {
        let table = Table(columns: [
            .init("AGENT", width: .min(5)),
            .init("STATE", width: .fixed(9)),
            .init("N", width: .fixed(3), alignment: .right),
        ], rows: [
            [Span("alice"), Span("working", .stateWorking), Span("7")],
            [Span("bob"), Span("completed", .stateCompleted), Span("12")],
        ], selected: 1)
        var buffer = CellBuffer(width: 22, height: 4)
        buffer.render(table, in: buffer.area)
        #expect(buffer.lines() == [
            "AGENT    STATE       N",
            "alice    working     7",
            "bob      completed  12",
            String(repeating: " ", count: 22),
        ])
        #expect(buffer[0, 0].style.role == .header)
        #expect(buffer[9, 1].style.role == .stateWorking)
        #expect(buffer[8, 1].style.role == .text)        // the gap between columns
        #expect(buffer[9, 2].style.role == .selection)   // selection wins on the selected row
        #expect(buffer[8, 2].style.role == .selection)   // including the gaps
    }

    @Test("Table column widths: drop from the right when too narrow, cells truncated")
    func tableWidths() {
        let table = Table(columns: [
            .init("A", width: .fixed(4)), .init("B", width: .flex(1)), .init("C", width: .fixed(6)),
        ], rows: [[Span("abcdef"), Span("x"), Span("y")]])
        #expect(table.columnWidths(total: 20) == [4, 8, 6])
        #expect(table.columnWidths(total: 10) == [4, 5, 0])
        #expect(table.columnWidths(total: 3) == [0, 0, 0])
        var buffer = CellBuffer(width: 10, height: 2)
        buffer.render(table, in: buffer.area)
        #expect(buffer.lines() == ["A    B    ", "abc… x    "])
    }

    @Test("Table scrolling keeps the selection visible")
    func tableScroll() {
        #expect(Table.offset(keeping: 9, visibleRows: 3, rowCount: 10, from: 0) == 7)
        #expect(Table.offset(keeping: 2, visibleRows: 3, rowCount: 10, from: 5) == 2)
        #expect(Table.offset(keeping: 4, visibleRows: 3, rowCount: 10, from: 3) == 3)
        #expect(Table.offset(keeping: nil, visibleRows: 3, rowCount: 4, from: 9) == 1)
        #expect(Table.offset(keeping: 0, visibleRows: 0, rowCount: 4, from: 2) == 0)
        let rows = (0..<10).map { [Span("row \($0)")] }
        var buffer = CellBuffer(width: 6, height: 4)
        buffer.render(Table(columns: [.init("R")], rows: rows, selected: 8, offset: 0), in: buffer.area)
        #expect(buffer.lines() == ["R     ", "row 6 ", "row 7 ", "row 8 "])
    }

    @Test("ProgressBar: eighth blocks, percent, ASCII, clamping")
    func progress() {
        #expect(ProgressBar(fraction: 0.5).bar(width: 4) == ("██", "░░"))
        #expect(ProgressBar(fraction: 0.5625).bar(width: 4) == ("██▎", "░"))
        #expect(ProgressBar(fraction: 0.5, ascii: true).bar(width: 4) == ("##", ".."))
        #expect(ProgressBar(fraction: .nan).percentText == "  0%")
        #expect(ProgressBar(fraction: 7).percentText == "100%")
        #expect(ProgressBar(fraction: 0.999).percentText == " 99%")
        var buffer = CellBuffer(width: 10, height: 1)
        buffer.render(ProgressBar(fraction: 0.42), in: buffer.area)
        #expect(buffer.lines() == ["██░░░  42%"])
        #expect(buffer[0, 0].style.role == .ok)
        #expect(buffer[2, 0].style.role == .dim)
    }

    @Test("Sparkline scales to the maximum and keeps the newest values")
    func sparkline() {
        #expect(Sparkline(values: [0, 1, 2, 4, 8]).text(width: 10) == " ▁▂▄█")
        #expect(Sparkline(values: [1, 2, 3, 4, 5, 6, 7, 8]).text(width: 3) == "▆▇█")
        #expect(Sparkline(values: [4, 8], maximum: 16).text(width: 2) == "▂▄")
        #expect(Sparkline(values: [.nan, -1, .infinity, 1]).text(width: 4) == "   █")
        #expect(Sparkline(values: [1, 8], ascii: true).text(width: 2) == "_#")
        var buffer = CellBuffer(width: 5, height: 1)
        buffer.render(Sparkline(values: [1, 2]), in: buffer.area)
        #expect(buffer.lines() == ["   ▄█"])
    }

    @Test("StatusLine: right part wins, left truncated with …")
    func statusLine() {
        var buffer = CellBuffer(width: 20, height: 1)
        buffer.render(StatusLine(left: [Span("3 agents up, 1 down")], right: [Span("q quit")]), in: buffer.area)
        #expect(buffer.lines() == ["3 agents up,… q quit"])
    }

    @Test("Prompt: cursor after the text, scrolling keeps it visible")
    func prompt() {
        let short = Prompt(label: "> ", text: "hi", cursor: 2)
        #expect(short.layout(width: 10).cursorColumn == 4)
        var buffer = CellBuffer(width: 10, height: 1)
        buffer.render(short, in: buffer.area)
        #expect(buffer.lines() == ["> hi      "])
        #expect(buffer[0, 0].style.role == .prompt)
        let position = short.cursorPosition(in: Rect(x: 3, y: 7, width: 10, height: 1))
        #expect(position.x == 7 && position.y == 7)

        let long = Prompt(label: "> ", text: "abcdefghijkl", cursor: 12)
        let layout = long.layout(width: 10)
        #expect(layout.visible == "…ghijkl")
        #expect(layout.cursorColumn == 9)

        let middle = Prompt(label: "> ", text: "abcdefghijkl", cursor: 3)
        #expect(middle.layout(width: 10).visible == "abcdefgh")
        #expect(middle.layout(width: 10).cursorColumn == 5)

        let wide = Prompt(label: "", text: "日本語", cursor: 3)
        #expect(wide.layout(width: 5).visible == "…語")
        #expect(wide.layout(width: 5).cursorColumn == 3)

        var empty = CellBuffer(width: 12, height: 1)
        empty.render(Prompt(label: "> ", text: "", placeholder: "message"), in: empty.area)
        #expect(empty.lines() == ["> message   "])
        #expect(empty[2, 0].style.role == .dim)
    }
}
