/// Tab completion on a `:` line: the command word first, then each command's arguments
/// (`:agent rm NAME`, `:theme NAME`, `:sort KEY`, `:attach TASK_ID`).
public struct CommandCompletion: Sendable, Hashable {
    /// Names `:agent rm` and `:attach @agent` take.
    public var agents: [String]
    public var themes: [String]
    public var sortKeys: [String]
    /// Known task ids, for `:attach`.
    public var taskIDs: [String]

    public init(agents: [String] = [], themes: [String] = [], sortKeys: [String] = [], taskIDs: [String] = []) {
        self.agents = agents
        self.themes = themes
        self.sortKeys = sortKeys
        self.taskIDs = taskIDs
    }

    /// The word being completed (from the last space before the cursor to the cursor) and the
    /// words before it.
    struct Position {
        var before: [String]
        var prefix: String
        var range: Range<Int>
    }

    static func position(in editor: LineEditor) -> Position {
        let chars = editor.characters
        var start = editor.cursor
        while start > 0, chars[start - 1] != " " { start -= 1 }
        let before = String(chars[0..<start]).split(separator: " ").map(String.init)
        return Position(before: before, prefix: String(chars[start..<editor.cursor]), range: start..<editor.cursor)
    }

    /// What may stand at this position; nil when this completer has nothing to say (`:send`
    /// lines complete `@agent` and `#skill` instead).
    func candidates(for position: Position) -> [String]? {
        guard let verb = position.before.first?.lowercased() else { return ColonCommand.names }
        let argIndex = position.before.count - 1
        switch (verb, argIndex) {
        case ("agent", 0), ("agents", 0): return ColonCommand.agentVerbs
        case ("agent", 1), ("agents", 1):
            let sub = position.before[1].lowercased()
            return sub == "rm" || sub == "remove" ? agents : []
        case ("theme", 0): return themes
        case ("sort", 0): return sortKeys
        case ("attach", 0), ("a", 0):
            return position.prefix.hasPrefix("@") ? agents.map { "@" + $0 } : taskIDs
        case ("attach", 1), ("a", 1): return taskIDs
        case ("send", _), ("dispatch", _): return nil
        default: return []
        }
    }

    /// Completes the word at the cursor. One match is inserted whole with a trailing space;
    /// several extend to their common prefix and are returned for display. Nil: not handled here.
    public func complete(_ editor: inout LineEditor) -> [String]? {
        let position = Self.position(in: editor)
        guard let pool = candidates(for: position) else { return nil }
        let lowered = position.prefix.lowercased()
        var seen = Set<String>()
        let matches = pool.filter { $0.lowercased().hasPrefix(lowered) && seen.insert($0.lowercased()).inserted }
        switch matches.count {
        case 0:
            return []
        case 1:
            editor.replace(position.range, with: matches[0] + " ")
            return []
        default:
            let common = Completion.commonPrefix(matches)
            if common.count > position.prefix.count { editor.replace(position.range, with: common) }
            return matches.sorted()
        }
    }
}
