/// The raw JSON overlay (`v`): an agent's JSON as received for the selected task or agent,
/// drawn over everything under the header. The caller gives already-redacted text; every line
/// is sanitized here like any agent string (the JSON came from an agent), and long lines wrap.
public enum RawView {
    /// - Parameters:
    ///   - lines: the text, one logical line each (pretty-printed JSON).
    ///   - scroll: the first logical line to show; clamped so the last page stays full.
    public static func render(
        title: String, lines: [String], scroll: Int, into buffer: inout CellBuffer, options: DashboardView.Options = .init()
    ) {
        guard !DashboardLayout.isTooSmall(width: buffer.width, height: buffer.height) else { return }
        let layout = DashboardLayout(width: buffer.width, height: buffer.height, focus: .tasks, zoomed: false)
        let area = layout.overlay
        buffer.clear(area)
        let box = Box(title: TextSanitizer.sanitize(title), focused: true, charset: options.charset)
        buffer.render(box, in: area)
        let inner = box.inner(area)
        guard inner.height >= 2, inner.width >= 4 else { return }
        let textRows = inner.height - 1
        let offset = max(0, min(scroll, lines.count - textRows))
        var row = 0
        var index = offset
        while row < textRows, index < lines.count {
            let safe = TextSanitizer.sanitize(lines[index], TextSanitizer.Options(lineBreaks: .placeholder, tabWidth: 4))
            for piece in TextLayout.wrap(safe, width: inner.width) where row < textRows {
                buffer.put(piece, x: inner.x, y: inner.y + row, maxWidth: inner.width)
                row += 1
            }
            index += 1
        }
        let position = lines.isEmpty ? "empty" : "line \(offset + 1)-\(index) of \(lines.count)"
        let footer = [Span(" Up/Down PgUp/PgDn scroll, any other key closes: \(position)", style: Style(.dim))]
        buffer.put(footer, x: inner.x, y: inner.bottom - 1, maxWidth: inner.width)
    }
}
