import Deck

/// The `?` overlay: one line per action of the effective key map (read-only mode has no
/// mutating keys, so none are listed), drawn in a box over the body.
enum HelpOverlayView {
    static func lines(_ help: [HelpLine], keyWidth: Int) -> [[Span]] {
        help.map { line in
            [Span(" " + TextLayout.pad(line.keys.joined(separator: " "), to: keyWidth), style: Style(.prompt)), Span(" " + line.text)]
        }
    }

    static func render(_ help: [HelpLine], readOnly: Bool, into buffer: inout CellBuffer, body: Rect, options: DashboardView.Options) {
        let keyWidth = min(16, help.map { CellWidth.of($0.keys.joined(separator: " ")) }.max() ?? 0)
        var content = lines(help, keyWidth: keyWidth)
        content.append([])
        content.append([Span(" any key closes this help", style: Style(.dim))])
        let width = min(body.width - 2, max(40, (content.map(\.width).max() ?? 0) + 3))
        let height = min(body.height, content.count + 2)
        let area = Rect(x: body.x + (body.width - width) / 2, y: body.y + (body.height - height) / 2, width: width, height: height)
        let box = Box(title: readOnly ? "Keys (read-only)" : "Keys", focused: true, charset: options.charset)
        buffer.render(box, in: area)
        ScrolledLines.draw(content, from: 0, into: &buffer, area: box.inner(area))
    }
}
