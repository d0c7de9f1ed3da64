/// The scrollable content of the detail pane, built line by line. Stops collecting once it has
/// `limit` lines (what the pane can show from the scroll offset), so a huge artifact costs a
/// screenful per frame, not its whole length.
struct DetailLines {
    private(set) var lines: [[Span]] = []
    let width: Int
    let limit: Int
    /// Lines were left out because the limit was reached.
    private(set) var isCut = false

    init(width: Int, limit: Int) {
        self.width = max(1, width)
        self.limit = max(0, limit)
    }

    var isFull: Bool { lines.count >= limit }

    mutating func add(_ spans: [Span]) {
        guard !isFull else {
            isCut = true
            return
        }
        lines.append(spans)
    }

    mutating func add(_ text: String, _ role: ThemeRole = .text) { add([Span(text, role)]) }

    mutating func blank() { add([]) }

    /// A section heading: `── Artifacts (2) ──`.
    mutating func section(_ title: String) {
        if !lines.isEmpty { blank() }
        add([Span("── " + title + " ", style: Style(.title))])
    }

    /// `label  value` with the label dimmed; the value (already sanitized) wraps under itself.
    mutating func field(_ label: String, _ value: String, _ role: ThemeRole = .text, labelWidth: Int = 9) {
        let pad = TextLayout.pad(label, to: labelWidth)
        let room = max(1, width - labelWidth)
        let wrapped = TextLayout.wrap(value, width: room)
        for (i, line) in wrapped.enumerated() where !isFull {
            add([Span(i == 0 ? pad : String(repeating: " ", count: labelWidth), style: Style(.dim)), Span(line, role)])
        }
        if wrapped.isEmpty { add([Span(pad, style: Style(.dim))]) }
    }

    /// Agent text, sanitized and wrapped with an indent.
    mutating func agentText(_ text: String, _ role: ThemeRole = .text, indent: Int = 2, maxScalars: Int = 16_384) {
        guard !isFull else {
            isCut = true
            return
        }
        let margin = String(repeating: " ", count: indent)
        for line in ViewText.agentLines(text, width: max(1, width - indent), maxScalars: maxScalars) {
            add([Span(margin + line, role)])
            if isFull { break }
        }
        if text.unicodeScalars.count > maxScalars {
            add("\(margin)… \(text.unicodeScalars.count - maxScalars) more characters (y copies all)", .dim)
        }
    }
}

/// Draws lines from a scroll offset, clamped so the last page stays full.
enum ScrolledLines {
    /// The first line to show for `requested`, given the lines known (and whether more exist).
    static func offset(requested: Int, lineCount: Int, height: Int, complete: Bool) -> Int {
        let wanted = max(0, requested)
        guard complete else { return wanted }
        return min(wanted, max(0, lineCount - height))
    }

    static func draw(_ lines: [[Span]], from offset: Int, into buffer: inout CellBuffer, area: Rect) {
        for row in 0..<area.height {
            let index = offset + row
            guard index < lines.count else { break }
            buffer.put(lines[index].truncated(to: area.width), x: area.x, y: area.y + row, maxWidth: area.width)
        }
    }
}
