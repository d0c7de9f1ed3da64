import Foundation

/// Reading and driving the real dashboard's screen in tmux, shared by the end-to-end tests.
extension TmuxSession {
    /// The prompt/status line: the last line with text on it.
    public static func bottomLine(_ screen: String) -> String {
        screen.split(separator: "\n").last { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map(String.init) ?? ""
    }

    /// The tasks pane's rows (lines starting with a task-state symbol), those starting with
    /// `marker` only when one is given (e.g. "? input-req", "▶ working"). Rows, not the whole
    /// screen: the agent card in the detail pane also names states.
    public static func taskRows(_ screen: String, _ marker: String = "") -> [String] {
        screen.split(separator: "\n").map(String.init).filter { line in
            stateSymbols.contains { line.hasPrefix("│" + $0 + " ") } && line.hasPrefix("│" + marker)
        }
    }

    /// True when a row of the tasks pane starts with `marker`.
    public static func hasTaskRow(_ screen: String, _ marker: String) -> Bool {
        !taskRows(screen, marker).isEmpty
    }

    /// The symbols the tasks pane puts before a state name.
    static let stateSymbols = ["○", "▶", "?", "!", "~", "✓", "✗", "⊘", "⊗"]

    /// Sends `text` as a new task to the selected agent: `n`, the text, Enter, and waits until
    /// the prompt has closed again.
    public func dispatch(_ text: String) throws {
        try send("n")
        let opened = try waitFor { Self.bottomLine($0).hasPrefix("dispatch ") }
        guard opened.ok else { throw Failure(description: "the dispatch prompt did not open:\n\(opened.screen)") }
        try type(text)
        try send("Enter")
        let sent = try waitFor { !Self.bottomLine($0).hasPrefix("dispatch ") }
        guard sent.ok else { throw Failure(description: "the dispatch prompt did not close:\n\(sent.screen)") }
    }
}
