/// A one-line text editor as a value: the prompt's text, cursor and history. Pure, so every
/// editing key is a plain function on it (readline's behaviour for the keys it shares).
public struct LineEditor: Sendable, Hashable {
    /// Bounds what a paste can grow the line to.
    public static let maxLength = 4096

    public private(set) var characters: [Character] = []
    /// 0…characters.count, in characters (the view converts to cells).
    public private(set) var cursor = 0
    /// Older entries first.
    public private(set) var history: [String]
    /// Which history entry is shown; nil while editing the new line.
    public private(set) var historyIndex: Int?
    /// The new line, kept while browsing history.
    private var draft: [Character] = []

    public init(text: String = "", history: [String] = []) {
        self.history = history
        setText(text)
    }

    public var text: String { String(characters) }
    public var isEmpty: Bool { characters.isEmpty }

    public mutating func setText(_ text: String) {
        characters = Array(text.prefix(Self.maxLength))
        cursor = characters.count
    }

    public mutating func insert(_ c: Character) {
        guard characters.count < Self.maxLength else { return }
        // A line editor holds one line: newlines and tabs from a paste become spaces.
        let ch: Character = (c.isNewline || c == "\t") ? " " : c
        characters.insert(ch, at: cursor)
        cursor += 1
    }

    public mutating func insert(_ s: String) { for c in s { insert(c) } }

    public mutating func backspace() {
        guard cursor > 0 else { return }
        characters.remove(at: cursor - 1)
        cursor -= 1
    }

    public mutating func deleteForward() {
        guard cursor < characters.count else { return }
        characters.remove(at: cursor)
    }

    public mutating func moveLeft() { cursor = max(0, cursor - 1) }
    public mutating func moveRight() { cursor = min(characters.count, cursor + 1) }
    public mutating func moveHome() { cursor = 0 }
    public mutating func moveEnd() { cursor = characters.count }

    /// ^U: delete from the start of the line to the cursor.
    public mutating func killToStart() {
        characters.removeSubrange(0..<cursor)
        cursor = 0
    }

    /// ^W: delete the word before the cursor (and the spaces after it).
    public mutating func killWordBackward() {
        var start = cursor
        while start > 0, characters[start - 1] == " " { start -= 1 }
        while start > 0, characters[start - 1] != " " { start -= 1 }
        characters.removeSubrange(start..<cursor)
        cursor = start
    }

    /// Replaces `range` (character offsets) and puts the cursor after the new text.
    public mutating func replace(_ range: Range<Int>, with s: String) {
        let lower = min(max(0, range.lowerBound), characters.count)
        let upper = min(max(lower, range.upperBound), characters.count)
        let new = Array(s)
        characters.replaceSubrange(lower..<upper, with: new)
        if characters.count > Self.maxLength { characters.removeLast(characters.count - Self.maxLength) }
        cursor = min(lower + new.count, characters.count)
    }

    /// Up: the previous history entry (the draft is kept to come back to).
    public mutating func historyPrevious() {
        guard !history.isEmpty else { return }
        let index: Int
        if let i = historyIndex {
            index = max(0, i - 1)
        } else {
            draft = characters
            index = history.count - 1
        }
        historyIndex = index
        setText(history[index])
    }

    /// Down: the next history entry, then back to the draft.
    public mutating func historyNext() {
        guard let i = historyIndex else { return }
        if i + 1 < history.count {
            historyIndex = i + 1
            setText(history[i + 1])
        } else {
            historyIndex = nil
            characters = draft
            cursor = characters.count
        }
    }

    /// Applies an editing key. Returns false for keys that are not editing keys (Enter, Esc, Tab).
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case .char(let c): insert(c)
        case .backspace, .ctrl("h"): backspace()
        case .delete, .ctrl("d"): deleteForward()
        case .left, .ctrl("b"): moveLeft()
        case .right, .ctrl("f"): moveRight()
        case .home, .ctrl("a"): moveHome()
        case .end, .ctrl("e"): moveEnd()
        case .ctrl("u"): killToStart()
        case .ctrl("w"): killWordBackward()
        case .up, .ctrl("p"): historyPrevious()
        case .down, .ctrl("n"): historyNext()
        default: return false
        }
        return true
    }
}
