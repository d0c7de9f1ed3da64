import Deck
import Foundation

/// The prompt histories kept across runs: one file per prompt (`dispatch`, `reply`, `command`,
/// `filter`) under `$XDG_STATE_HOME/agentdeck/history/`, one entry per line, oldest first.
/// Bounded when read and written; each write replaces the file atomically.
struct HistoryStore: Sendable {
    var directory: String
    /// Entries kept per prompt.
    var limit: Int
    /// A file larger than this is read from its end only.
    static let maxFileBytes = 1 << 20

    static func defaultDirectory(environment: [String: String]) -> String {
        AppDirectories.state(environment: environment) + "/history"
    }

    static let kinds: [HistoryKind] = [.dispatch, .reply, .command, .filter]

    func path(_ kind: HistoryKind) -> String { directory + "/" + kind.rawValue }

    /// Every stored history; a missing or unreadable file is an empty history.
    func load() -> [HistoryKind: [String]] {
        var out: [HistoryKind: [String]] = [:]
        for kind in Self.kinds {
            let entries = read(path(kind))
            if !entries.isEmpty { out[kind] = entries }
        }
        return out
    }

    func store(_ kind: HistoryKind, _ entries: [String]) throws(LocalFile.Failure) {
        guard Self.kinds.contains(kind) else { return }
        try LocalFile.makeDirectory(directory)
        let lines = entries.suffix(limit).map(Self.oneLine).filter { !$0.isEmpty }
        let text = lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
        try LocalFile.replaceAtomically(path(kind), Array(text.utf8))
    }

    private func read(_ path: String) -> [String] {
        guard let handle = FileHandle(forReadingAtPath: path) else { return [] }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        let start = size > UInt64(Self.maxFileBytes) ? size - UInt64(Self.maxFileBytes) : 0
        guard (try? handle.seek(toOffset: start)) != nil, let data = try? handle.readToEnd() else { return [] }
        var lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        if start > 0, !lines.isEmpty { lines.removeFirst() }  // the first line was cut by the seek
        return lines.suffix(limit).map(Self.oneLine).filter { !$0.isEmpty }
    }

    /// One line of at most the prompt's length: a history entry never spans lines.
    static func oneLine(_ entry: String) -> String {
        String(entry.map { $0.isNewline ? " " : $0 }.prefix(LineEditor.maxLength))
    }
}
