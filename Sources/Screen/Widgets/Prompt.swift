/// A one-line text input: a label, the text, and where the terminal cursor goes.
/// The text scrolls horizontally to keep the cursor visible; `…` marks text cut on the left.
///
/// ```swift
/// let prompt = Prompt(label: "send> ", text: state.input, cursor: state.inputCursor)
/// buffer.render(prompt, in: bottomRow)
/// app.cursor = prompt.cursorPosition(in: bottomRow)   // tell the backend where to show it
/// ```
public struct Prompt: Widget {
    public var label: String
    public var text: String
    /// The cursor as a `Character` offset into `text` (0...text.count).
    public var cursor: Int
    /// Shown dimmed when `text` is empty.
    public var placeholder: String
    public var labelStyle: Style
    public var textStyle: Style

    public init(label: String, text: String, cursor: Int? = nil, placeholder: String = "",
                labelStyle: Style = Style(.prompt), textStyle: Style = Style(.text)) {
        self.label = label
        self.text = text
        self.cursor = cursor ?? text.count
        self.placeholder = placeholder
        self.labelStyle = labelStyle
        self.textStyle = textStyle
    }

    /// What to show of `text` in `width` columns (label included) and the cursor's column.
    public func layout(width: Int) -> (label: String, visible: String, cursorColumn: Int) {
        let shownLabel = TextLayout.truncate(label, to: max(0, width - 1))
        let labelWidth = CellWidth.of(shownLabel)
        let field = width - labelWidth
        guard field > 0 else { return (shownLabel, "", max(0, min(labelWidth, width - 1))) }
        let characters = Array(text)
        let cursorIndex = min(max(0, cursor), characters.count)
        let widths = characters.map { CellWidth.of(String($0)) }
        let beforeCursor = widths[..<cursorIndex].reduce(0, +)
        // The cursor needs one free cell after the text before it.
        if beforeCursor < field {
            let visible = TextLayout.prefix(text, width: field).text
            return (shownLabel, visible, labelWidth + beforeCursor)
        }
        // Scrolled: "…" then as much of the text before the cursor as fits, then the rest.
        var start = cursorIndex
        var used = 0
        guard field >= 3 else { return (shownLabel, "", labelWidth) }
        while start > 0 && used + widths[start - 1] <= field - 2 {
            start -= 1
            used += widths[start]
        }
        let tail = String(characters[start...])
        let visible = TextLayout.ellipsis + TextLayout.prefix(tail, width: field - 1).text
        return (shownLabel, visible, labelWidth + 1 + used)
    }

    /// Where the terminal cursor belongs when the prompt is drawn in `area`.
    public func cursorPosition(in area: Rect) -> (x: Int, y: Int) {
        (area.x + layout(width: area.width).cursorColumn, area.y)
    }

    public func render(into buffer: inout CellBuffer, area: Rect) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        buffer.fill(row)
        let parts = layout(width: row.width)
        let x = row.x + buffer.put(parts.label, x: row.x, y: row.y, style: labelStyle, maxWidth: row.width)
        if text.isEmpty && !placeholder.isEmpty {
            buffer.put(placeholder, x: x, y: row.y, style: Style(.dim), maxWidth: row.right - x)
        } else {
            buffer.put(parts.visible, x: x, y: row.y, style: textStyle, maxWidth: row.right - x)
        }
    }
}
