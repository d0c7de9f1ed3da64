/// One key press, decoded by the terminal layer. Deck maps keys to actions; it never reads a tty.
public enum Key: Hashable, Sendable {
    case char(Character)
    case enter, escape, tab, backTab, backspace, delete
    case up, down, left, right, pageUp, pageDown, home, end
    case f(Int)
    case ctrl(Character)
    case resize
}

extension Key: CustomStringConvertible {
    /// How the key is written in help text: `q`, `Enter`, `^W`, `F1`.
    public var description: String {
        switch self {
        case .char(" "): "Space"
        case .char(let c): String(c)
        case .enter: "Enter"
        case .escape: "Esc"
        case .tab: "Tab"
        case .backTab: "S-Tab"
        case .backspace: "Backspace"
        case .delete: "Del"
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .f(let n): "F\(n)"
        case .ctrl(let c): "^" + String(c).uppercased()
        case .resize: "Resize"
        }
    }
}
