/// A run of text in one style. A styled line is `[Span]`.
public struct Span: Hashable, Sendable {
    public var text: String
    public var style: Style

    public init(_ text: String, style: Style = .plain) {
        self.text = text
        self.style = style
    }

    public init(_ text: String, _ role: ThemeRole) {
        self.init(text, style: Style(role))
    }

    /// Columns this span occupies when drawn.
    public var width: Int { CellWidth.of(text) }
}

extension Array where Element == Span {
    /// Columns a styled line occupies when drawn.
    public var width: Int { reduce(0) { $0 + $1.width } }
}
