/// A width x height grid of cells: what a view draws and the terminal backend shows.
///
/// Writing never goes outside the grid and keeps wide characters whole: a wide character that
/// would straddle the right edge (or `maxWidth`) becomes a space, and overwriting either half
/// of a wide character blanks the other half.
public struct CellBuffer: Hashable, Sendable, CustomStringConvertible {
    public let width: Int
    public let height: Int
    /// Row-major: the cell at (x, y) is `cells[y * width + x]`.
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: fill, count: self.width * self.height)
    }

    /// A buffer holding these lines in the plain style, as wide as the widest: handy in tests.
    public init(lines: [String]) {
        self.init(width: lines.map { CellWidth.of($0) }.max() ?? 0, height: lines.count)
        for (row, line) in lines.enumerated() {
            put(line, x: 0, y: row)
        }
    }

    /// The whole buffer as a rectangle.
    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at (x, y); a blank cell outside the grid.
    public subscript(x: Int, y: Int) -> Cell {
        guard contains(x: x, y: y) else { return .blank }
        return cells[y * width + x]
    }

    public func contains(x: Int, y: Int) -> Bool {
        x >= 0 && y >= 0 && x < width && y < height
    }

    /// The cells of one row (empty outside the grid).
    public func row(_ y: Int) -> ArraySlice<Cell> {
        guard y >= 0, y < height else { return [] }
        return cells[(y * width)..<((y + 1) * width)]
    }

    /// Each row as text: lead cells' text in order, continuation cells skipped (so a wide
    /// character appears once). Compare with expected screens in tests.
    public func lines() -> [String] {
        (0..<height).map { y in
            row(y).reduce(into: "") { line, cell in line += cell.text }
        }
    }

    public var description: String { lines().joined(separator: "\n") }

    // MARK: Writing

    /// Sets one cell, repairing any wide character it cuts in half. A width-2 cell needs its
    /// right neighbour inside the grid (and gets a continuation there); otherwise it is ignored.
    public mutating func set(_ cell: Cell, x: Int, y: Int) {
        guard contains(x: x, y: y) else { return }
        if cell.width == 2 {
            guard x + 1 < width else { return }
            breakWideCharacter(at: x, y: y)
            breakWideCharacter(at: x + 1, y: y)
            cells[y * width + x] = cell
            cells[y * width + x + 1] = .continuation(style: cell.style)
        } else {
            breakWideCharacter(at: x, y: y)
            cells[y * width + x] = cell
        }
    }

    /// Writes text starting at (x, y) in one style, clipped to the buffer and to `maxWidth`
    /// columns. Controls are drawn as `TextSanitizer` placeholders (a safety net: agent text
    /// should have been sanitized already); zero-width marks join the previous character.
    /// Returns the number of columns used.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain, maxWidth: Int? = nil) -> Int {
        let limit = min(width, maxWidth.map { x + max(0, $0) } ?? width)
        let rowVisible = y >= 0 && y < height
        var column = x
        var lastIndex: Int?  // the cell that zero-width marks attach to
        for original in text.unicodeScalars {
            let scalar: Unicode.Scalar
            let scalarWidth: Int
            if original.value >= 0x20 && original.value < 0x7F {
                scalar = original  // printable ASCII, the common case: no lookups
                scalarWidth = 1
            } else {
                scalar = TextSanitizer.placeholder(for: original) ?? original
                if CellBuffer.isDropped(scalar) { continue }
                scalarWidth = CellWidth.of(scalar)
            }
            if scalarWidth == 0 {
                if let index = lastIndex, cells[index].text.unicodeScalars.count <= Cell.maxCombiningMarks {
                    cells[index].text.unicodeScalars.append(scalar)
                }
                continue
            }
            if column >= limit { break }
            if scalarWidth == 2 && column + 1 >= limit {
                // A wide character that does not fit whole: a space keeps the column honest.
                if column >= 0 && rowVisible { set(Cell(" ", style: style), x: column, y: y) }
                column += 1
                break
            }
            if column == -1 && scalarWidth == 2 && rowVisible {
                set(Cell(" ", style: style), x: 0, y: y)  // the visible half of a clipped wide character
                lastIndex = nil
            } else if column >= 0 && rowVisible {
                set(Cell(String(scalar), width: scalarWidth, style: style), x: column, y: y)
                lastIndex = y * width + column
            } else {
                lastIndex = nil
            }
            column += scalarWidth
        }
        return max(0, column - x)
    }

    /// Writes styled spans one after another; returns the columns used.
    @discardableResult
    public mutating func put(_ spans: [Span], x: Int, y: Int, maxWidth: Int? = nil) -> Int {
        var used = 0
        for span in spans {
            let remaining = maxWidth.map { $0 - used }
            if let remaining, remaining <= 0 { break }
            used += put(span.text, x: x + used, y: y, style: span.style, maxWidth: remaining)
        }
        return used
    }

    /// Fills a rectangle (clipped to the grid) with one character in one style.
    public mutating func fill(_ rect: Rect, with character: Character = " ", style: Style = .plain) {
        let clipped = rect.intersection(area)
        let text = String(character)
        let characterWidth = CellWidth.of(text) == 2 ? 2 : 1
        guard !clipped.isEmpty else { return }
        if characterWidth == 1 {
            // Only wide characters straddling the edges can be cut: repair those, then
            // assign the cells directly (fills clear whole screens every frame).
            let cell = Cell(text, style: style)
            for y in clipped.y..<clipped.bottom {
                breakWideCharacter(at: clipped.x, y: y)
                breakWideCharacter(at: clipped.right - 1, y: y)
                let rowStart = y * width
                for x in clipped.x..<clipped.right { cells[rowStart + x] = cell }
            }
            return
        }
        for y in clipped.y..<clipped.bottom {
            var x = clipped.x
            while x < clipped.right {
                if characterWidth == 2 && x + 1 >= clipped.right {
                    set(Cell(" ", style: style), x: x, y: y)
                } else {
                    set(Cell(text, width: characterWidth, style: style), x: x, y: y)
                }
                x += characterWidth
            }
        }
    }

    /// Changes the style of every cell in a rectangle, keeping the text (e.g. to highlight a row).
    public mutating func setStyle(_ style: Style, in rect: Rect) {
        let clipped = rect.intersection(area)
        for y in clipped.y..<clipped.bottom {
            for x in clipped.x..<clipped.right {
                cells[y * width + x].style = style
            }
        }
    }

    /// Blanks the whole buffer.
    public mutating func clear() {
        for index in cells.indices { cells[index] = .blank }
    }

    /// Blanks a rectangle.
    public mutating func clear(_ rect: Rect) {
        fill(rect)
    }

    /// Copies another buffer in with its top-left corner at (x, y), clipped.
    public mutating func blit(_ other: CellBuffer, x: Int, y: Int) {
        for row in 0..<other.height {
            for column in 0..<other.width {
                let cell = other[column, row]
                if cell.isContinuation { continue }
                set(cell, x: x + column, y: y + row)
            }
        }
    }

    /// Variation selector 16 and the zero-width joiner make terminals disagree about widths
    /// (a ZWJ family emoji is 2 columns in some, 6 in others, and wcwidth says 6): dropping them
    /// shows each emoji on its own, at the width everyone agrees on.
    static func isDropped(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value == 0xFE0F || scalar.value == 0x200D
    }

    /// If (x, y) is half of a wide character, blanks the other half.
    private mutating func breakWideCharacter(at x: Int, y: Int) {
        let index = y * width + x
        let cell = cells[index]
        if cell.isContinuation, x > 0 {
            cells[index - 1] = Cell(" ", style: cells[index - 1].style)
            cells[index] = Cell(" ", style: cell.style)
        } else if cell.width == 2, x + 1 < width {
            cells[index + 1] = Cell(" ", style: cell.style)
            cells[index] = Cell(" ", style: cell.style)
        }
    }
}
