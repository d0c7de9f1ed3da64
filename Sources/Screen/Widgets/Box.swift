/// A border with an optional title: `┌─ Agents ───┐`. Draw the content in `inner(area)`.
public struct Box: Widget {
    public enum Charset: Hashable, Sendable {
        /// Light box drawing: ┌─┐│└┘.
        case unicode
        /// Rounded corners: ╭─╮│╰╯.
        case rounded
        /// Plain ASCII for terminals or fonts without box drawing: +-+|.
        case ascii
    }

    public var title: String?
    /// A focused box uses the `borderFocused` role instead of `border`.
    public var focused: Bool
    public var charset: Charset
    public var titleStyle: Style

    public init(title: String? = nil, focused: Bool = false, charset: Charset = .unicode, titleStyle: Style = Style(.title)) {
        self.title = title
        self.focused = focused
        self.charset = charset
        self.titleStyle = titleStyle
    }

    /// The area inside the border.
    public func inner(_ area: Rect) -> Rect {
        area.inset(by: 1)
    }

    public func render(into buffer: inout CellBuffer, area: Rect) {
        guard area.width >= 2, area.height >= 2 else { return }
        let glyphs = Box.glyphs(charset)
        let style = Style(focused ? .borderFocused : .border)
        let right = area.right - 1
        let bottom = area.bottom - 1
        let horizontal = Character(glyphs.horizontal)
        let vertical = Character(glyphs.vertical)
        buffer.fill(Rect(x: area.x + 1, y: area.y, width: area.width - 2, height: 1), with: horizontal, style: style)
        buffer.fill(Rect(x: area.x + 1, y: bottom, width: area.width - 2, height: 1), with: horizontal, style: style)
        buffer.fill(Rect(x: area.x, y: area.y + 1, width: 1, height: area.height - 2), with: vertical, style: style)
        buffer.fill(Rect(x: right, y: area.y + 1, width: 1, height: area.height - 2), with: vertical, style: style)
        buffer.put(glyphs.topLeft, x: area.x, y: area.y, style: style)
        buffer.put(glyphs.topRight, x: right, y: area.y, style: style)
        buffer.put(glyphs.bottomLeft, x: area.x, y: bottom, style: style)
        buffer.put(glyphs.bottomRight, x: right, y: bottom, style: style)
        buffer.clear(inner(area))
        // " Title " after one horizontal line, keeping the corner and one line on the right.
        if let title, !title.isEmpty, area.width >= 6 {
            let room = area.width - 4
            let shown = TextLayout.truncate(title, to: room - 2)
            buffer.put(" " + shown + " ", x: area.x + 2, y: area.y, style: titleStyle, maxWidth: room)
        }
    }

    static func glyphs(_ charset: Charset) -> (horizontal: String, vertical: String, topLeft: String, topRight: String, bottomLeft: String, bottomRight: String) {
        switch charset {
        case .unicode: return ("─", "│", "┌", "┐", "└", "┘")
        case .rounded: return ("─", "│", "╭", "╮", "╰", "╯")
        case .ascii: return ("-", "|", "+", "+", "+", "+")
        }
    }
}
