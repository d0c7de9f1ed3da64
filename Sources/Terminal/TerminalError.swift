/// Why the terminal UI could not start.
public enum TerminalError: Error, Hashable, Sendable, CustomStringConvertible {
    /// stdin or stdout is not a terminal (piped or redirected).
    case notATerminal
    /// ncurses does not know this TERM (nil: TERM is unset).
    case unknownTerminal(String?)
    /// A system call failed; the errno value.
    case system(call: String, errno: Int32)

    public var description: String {
        switch self {
        case .notATerminal:
            return "the dashboard needs a terminal: stdin and stdout must not be redirected"
        case .unknownTerminal(let name?):
            return "unknown terminal type TERM=\(name): try TERM=xterm-256color"
        case .unknownTerminal(nil):
            return "TERM is not set: try TERM=xterm-256color"
        case .system(let call, let errno):
            return "\(call) failed (errno \(errno))"
        }
    }
}
