/// How a cell looks, said semantically: a theme `ThemeRole` plus optional explicit overrides.
///
/// Views should mostly say *what* something is (`Style(.error)`, `Style(.stateWorking)`) and let
/// the theme decide colours; that keeps the monochrome theme and `NO_COLOR` readable.
/// Explicit colours are for the rare case a role does not fit, and are ignored by themes that
/// do not use colour.
public struct Style: Hashable, Sendable {
    public var role: ThemeRole
    /// Replaces the role's foreground when set.
    public var foreground: Color?
    /// Replaces the role's background when set.
    public var background: Color?
    /// Added to the role's attributes.
    public var attributes: Attributes

    public init(_ role: ThemeRole = .text, foreground: Color? = nil, background: Color? = nil, attributes: Attributes = []) {
        self.role = role
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    public static let plain = Style()

    public func adding(_ extra: Attributes) -> Style {
        var copy = self
        copy.attributes.formUnion(extra)
        return copy
    }

    /// Written out because the derived comparison of the optional colours dominated frame
    /// drawing (the backend compares neighbouring cells' styles); cheapest fields first.
    @inlinable
    public static func == (lhs: Style, rhs: Style) -> Bool {
        lhs.role == rhs.role && lhs.attributes == rhs.attributes
            && same(lhs.foreground, rhs.foreground) && same(lhs.background, rhs.background)
    }

    @inlinable
    static func same(_ lhs: Color?, _ rhs: Color?) -> Bool {
        switch (lhs, rhs) {
        case (nil, nil): return true
        case (let left?, let right?): return left == right
        default: return false
        }
    }

    public var bold: Style { adding(.bold) }
    public var reversed: Style { adding(.reverse) }
    public var underlined: Style { adding(.underline) }
    public var dimmed: Style { adding(.dim) }
}

/// A style with every colour decided: what the backend draws.
public struct ResolvedStyle: Hashable, Sendable {
    public var foreground: Color
    public var background: Color
    public var attributes: Attributes

    public init(foreground: Color = .default, background: Color = .default, attributes: Attributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }
}
