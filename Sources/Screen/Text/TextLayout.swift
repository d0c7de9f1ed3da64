/// Fitting text into columns: truncate, pad, align, wrap. All widths are display columns
/// (`CellWidth`), so CJK and emoji count double and combining marks count zero.
/// Input should already be sanitized (`TextSanitizer`).
public enum TextLayout {
    public enum Alignment: Hashable, Sendable {
        case left, right, center
    }

    public static let ellipsis = "\u{2026}"  // …

    /// The longest prefix of `text` that fits in `width` columns; a wide character that would
    /// straddle the limit is left out. Zero-width marks stay with their base character.
    public static func prefix(_ text: String, width: Int) -> (text: String, width: Int) {
        var result = String.UnicodeScalarView()
        var used = 0
        for scalar in text.unicodeScalars {
            let scalarWidth = CellWidth.displayed(scalar)
            if used + scalarWidth > width { break }
            result.append(scalar)
            used += scalarWidth
        }
        return (String(result), used)
    }

    /// `text` cut to at most `width` columns, ending with `…` when something was cut.
    public static func truncate(_ text: String, to width: Int, ellipsis: String = TextLayout.ellipsis) -> String {
        guard width > 0 else { return "" }
        if CellWidth.of(text) <= width { return text }
        let ellipsisWidth = CellWidth.of(ellipsis)
        guard ellipsisWidth <= width else { return prefix(text, width: width).text }
        return prefix(text, width: width - ellipsisWidth).text + ellipsis
    }

    /// `text` truncated (with `…`) or padded with spaces to exactly `width` columns.
    public static func pad(_ text: String, to width: Int, alignment: Alignment = .left) -> String {
        guard width > 0 else { return "" }
        let fitted = truncate(text, to: width)
        let missing = width - CellWidth.of(fitted)
        guard missing > 0 else { return fitted }
        switch alignment {
        case .left: return fitted + String(repeating: " ", count: missing)
        case .right: return String(repeating: " ", count: missing) + fitted
        case .center:
            let left = missing / 2
            return String(repeating: " ", count: left) + fitted + String(repeating: " ", count: missing - left)
        }
    }

    /// `text` right-aligned in `width` columns.
    public static func rightAlign(_ text: String, to width: Int) -> String {
        pad(text, to: width, alignment: .right)
    }

    /// Word-wraps `text` to lines of at most `width` columns. `\n` starts a new line; words
    /// longer than a line are broken hard (never inside a wide character); spaces at a wrap
    /// point are dropped; leading indentation of a paragraph is kept.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            wrapParagraph(String(paragraph), width: width, into: &lines)
        }
        return lines
    }

    private static func wrapParagraph(_ paragraph: String, width: Int, into lines: inout [String]) {
        var line = ""
        var lineWidth = 0
        var pendingSpaces = 0
        var atParagraphStart = true
        for token in tokens(paragraph) {
            if token.isSpace {
                pendingSpaces += token.width
                continue
            }
            let spaces = (lineWidth > 0 || atParagraphStart) ? pendingSpaces : 0
            pendingSpaces = 0
            if lineWidth + spaces + token.width <= width {
                line += String(repeating: " ", count: spaces) + token.text
                lineWidth += spaces + token.width
            } else {
                if lineWidth > 0 {
                    lines.append(line)
                    line = ""
                    lineWidth = 0
                }
                var rest = token.text
                while CellWidth.of(rest) > width {
                    var piece = prefix(rest, width: width).text
                    if piece.isEmpty { piece = String(rest.unicodeScalars.first.map(Character.init) ?? " ") }
                    lines.append(piece)
                    rest = String(rest.unicodeScalars.dropFirst(piece.unicodeScalars.count))
                }
                line = rest
                lineWidth = CellWidth.of(rest)
            }
            atParagraphStart = false
        }
        lines.append(line)
    }

    private struct Token {
        var text: String
        var width: Int
        var isSpace: Bool
    }

    /// Splits a paragraph into alternating runs of spaces and of everything else.
    private static func tokens(_ paragraph: String) -> [Token] {
        var tokens: [Token] = []
        for scalar in paragraph.unicodeScalars {
            let isSpace = scalar == " "
            let scalarWidth = CellWidth.displayed(scalar)
            if var last = tokens.last, last.isSpace == isSpace {
                last.text.unicodeScalars.append(scalar)
                last.width += scalarWidth
                tokens[tokens.count - 1] = last
            } else {
                tokens.append(Token(text: String(scalar), width: scalarWidth, isSpace: isSpace))
            }
        }
        return tokens
    }
}
