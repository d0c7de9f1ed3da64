/// Rows and columns with a header, a highlighted selected row, and vertical scrolling that
/// keeps the selection visible.
///
/// ```swift
/// let table = Table(columns: [
///     .init("AGENT", width: .min(10)),
///     .init("STATE", width: .fixed(14)),
///     .init("AGE", width: .fixed(5), alignment: .right),
/// ], rows: tasks.map { [Span($0.agent), Span($0.state, .stateWorking), Span($0.age)] },
///    selected: state.selection, offset: state.scroll)
/// buffer.render(table, in: area)
/// ```
/// The view keeps `offset` in its state and updates it with `Table.offset(...)`, so scrolling
/// is stable from frame to frame.
public struct Table: Widget {
    public enum ColumnWidth: Hashable, Sendable {
        /// Exactly this many columns.
        case fixed(Int)
        /// A share of the spare room, proportional to the weight.
        case flex(Int)
        /// At least this many columns, growing like `flex(1)`.
        case min(Int)
    }

    public struct Column: Hashable, Sendable {
        public var title: String
        public var width: ColumnWidth
        public var alignment: TextLayout.Alignment

        public init(_ title: String, width: ColumnWidth = .flex(1), alignment: TextLayout.Alignment = .left) {
            self.title = title
            self.width = width
            self.alignment = alignment
        }
    }

    public var columns: [Column]
    /// One span per column; missing spans show as empty, extra ones are ignored.
    public var rows: [[Span]]
    public var selected: Int?
    /// Index of the first row shown (corrected to keep `selected` visible).
    public var offset: Int
    public var showsHeader: Bool
    /// Blank columns between columns.
    public var columnSpacing: Int

    public init(columns: [Column], rows: [[Span]], selected: Int? = nil, offset: Int = 0,
                showsHeader: Bool = true, columnSpacing: Int = 1) {
        self.columns = columns
        self.rows = rows
        self.selected = selected
        self.offset = offset
        self.showsHeader = showsHeader
        self.columnSpacing = columnSpacing
    }

    /// The first row to show so that `selected` is visible in `visibleRows` rows, moving as
    /// little as possible from `offset`, and never scrolled past the end.
    public static func offset(keeping selected: Int?, visibleRows: Int, rowCount: Int, from offset: Int) -> Int {
        guard visibleRows > 0, rowCount > 0 else { return 0 }
        var result = offset
        if let selected, selected >= 0, selected < rowCount {
            if selected < result { result = selected }
            if selected >= result + visibleRows { result = selected - visibleRows + 1 }
        }
        return max(0, min(result, rowCount - visibleRows))
    }

    /// Widths of each column in `total` columns. Fixed and minimum widths come first; when
    /// they do not fit, columns are dropped (width 0) from the right; the spare room goes to
    /// flexible columns by weight.
    public func columnWidths(total: Int) -> [Int] {
        let spacing = max(0, columnSpacing)
        var widths = columns.map { column -> Int in
            switch column.width {
            case .fixed(let width), .min(let width): return max(0, width)
            case .flex: return 0
            }
        }
        var visible = columns.count
        func used() -> Int {
            widths.prefix(visible).reduce(0, +) + spacing * max(0, visible - 1)
        }
        while visible > 0 && used() > total {
            visible -= 1
        }
        for index in visible..<columns.count { widths[index] = 0 }
        guard visible > 0 else { return widths }
        var spare = total - used()
        let weights = columns.prefix(visible).map { column -> Int in
            switch column.width {
            case .fixed: return 0
            case .flex(let weight): return max(0, weight)
            case .min: return 1
            }
        }
        let totalWeight = weights.reduce(0, +)
        if totalWeight > 0 && spare > 0 {
            let shared = spare
            for index in 0..<visible where weights[index] > 0 {
                let extra = shared * weights[index] / totalWeight
                widths[index] += extra
                spare -= extra
            }
            for index in 0..<visible where weights[index] > 0 && spare > 0 {
                widths[index] += 1
                spare -= 1
            }
        }
        return widths
    }

    public func render(into buffer: inout CellBuffer, area: Rect) {
        guard !area.isEmpty else { return }
        let widths = columnWidths(total: area.width)
        var y = area.y
        if showsHeader {
            buffer.fill(area.row(0), style: Style(.header))
            drawRow(columns.map { Span($0.title, style: Style(.header)) }, widths: widths, y: y, area: area, override: nil, into: &buffer)
            y += 1
        }
        let visibleRows = area.bottom - y
        let first = Table.offset(keeping: selected, visibleRows: visibleRows, rowCount: rows.count, from: offset)
        var index = first
        while y < area.bottom && index < rows.count {
            let isSelected = index == selected
            let rowStyle: Style? = isSelected ? Style(.selection) : nil
            buffer.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: rowStyle ?? .plain)
            drawRow(rows[index], widths: widths, y: y, area: area, override: rowStyle, into: &buffer)
            y += 1
            index += 1
        }
    }

    private func drawRow(_ spans: [Span], widths: [Int], y: Int, area: Rect, override: Style?, into buffer: inout CellBuffer) {
        var x = area.x
        for index in columns.indices where widths[index] > 0 {
            let span = index < spans.count ? spans[index] : Span("")
            let text = TextLayout.pad(span.text, to: widths[index], alignment: columns[index].alignment)
            var style = override ?? span.style
            if override != nil { style.attributes.formUnion(span.style.attributes) }
            buffer.put(text, x: x, y: y, style: style, maxWidth: min(widths[index], area.right - x))
            x += widths[index] + max(0, columnSpacing)
        }
    }
}
