import Screen

/// Turns theme colours into colour numbers the terminal has (`COLORS`). Pure.
///
/// `#rrggbb` becomes the nearest entry of the xterm 256-colour palette, or of the 16 ANSI
/// colours on smaller terminals; on a direct-colour terminal (COLORS = 2^24, e.g.
/// TERM=xterm-direct) it is used as is. Bright ANSI colours fold onto the normal 8 when only 8 exist.
public struct ColorMapping: Hashable, Sendable {
    /// How many colours the terminal has (ncurses `COLORS`); 0 when it has none.
    public var colorCount: Int
    /// Whether -1 ("the terminal's own colour") is available (`use_default_colors` succeeded).
    public var hasDefaultColors: Bool

    public init(colorCount: Int, hasDefaultColors: Bool = true) {
        self.colorCount = colorCount
        self.hasDefaultColors = hasDefaultColors
    }

    static let directColorCount = 1 << 24

    /// The ncurses colour number for a colour; -1 means the terminal's default.
    /// `isForeground` picks white or black when default colours are unavailable.
    public func number(for color: Color, isForeground: Bool) -> Int {
        switch color {
        case .default:
            return hasDefaultColors ? -1 : (isForeground ? 7 : 0)
        case .ansi(let ansi):
            return colorCount >= 16 ? ansi.rawValue : ansi.rawValue % 8
        case .indexed(let index):
            if Int(index) < colorCount && colorCount < ColorMapping.directColorCount { return Int(index) }
            let (red, green, blue) = ColorMapping.rgb(ofPaletteIndex: Int(index))
            return number(for: .rgb(red: red, green: green, blue: blue), isForeground: isForeground)
        case .rgb(let red, let green, let blue):
            if colorCount >= ColorMapping.directColorCount {
                return Int(red) << 16 | Int(green) << 8 | Int(blue)
            }
            if colorCount >= 256 { return ColorMapping.nearest256(red: red, green: green, blue: blue) }
            let ansi = ColorMapping.nearestANSI(red: red, green: green, blue: blue)
            return colorCount >= 16 ? ansi : ansi % 8
        }
    }

    /// A foreground colour plus the attributes that stand in for brightness the terminal lacks:
    /// with only 8 colours a bright colour becomes its base colour in bold (how such terminals
    /// show bright text), and bright black, which would vanish on a black background, dim white.
    public func foreground(for color: Color) -> (number: Int, attributes: Attributes) {
        guard colorCount < 16, colorCount > 0, let ansi = nearestANSI(to: color), ansi >= 8 else {
            return (number(for: color, isForeground: true), [])
        }
        return ansi == ANSIColor.brightBlack.rawValue ? (7, .dim) : (ansi - 8, .bold)
    }

    /// The ANSI colour (0-15) a colour ends up as on a 16-colour palette, nil for `default`.
    private func nearestANSI(to color: Color) -> Int? {
        switch color {
        case .default: return nil
        case .ansi(let ansi): return ansi.rawValue
        case .indexed(let index) where index < 16: return Int(index)
        case .indexed(let index):
            let (red, green, blue) = ColorMapping.rgb(ofPaletteIndex: Int(index))
            return ColorMapping.nearestANSI(red: red, green: green, blue: blue)
        case .rgb(let red, let green, let blue):
            return ColorMapping.nearestANSI(red: red, green: green, blue: blue)
        }
    }

    /// The xterm default values of the 16 ANSI colours.
    static let ansiPalette: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]
    static let cubeLevels = [0, 95, 135, 175, 215, 255]

    /// RGB of an xterm palette entry: 16 ANSI, a 6x6x6 cube (16-231), 24 greys (232-255).
    static func rgb(ofPaletteIndex index: Int) -> (UInt8, UInt8, UInt8) {
        switch index {
        case 0..<16:
            let (red, green, blue) = ansiPalette[index]
            return (UInt8(red), UInt8(green), UInt8(blue))
        case 16..<232:
            let cube = index - 16
            return (UInt8(cubeLevels[cube / 36]), UInt8(cubeLevels[(cube / 6) % 6]), UInt8(cubeLevels[cube % 6]))
        default:
            let grey = UInt8(8 + 10 * (index - 232))
            return (grey, grey, grey)
        }
    }

    static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let red = a.0 - b.0, green = a.1 - b.1, blue = a.2 - b.2
        return red * red + green * green + blue * blue
    }

    /// Nearest entry among the cube (16-231) and the grey ramp (232-255).
    static func nearest256(red: UInt8, green: UInt8, blue: UInt8) -> Int {
        let target = (Int(red), Int(green), Int(blue))
        func level(_ value: Int) -> Int {
            cubeLevels.indices.min { abs(cubeLevels[$0] - value) < abs(cubeLevels[$1] - value) } ?? 0
        }
        let cube = (level(target.0), level(target.1), level(target.2))
        let cubeIndex = 16 + 36 * cube.0 + 6 * cube.1 + cube.2
        let cubeColor = (cubeLevels[cube.0], cubeLevels[cube.1], cubeLevels[cube.2])
        let average = (target.0 + target.1 + target.2) / 3
        let greyStep = min(23, max(0, (average - 8 + 5) / 10))
        let greyValue = 8 + 10 * greyStep
        let greyDistance = distance(target, (greyValue, greyValue, greyValue))
        return greyDistance < distance(target, cubeColor) ? 232 + greyStep : cubeIndex
    }

    /// Nearest of the 16 ANSI colours (by their xterm default values).
    static func nearestANSI(red: UInt8, green: UInt8, blue: UInt8) -> Int {
        let target = (Int(red), Int(green), Int(blue))
        return ansiPalette.indices.min { distance(target, ansiPalette[$0]) < distance(target, ansiPalette[$1]) } ?? 7
    }
}
