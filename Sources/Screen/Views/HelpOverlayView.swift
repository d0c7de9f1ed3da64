import Deck

/// The `?` overlay: one line per action of the effective key map (read-only mode has no
/// mutating keys, so none are listed), drawn in a box over everything below the header.
/// When the lines do not fit one column they flow into several, summaries shortened.
enum HelpOverlayView {
    static func entry(_ line: HelpLine, keyWidth: Int, width: Int) -> [Span] {
        let keys = " " + TextLayout.pad(line.keys.joined(separator: " "), to: keyWidth) + " "
        let text = TextLayout.truncate(line.text, to: max(0, width - CellWidth.of(keys)))
        return [Span(keys, style: Style(.prompt)), Span(text)]
    }

    static func render(_ help: [HelpLine], readOnly: Bool, into buffer: inout CellBuffer, body: Rect, options: DashboardView.Options) {
        guard body.width >= 10, body.height >= 3 else { return }
        let keyWidth = min(12, help.map { CellWidth.of($0.keys.joined(separator: " ")) }.max() ?? 0)
        let naturalWidth = (help.map { CellWidth.of($0.text) }.max() ?? 0) + keyWidth + 3
        let footer = [Span(" any key closes this help", style: Style(.dim))]
        let room = body.height - 2
        // Columns needed for every action, the footer only when there is a spare row.
        let columns = max(1, (help.count + room - 1) / max(1, room))
        let perColumn = (help.count + columns - 1) / columns
        let showsFooter = perColumn + 2 <= room
        let columnWidth = min(naturalWidth, (body.width - 2) / columns)
        let width = min(body.width, max(columnWidth * columns + 2, showsFooter ? 30 : 0))
        let height = min(body.height, perColumn + 2 + (showsFooter ? 2 : 0))
        let area = Rect(x: body.x + (body.width - width) / 2, y: body.y + (body.height - height) / 2, width: width, height: height)
        let box = Box(title: readOnly ? "Keys (read-only)" : "Keys", focused: true, charset: options.charset)
        buffer.render(box, in: area)
        let inner = box.inner(area)
        for (index, line) in help.enumerated() {
            let column = index / perColumn, row = index % perColumn
            let x = inner.x + column * columnWidth
            buffer.put(entry(line, keyWidth: keyWidth, width: columnWidth), x: x, y: inner.y + row, maxWidth: min(columnWidth, inner.right - x))
        }
        if showsFooter { buffer.put(footer, x: inner.x, y: inner.bottom - 1, maxWidth: inner.width) }
    }
}
