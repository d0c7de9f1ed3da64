/// A horizontal bar for a fraction, with the percentage on the right: `█████▌     42%`.
/// Eighth blocks give smooth progress; `ascii` draws `#####.....  42%` instead.
public struct ProgressBar: Widget {
    /// 0...1; anything else (including NaN) is clamped.
    public var fraction: Double
    public var showsPercent: Bool
    public var ascii: Bool
    public var style: Style
    public var emptyStyle: Style

    public init(fraction: Double, showsPercent: Bool = true, ascii: Bool = false,
                style: Style = Style(.ok), emptyStyle: Style = Style(.dim)) {
        self.fraction = fraction
        self.showsPercent = showsPercent
        self.ascii = ascii
        self.style = style
        self.emptyStyle = emptyStyle
    }

    static let eighths = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// The fraction made safe: NaN is 0, the rest clamped to 0...1.
    public var clampedFraction: Double {
        fraction.isNaN ? 0 : min(1, max(0, fraction))
    }

    /// `" 42%"`: whole percent rounded down, so 100% only when complete.
    public var percentText: String {
        TextLayout.rightAlign("\(Int((clampedFraction * 100).rounded(.down)))%", to: 4)
    }

    /// The filled and empty parts of a bar `width` columns wide.
    public func bar(width: Int) -> (filled: String, empty: String) {
        guard width > 0 else { return ("", "") }
        if ascii {
            let full = Int((clampedFraction * Double(width)).rounded(.down))
            return (String(repeating: "#", count: full), String(repeating: ".", count: width - full))
        }
        let totalEighths = Int((clampedFraction * Double(width * 8)).rounded(.down))
        let full = totalEighths / 8
        let partial = ProgressBar.eighths[totalEighths % 8]
        let filled = String(repeating: "█", count: full) + partial
        let emptyCount = width - full - (partial.isEmpty ? 0 : 1)
        return (filled, String(repeating: "░", count: emptyCount))
    }

    public func render(into buffer: inout CellBuffer, area: Rect) {
        guard !area.isEmpty else { return }
        let label = showsPercent && area.width >= 6 ? " " + percentText : ""
        let barWidth = area.width - label.count
        let parts = bar(width: barWidth)
        var x = area.x
        x += buffer.put(parts.filled, x: x, y: area.y, style: style, maxWidth: barWidth)
        x += buffer.put(parts.empty, x: x, y: area.y, style: emptyStyle, maxWidth: area.x + barWidth - x)
        buffer.put(label, x: x, y: area.y, style: Style(.text), maxWidth: area.right - x)
    }
}
