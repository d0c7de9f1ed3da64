/// A terminal colour as a theme or a style names it. The backend maps it to what the terminal
/// can show (`COLORS`): `#rrggbb` becomes the nearest 256- or 16-colour entry.
public enum Color: Hashable, Sendable {
    /// The terminal's own colour (transparent background, the user's foreground).
    case `default`
    /// One of the 16 ANSI colours, which the user's terminal palette defines.
    case ansi(ANSIColor)
    /// An xterm 256-colour palette index.
    case indexed(UInt8)
    /// A 24-bit colour.
    case rgb(red: UInt8, green: UInt8, blue: UInt8)
}

/// The 16 ANSI colours; the raw value is the palette index (0-15).
public enum ANSIColor: Int, CaseIterable, Hashable, Sendable {
    case black, red, green, yellow, blue, magenta, cyan, white
    case brightBlack, brightRed, brightGreen, brightYellow, brightBlue, brightMagenta, brightCyan, brightWhite

    /// The name used in theme files, e.g. `brightBlack`.
    public var name: String { String(describing: self) }
}

extension Color {
    /// Parses a theme-file colour: `default`, an ANSI name (`red`, `brightBlack`; `gray`/`grey`
    /// mean `brightBlack`), a palette index `0`...`255`, or `#rrggbb`. Nil when not a colour.
    public init?(themeValue raw: String) {
        let text = raw.trimmingSpaces()
        if text == "default" || text == "none" {
            self = .default
            return
        }
        if text == "gray" || text == "grey" {
            self = .ansi(.brightBlack)
            return
        }
        if let ansi = ANSIColor.allCases.first(where: { $0.name == text }) {
            self = .ansi(ansi)
            return
        }
        if let index = UInt8(text) {
            self = .indexed(index)
            return
        }
        if text.hasPrefix("#"), text.count == 7, let value = UInt32(text.dropFirst(), radix: 16) {
            self = .rgb(red: UInt8((value >> 16) & 0xFF), green: UInt8((value >> 8) & 0xFF), blue: UInt8(value & 0xFF))
            return
        }
        return nil
    }

    /// The spelling `init(themeValue:)` reads back.
    public var themeValue: String {
        switch self {
        case .default: return "default"
        case .ansi(let color): return color.name
        case .indexed(let index): return String(index)
        case .rgb(let red, let green, let blue):
            return "#" + [red, green, blue].map { byte in
                let hex = String(byte, radix: 16)
                return hex.count == 1 ? "0" + hex : hex
            }.joined()
        }
    }
}

extension String {
    func trimmingSpaces() -> String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" { slice = slice.dropFirst() }
        while let last = slice.last, last == " " || last == "\t" { slice = slice.dropLast() }
        return String(slice)
    }
}
