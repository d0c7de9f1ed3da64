/// A key the user pressed, decoded from the terminal (see Terminal's `KeyDecoder`).
///
/// Key bindings and the generated help use these values; `description` is how a key is
/// written in help and in key-binding files ("Shift-Tab", "PgUp", "^C"), and `Key(parsing:)`
/// reads that spelling back.
public enum Key: Hashable, Sendable, CustomStringConvertible {
    /// A printable character (including space).
    case char(Character)
    case enter, escape, tab, backTab, backspace, delete, insert
    case up, down, left, right, pageUp, pageDown, home, end
    /// A function key, F1 = `.f(1)`.
    case f(Int)
    /// Control plus a character, always stored lowercase: Ctrl-C is `.ctrl("c")`.
    /// Ctrl-I, Ctrl-M, Ctrl-H and Ctrl-[ arrive as `.tab`, `.enter`, `.backspace` and `.escape`,
    /// because terminals send the same bytes for them.
    case ctrl(Character)
    /// The terminal changed size (ncurses reports it as a key).
    case resize
    /// A key code the decoder does not know, kept so it can be shown in a message.
    case unknown(Int)
    /// A click or wheel step (only with `mouse: true`); the runtime turns it into a `PointerAction`.
    case mouse(MouseEvent)

    public var description: String {
        switch self {
        case .char(" "): return "Space"
        case .char(let character): return String(character)
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .backspace: return "Backspace"
        case .delete: return "Del"
        case .insert: return "Ins"
        case .up: return "Up"
        case .down: return "Down"
        case .left: return "Left"
        case .right: return "Right"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .home: return "Home"
        case .end: return "End"
        case .f(let number): return "F\(number)"
        case .ctrl(" "): return "^Space"
        case .ctrl(let character): return "^" + String(character).uppercased()
        case .resize: return "Resize"
        case .unknown(let code): return "Key(\(code))"
        case .mouse: return "Mouse"
        }
    }

    /// Reads a key as `description` writes it (case-insensitive names; "C-x" and "Ctrl-x"
    /// also mean `^X`). Nil when the text names no key.
    public init?(parsing text: String) {
        if text.count == 1, let character = text.first {
            self = .char(character)
            return
        }
        let lowered = text.lowercased()
        for prefix in ["^", "c-", "ctrl-", "ctrl+"] where lowered.hasPrefix(prefix) && lowered.count > prefix.count {
            let rest = String(lowered.dropFirst(prefix.count))
            if rest == "space" {
                self = .ctrl(" ")
                return
            }
            guard rest.count == 1, let character = rest.first else { return nil }
            self = .ctrl(character)
            return
        }
        if lowered.hasPrefix("f"), let number = Int(lowered.dropFirst()), (1...63).contains(number) {
            self = .f(number)
            return
        }
        let named: [String: Key] = [
            "space": .char(" "), "enter": .enter, "return": .enter, "esc": .escape, "escape": .escape,
            "tab": .tab, "shift-tab": .backTab, "backtab": .backTab, "backspace": .backspace,
            "del": .delete, "delete": .delete, "ins": .insert, "insert": .insert,
            "up": .up, "down": .down, "left": .left, "right": .right,
            "pgup": .pageUp, "pageup": .pageUp, "pgdn": .pageDown, "pagedown": .pageDown,
            "home": .home, "end": .end, "resize": .resize,
        ]
        guard let key = named[lowered] else { return nil }
        self = key
    }
}
