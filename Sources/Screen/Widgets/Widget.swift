/// Something that draws itself into a region of a cell buffer.
///
/// Widgets are plain values built fresh for every frame from the app state (as in ratatui):
/// they hold no state of their own, so rendering is a pure function of their fields.
/// Text given to a widget should already be sanitized (`TextSanitizer`) when it comes from an
/// agent; the buffer still draws any leftover control as a placeholder.
public protocol Widget {
    /// Draws inside `area` only (clipped to the buffer).
    func render(into buffer: inout CellBuffer, area: Rect)
}

extension CellBuffer {
    /// Renders a widget into a region: `buffer.render(Box(title: "Agents"), in: area)`.
    public mutating func render(_ widget: some Widget, in area: Rect) {
        widget.render(into: &self, area: area.intersection(self.area))
    }
}

extension Array where Element == Span {
    /// The spans cut to at most `width` columns, the last visible one ending in `…` when
    /// something was cut.
    public func truncated(to width: Int) -> [Span] {
        guard width > 0 else { return [] }
        guard self.width > width else { return self }
        var result: [Span] = []
        var remaining = width - 1  // room for the ellipsis
        for span in self {
            if remaining <= 0 { break }
            let piece = TextLayout.prefix(span.text, width: remaining)
            if !piece.text.isEmpty { result.append(Span(piece.text, style: span.style)) }
            remaining -= piece.width
            if piece.text.unicodeScalars.count < span.text.unicodeScalars.count { break }
        }
        let ellipsisStyle = result.last?.style ?? first?.style ?? .plain
        result.append(Span(TextLayout.ellipsis, style: ellipsisStyle))
        return result
    }
}
