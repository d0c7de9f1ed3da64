/// A one-row chart of recent values: `▁▂▃▅▇█▆▃`. Shows the last values that fit; each is
/// scaled against `maximum` (or the largest value shown). Zero, negative and non-finite values
/// draw as a blank. `ascii` uses `_.:-=+*#` for terminals without block elements.
public struct Sparkline: Widget {
    public var values: [Double]
    public var maximum: Double?
    public var ascii: Bool
    public var style: Style

    public init(values: [Double], maximum: Double? = nil, ascii: Bool = false, style: Style = Style(.text)) {
        self.values = values
        self.maximum = maximum
        self.ascii = ascii
        self.style = style
    }

    static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    static let asciiLevels: [Character] = ["_", ".", ":", "-", "=", "+", "*", "#"]

    /// The chart for the last `width` values.
    public func text(width: Int) -> String {
        guard width > 0 else { return "" }
        let shown = values.suffix(width).map { $0.isFinite ? $0 : 0 }
        let top = maximum ?? shown.max() ?? 0
        let levels = ascii ? Sparkline.asciiLevels : Sparkline.blocks
        return String(shown.map { value -> Character in
            guard value > 0, top > 0 else { return " " }
            let level = Int((min(value, top) / top * Double(levels.count)).rounded(.up))
            return levels[min(levels.count, max(1, level)) - 1]
        })
    }

    public func render(into buffer: inout CellBuffer, area: Rect) {
        guard !area.isEmpty else { return }
        let chart = text(width: area.width)
        // Right-aligned, so the newest value is always at the right edge.
        buffer.put(chart, x: area.right - chart.count, y: area.y, style: style, maxWidth: chart.count)
    }
}
