/// Maps each `ThemeRole` to colours and attributes.
///
/// Two themes are built in: `Theme.default` (colours on the terminal's own background) and
/// `Theme.monochrome` (attributes only, so every state stays distinguishable without colour).
/// Files in `themes/*.yaml` define the same thing; see `ThemeFile`.
public struct Theme: Hashable, Sendable {
    public var name: String
    public var roles: [ThemeRole: ResolvedStyle]

    public init(name: String, roles: [ThemeRole: ResolvedStyle]) {
        self.name = name
        self.roles = roles
    }

    /// How a role looks; a role the theme leaves out looks like plain text.
    public func style(for role: ThemeRole) -> ResolvedStyle {
        roles[role] ?? roles[.text] ?? ResolvedStyle()
    }

    /// Whether any role uses a colour. A theme without colours also ignores explicit colours
    /// in styles, so `NO_COLOR` and the monochrome theme mean no colour at all.
    public var usesColor: Bool {
        roles.values.contains { $0.foreground != .default || $0.background != .default }
    }

    /// What to draw for a style: the role's look, then the style's own overrides.
    public func resolve(_ style: Style) -> ResolvedStyle {
        var resolved = self.style(for: style.role)
        if usesColor {
            if let foreground = style.foreground { resolved.foreground = foreground }
            if let background = style.background { resolved.background = background }
        }
        resolved.attributes.formUnion(style.attributes)
        return resolved
    }

    /// `NO_COLOR` set to anything non-empty (https://no-color.org) forces the monochrome theme.
    public static func noColorRequested(_ environment: [String: String]) -> Bool {
        if let value = environment["NO_COLOR"], !value.isEmpty { return true }
        return false
    }

    /// The theme to use given the environment: `self`, or monochrome under `NO_COLOR`.
    public func honoring(environment: [String: String]) -> Theme {
        Theme.noColorRequested(environment) ? .monochrome : self
    }

    /// A built-in theme by name (`default`, `monochrome`).
    public static func builtIn(named name: String) -> Theme? {
        switch name {
        case "default": return .default
        case "monochrome", "mono": return .monochrome
        default: return nil
        }
    }
}

extension Theme {
    private static func look(_ foreground: Color = .default, _ background: Color = .default, _ attributes: Attributes = []) -> ResolvedStyle {
        ResolvedStyle(foreground: foreground, background: background, attributes: attributes)
    }

    /// Dark-friendly colours over the terminal's own background. Mirrors `themes/default.yaml`.
    public static let `default` = Theme(name: "default", roles: [
        .text: look(),
        .dim: look(.ansi(.brightBlack)),
        .border: look(.ansi(.blue)),
        .borderFocused: look(.ansi(.brightCyan), .default, .bold),
        .header: look(.ansi(.cyan), .default, .bold),
        .title: look(.ansi(.brightWhite), .default, .bold),
        .selection: look(.ansi(.black), .ansi(.cyan)),
        .prompt: look(.ansi(.brightYellow), .default, .bold),
        .error: look(.ansi(.brightRed), .default, .bold),
        .warning: look(.ansi(.yellow)),
        .ok: look(.ansi(.green)),
        .agentUp: look(.ansi(.green)),
        .agentDown: look(.ansi(.brightRed), .default, .bold),
        .agentDegraded: look(.ansi(.yellow)),
        .stateSubmitted: look(.ansi(.cyan)),
        .stateWorking: look(.ansi(.brightBlue), .default, .bold),
        .stateInputRequired: look(.ansi(.brightYellow), .default, .bold),
        .stateAuthRequired: look(.ansi(.brightMagenta), .default, .bold),
        .stateCompleted: look(.ansi(.green)),
        .stateCanceled: look(.ansi(.brightBlack)),
        .stateFailed: look(.ansi(.brightRed), .default, .bold),
        .stateRejected: look(.ansi(.red)),
        .stateUnknown: look(.ansi(.brightBlack), .default, .dim),
    ])

    /// Attributes only. Mirrors `themes/monochrome.yaml`.
    public static let monochrome = Theme(name: "monochrome", roles: [
        .text: look(),
        .dim: look(.default, .default, .dim),
        .border: look(),
        .borderFocused: look(.default, .default, .bold),
        .header: look(.default, .default, [.bold, .underline]),
        .title: look(.default, .default, .bold),
        .selection: look(.default, .default, .reverse),
        .prompt: look(.default, .default, .bold),
        .error: look(.default, .default, [.bold, .underline]),
        .warning: look(.default, .default, .underline),
        .ok: look(),
        .agentUp: look(),
        .agentDown: look(.default, .default, [.bold, .underline]),
        .agentDegraded: look(.default, .default, .underline),
        .stateSubmitted: look(.default, .default, .dim),
        .stateWorking: look(.default, .default, .bold),
        .stateInputRequired: look(.default, .default, [.bold, .underline]),
        .stateAuthRequired: look(.default, .default, [.bold, .underline]),
        .stateCompleted: look(),
        .stateCanceled: look(.default, .default, .dim),
        .stateFailed: look(.default, .default, [.bold, .underline]),
        .stateRejected: look(.default, .default, .underline),
        .stateUnknown: look(.default, .default, .dim),
    ])
}
