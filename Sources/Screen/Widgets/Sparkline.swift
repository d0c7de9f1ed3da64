/// A one-row chart of recent values: `▁▂▃▅▇█▆▃`. Shows the last values that fit; each is
/// scaled against `maximum` (or the largest value shown). Zero, negative and non-finite values
/// draw as a blank. `ascii` uses `_.:-=+*#` for terminals without block elements.
///
/// A pulse (ok and failed per interval, as in k9s): `values` are all events per interval and
/// `marked` flags the intervals with a failure; those cells are drawn in `markStyle` (bold, so
/// they read without colour too), and a flagged interval with no value shows `×` (`x`).
///
/// ```swift
/// Sparkline(values: [3, 0, 5, 2], marked: [false, false, true, false], markStyle: Style(.error).bold)
/// ```
public struct Sparkline: Widget {
    public var values: [Double]
    public var maximum: Double?
    public var ascii: Bool
    public var style: Style
    /// Parallel to `values`; missing entries are unmarked.
    public var marked: [Bool]
    public var markStyle: Style

    public init(
        values: [Double], maximum: Double? = nil, ascii: Bool = false, style: Style = Style(.text), marked: [Bool] = [],
        markStyle: Style = Style(.error).bold
    ) {
        self.values = values
        self.maximum = maximum
        self.ascii = ascii
        self.style = style
        self.marked = marked
        self.markStyle = markStyle
    }

    static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    static let asciiLevels: [Character] = ["_", ".", ":", "-", "=", "+", "*", "#"]

    /// One cell: its character and whether it is marked.
    struct Cell: Equatable {
        var character: Character
        var isMarked: Bool
    }

    /// The cells for the last `width` values, oldest first.
    func cells(width: Int) -> [Cell] {
        guard width > 0 else { return [] }
        let start = max(0, values.count - width)
        let shown = values[start...].map { $0.isFinite ? $0 : 0 }
        let top = maximum ?? shown.max() ?? 0
        let levels = ascii ? Sparkline.asciiLevels : Sparkline.blocks
        return shown.enumerated().map { offset, value in
            let index = start + offset
            let isMarked = index < marked.count && marked[index]
            guard value > 0, top > 0, top.isFinite else { return Cell(character: isMarked ? (ascii ? "x" : "×") : " ", isMarked: isMarked) }
            let level = Int((min(value, top) / top * Double(levels.count)).rounded(.up))
            return Cell(character: levels[min(levels.count, max(1, level)) - 1], isMarked: isMarked)
        }
    }

    /// The chart for the last `width` values.
    public func text(width: Int) -> String { String(cells(width: width).map(\.character)) }

    /// The chart as styled runs (marked cells in `markStyle`), for a line of text.
    public func spans(width: Int) -> [Span] {
        var out: [Span] = []
        var run = ""
        var runMarked = false
        for cell in cells(width: width) {
            if cell.isMarked != runMarked, !run.isEmpty {
                out.append(Span(run, style: runMarked ? markStyle : style))
                run = ""
            }
            runMarked = cell.isMarked
            run.append(cell.character)
        }
        if !run.isEmpty { out.append(Span(run, style: runMarked ? markStyle : style)) }
        return out
    }

    public func render(into buffer: inout CellBuffer, area: Rect) {
        guard !area.isEmpty else { return }
        let runs = spans(width: area.width)
        // Right-aligned, so the newest value is always at the right edge.
        let width = runs.width
        buffer.put(runs, x: area.right - width, y: area.y, maxWidth: width)
    }
}
