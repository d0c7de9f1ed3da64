/// One terminal column.
///
/// A wide character (CJK, emoji) takes two cells: a lead cell with `width == 2` holding the
/// text, and a continuation cell (`width == 0`, empty text) to its right. The backend draws
/// only lead cells, each at its explicit position, so a width disagreement with the terminal
/// can never shift the rest of a row.
public struct Cell: Hashable, Sendable {
    /// One printable scalar plus at most `Cell.maxCombiningMarks` zero-width marks;
    /// empty for a continuation cell.
    public var text: String
    /// 1 or 2 for a cell that starts a character, 0 for the right half of a wide character.
    public var width: Int
    public var style: Style

    /// ncursesw's `cchar_t` holds a spacing character and up to 4 non-spacing ones.
    public static let maxCombiningMarks = 4

    public init(_ text: String, width: Int = 1, style: Style = .plain) {
        self.text = text
        self.width = width
        self.style = style
    }

    /// A space in the plain style: what a cleared buffer holds.
    public static let blank = Cell(" ")

    /// The right half of a wide character.
    public static func continuation(style: Style) -> Cell {
        Cell("", width: 0, style: style)
    }

    public var isContinuation: Bool { width == 0 }
}
