/// Tab completion of `@agent` and `#skill` words in the prompt line.
public enum Completion {
    /// The word being completed: its sigil, the typed prefix, and where it sits in the line.
    public struct Word: Sendable, Hashable {
        public var sigil: Character
        public var prefix: String
        public var range: Range<Int>
    }

    /// The `@…` or `#…` word that ends at the cursor, if any.
    public static func word(in editor: LineEditor) -> Word? {
        let chars = editor.characters
        var start = editor.cursor
        while start > 0, chars[start - 1] != " " { start -= 1 }
        guard start < editor.cursor, chars[start] == "@" || chars[start] == "#" else { return nil }
        return Word(sigil: chars[start], prefix: String(chars[(start + 1)..<editor.cursor]), range: start..<editor.cursor)
    }

    /// Completes the word at the cursor from `agents` (for `@`) or `skills` (for `#`). One match
    /// is inserted whole with a trailing space; several extend to their common prefix and are
    /// returned for display; none leaves the line alone.
    public static func complete(_ editor: inout LineEditor, agents: [String], skills: [String]) -> [String] {
        guard let word = word(in: editor) else { return [] }
        let pool = word.sigil == "@" ? agents : skills
        let lowered = word.prefix.lowercased()
        let matches = pool.filter { $0.lowercased().hasPrefix(lowered) }
        switch matches.count {
        case 0:
            return []
        case 1:
            editor.replace(word.range, with: String(word.sigil) + matches[0] + " ")
            return []
        default:
            let common = commonPrefix(matches)
            if common.count > word.prefix.count {
                editor.replace(word.range, with: String(word.sigil) + common)
            }
            return matches.sorted()
        }
    }

    /// The longest prefix all strings share (compared case-insensitively, spelled as the first).
    static func commonPrefix(_ strings: [String]) -> String {
        guard var prefix = strings.first.map(Array.init) else { return "" }
        for s in strings.dropFirst() {
            let other = Array(s)
            var n = 0
            while n < prefix.count, n < other.count, prefix[n].lowercased() == other[n].lowercased() { n += 1 }
            prefix = Array(prefix[0..<n])
        }
        return String(prefix)
    }
}

extension Completion {
    /// Completes the first word of a `:` line from the command names.
    public static func complete(_ editor: inout LineEditor, commandNames: [String]) -> [String] {
        let prefix = editor.text.lowercased()
        let matches = commandNames.filter { $0.hasPrefix(prefix) }
        switch matches.count {
        case 0: return []
        case 1:
            editor.setText(matches[0] + " ")
            return []
        default:
            let common = commonPrefix(matches)
            if common.count > prefix.count { editor.setText(common) }
            return matches
        }
    }
}
