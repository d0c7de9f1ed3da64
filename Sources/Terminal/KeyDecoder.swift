import CNcursesw
import Deck

/// Turns what ncurses `wget_wch` returns into a `Key`.
///
/// `wget_wch` says `KEY_CODE_YES` for function keys (the value is a `KEY_*` code) and `OK` for
/// characters (the value is a Unicode scalar, control characters included).
public enum KeyDecoder {
    /// The key for one `wget_wch` result, or nil when there is nothing to report (`ERR`, or a
    /// C1 control / invalid scalar that no key produces).
    public static func decode(status: Int32, value: UInt32) -> Key? {
        switch status {
        case KEY_CODE_YES: return functionKey(Int32(bitPattern: value))
        case OK: return character(value)
        default: return nil
        }
    }

    /// A `KEY_*` code.
    public static func functionKey(_ code: Int32) -> Key {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME, KEY_A1: return .home
        case KEY_END, KEY_C1: return .end
        case KEY_A3: return .pageUp
        case KEY_C3: return .pageDown
        case KEY_BTAB: return .backTab
        case KEY_DC: return .delete
        case KEY_IC: return .insert
        case KEY_BACKSPACE: return .backspace
        case KEY_ENTER: return .enter
        case KEY_RESIZE: return .resize
        default:
            let first = agentdeck_key_f(1)
            if code >= first && code <= agentdeck_key_f(63) {
                return .f(Int(code - first) + 1)
            }
            return .unknown(Int(code))
        }
    }

    /// A character, control characters included.
    public static func character(_ value: UInt32) -> Key? {
        switch value {
        case 0x0D, 0x0A: return .enter
        case 0x09: return .tab
        case 0x1B: return .escape
        case 0x7F, 0x08: return .backspace
        case 0x00: return .ctrl(" ")
        case 0x01...0x1A: return .ctrl(Character(Unicode.Scalar(UInt8(0x60 + value))))
        case 0x1C: return .ctrl("\\")
        case 0x1D: return .ctrl("]")
        case 0x1E: return .ctrl("^")
        case 0x1F: return .ctrl("_")
        case 0x80...0x9F: return nil
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .char(Character(scalar))
        }
    }
}
