/// One row with text on the left and on the right (`▶ 3 agents up   q quit  ? help`).
/// The row is filled in `style`; the right part wins when space is short and the left part is
/// truncated with `…`.
public struct StatusLine: Widget {
    public var left: [Span]
    public var right: [Span]
    public var style: Style

    public init(left: [Span], right: [Span] = [], style: Style = Style(.text)) {
        self.left = left
        self.right = right
        self.style = style
    }

    public func render(into buffer: inout CellBuffer, area: Rect) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        buffer.fill(row, style: style)
        let rightShown = right.truncated(to: row.width)
        let rightWidth = rightShown.width
        buffer.put(rightShown, x: row.right - rightWidth, y: row.y, maxWidth: rightWidth)
        let leftRoom = row.width - rightWidth - (rightWidth > 0 ? 1 : 0)
        buffer.put(left.truncated(to: leftRoom), x: row.x, y: row.y, maxWidth: leftRoom)
    }
}
