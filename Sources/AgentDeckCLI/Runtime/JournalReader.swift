import A2A
import Foundation

/// One dashboard run as read back from the journal.
struct JournalSessionLog: Sendable {
    var session: JournalSession
    /// `msg`, `raw` and `gap` entries in the order they were written (empty for runs the reader
    /// was told not to keep).
    var entries: [JournalEntry]
    /// The run began in a rotated file that is gone: its first events are missing.
    var missingStart: Bool
    /// Counted whether or not the entries are kept.
    private(set) var messageCount = 0
    private(set) var dropped = 0
    private(set) var lastDate: Date

    init(session: JournalSession, entries: [JournalEntry], missingStart: Bool) {
        self.session = session
        self.entries = []
        self.missingStart = missingStart
        lastDate = session.started
        for entry in entries { append(entry, keep: true) }
    }

    mutating func append(_ entry: JournalEntry, keep: Bool) {
        switch entry {
        case .msg: messageCount += 1
        case .gap(let n, _): dropped += n
        default: break
        }
        lastDate = max(lastDate, entry.date)
        if keep { entries.append(entry) }
    }
}

/// Which runs' entries to keep in memory (a journal can hold hundreds of megabytes).
enum JournalRunChoice: Sendable {
    case all, none, last
    /// Zero-based, in file order.
    case index(Int)
}

/// What reading a journal found, including what it had to skip.
struct JournalReading: Sendable {
    var sessions: [JournalSessionLog] = []
    /// Lines that are not journal JSON (damaged, or from a later format). Counted, not fatal.
    var unreadableLines = 0
    /// The last line had no newline and did not parse: the writer was killed mid-line.
    var tornLastLine = false
    /// Entries before any session line (their file's head was lost).
    var orphanEntries = 0
    var files: [String] = []

    /// One line per thing the operator should know about the file's condition.
    var notes: [String] {
        var out: [String] = []
        if tornLastLine { out.append("the last line was cut off (the dashboard was killed while writing): skipped") }
        if unreadableLines > 0 { out.append("\(unreadableLines) unreadable line\(unreadableLines == 1 ? "" : "s") skipped") }
        if orphanEntries > 0 { out.append("\(orphanEntries) entries with no session line skipped") }
        if sessions.last?.missingStart == true { out.append("this run began in a rotated file that no longer exists: its start is missing") }
        let gaps = sessions.last?.dropped ?? 0
        if gaps > 0 { out.append("the journal writer fell behind and dropped \(gaps) entries") }
        return out
    }
}

enum JournalReader {
    /// Reads a journal file. For the live file (`journal.jsonl`), its rotated predecessors
    /// (`.N` … `.1`, oldest first) are read too, so a run that spans a rotation is whole.
    static func read(path: String, includeRotated: Bool = true, keep: JournalRunChoice = .all) throws -> JournalReading {
        var paths: [String] = []
        // A rotated file itself (`journal.jsonl.2`) is read alone.
        let isRotatedFile = Int(path.split(separator: ".").last ?? "") != nil
        if includeRotated, !isRotatedFile {
            var k = 1
            while FileManager.default.fileExists(atPath: "\(path).\(k)"), k <= 1000 {
                paths.insert("\(path).\(k)", at: 0)
                k += 1
            }
        }
        paths.append(path)
        var reading = JournalReading()
        for (index, file) in paths.enumerated() {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw JournalOpenError(path: file, reason: "cannot read it")
            }
            parse(Array(data), into: &reading, isLastFile: index == paths.count - 1, keep: keep)
            reading.files.append(file)
        }
        return reading
    }

    static func parse(_ bytes: [UInt8], keep: JournalRunChoice = .all) -> JournalReading {
        var reading = JournalReading()
        parse(bytes, into: &reading, isLastFile: true, keep: keep)
        return reading
    }

    private static func parse(_ bytes: [UInt8], into reading: inout JournalReading, isLastFile: Bool, keep: JournalRunChoice) {
        var start = 0
        while start < bytes.count {
            let newline = bytes[start...].firstIndex(of: 0x0A)
            let end = newline ?? bytes.count
            defer { start = end + 1 }
            guard end > start else { continue }
            let entry: JournalEntry?
            do {
                let value = try bytes[start..<end].withUnsafeBytes { try JSONParser.parse($0) }
                entry = try JournalEntry.decode(value)
            } catch {
                if newline == nil, isLastFile { reading.tornLastLine = true } else { reading.unreadableLines += 1 }
                continue
            }
            switch entry {
            case .none:
                continue  // a line kind replay does not use (requests) or a later build wrote
            case .session(let session)?:
                if session.continued, let last = reading.sessions.last, last.session.id == session.id {
                    continue  // the same run, carried on in the next file
                }
                // Keeping only the last run: the one before it is done, let its entries go.
                if case .last = keep, !reading.sessions.isEmpty {
                    reading.sessions[reading.sessions.count - 1].entries = []
                }
                reading.sessions.append(JournalSessionLog(session: session, entries: [], missingStart: session.continued))
            case let other?:
                guard !reading.sessions.isEmpty else {
                    reading.orphanEntries += 1
                    continue
                }
                let index = reading.sessions.count - 1
                let kept: Bool
                switch keep {
                case .all, .last: kept = true
                case .none: kept = false
                case .index(let wanted): kept = wanted == index
                }
                reading.sessions[index].append(other, keep: kept)
            }
        }
    }
}
