/// Shown instead of a garbled layout when the terminal is below `DashboardLayout`'s minimum:
/// the current size and the size needed, with the mode still on the first line.
enum TooSmallView {
    static func render(readOnly: Bool, into buffer: inout CellBuffer) {
        let area = buffer.area
        guard !area.isEmpty else { return }
        buffer.put([Span("AgentDeck", style: Style(.header)), Span(" "),
                    readOnly ? Span("[RO]", style: Style(.warning).bold) : Span("[RW]", style: Style(.ok).bold)],
                   x: 0, y: 0, maxWidth: area.width)
        let lines = [
            "terminal too small: \(area.width)×\(area.height)",
            "need at least \(DashboardLayout.minimumWidth)×\(DashboardLayout.minimumHeight)",
        ]
        let top = max(1, (area.height - lines.count) / 2)
        for (i, line) in lines.enumerated() {
            let shown = TextLayout.truncate(line, to: area.width)
            let x = max(0, (area.width - CellWidth.of(shown)) / 2)
            buffer.put(shown, x: x, y: top + i, style: Style(i == 0 ? .warning : .dim), maxWidth: area.width)
        }
    }
}
