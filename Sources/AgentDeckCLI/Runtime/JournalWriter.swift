import A2A
import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Appends journal entries as JSON lines, off the UI thread.
///
/// `record` only appends to an in-memory queue under a mutex (callable from the UI thread and the
/// network thread alike). While entries arrive, a writer thread wakes every `flushInterval`,
/// encodes what is queued, masks credentials and writes it with one `write(2)`: a `kill -9` loses
/// at most the entries of the last interval, and a torn last line at worst. When a batch leaves
/// the queue empty, the writer sleeps until the next entry (an idle console wakes it never, not
/// four times a second). Written data needs no fsync to
/// survive the process being killed (it is in the kernel's page cache).
///
/// The file is rotated when the next batch would take it past `maxBytes`: `journal.jsonl` →
/// `.1` → `.2` … up to `keep` files. Every new file starts with the session line (`continued`),
/// so each file can be read on its own.
final class JournalWriter: Sendable {
    let path: String
    private let settings: JournalSettings
    private let redaction: JournalRedaction
    private let flushInterval: TimeInterval
    /// Bounds memory when the disk cannot keep up: beyond this, entries are counted, not kept.
    private let maxQueued: Int
    private let queue = Mutex(Queue())
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let file: Mutex<FileState>
    /// The writer thread's nice value (0 is the UI's; 19 the lowest).
    static let niceness: Int32 = 5

    private struct Queue {
        var entries: [JournalEntry] = []
        var dropped = 0
        var closing = false
        /// The writer is asleep until the next entry: the first `record` must wake it.
        var writerAsleep = false
    }

    private struct FileState {
        var fd: Int32
        var size: Int
        var session: JournalSession
        var lastError: String?
    }

    /// Opens (or creates, mode 0600) the file and writes the session line. Throws when the file
    /// cannot be opened: the caller decides whether to run without a journal.
    init(path: String, settings: JournalSettings, session: JournalSession, redaction: JournalRedaction,
         flushInterval: TimeInterval = 0.25, maxQueued: Int = 50_000) throws {
        self.path = path
        self.settings = settings
        self.redaction = redaction
        self.flushInterval = flushInterval
        self.maxQueued = maxQueued
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        }
        var state = FileState(fd: -1, size: 0, session: session)
        try Self.open(path, into: &state)
        file = Mutex(state)
        var first = session
        first.continued = false
        var lines = JournalLines()
        lines.append(.session(first), redaction: redaction)
        write(lines)
        let thread = Thread { [self] in run() }
        thread.name = "agentdeck-journal"
        thread.start()
    }

    /// Queues an entry; never blocks on the disk.
    func record(_ entry: JournalEntry) {
        let wakeWriter = queue.withLock { q -> Bool in
            guard !q.closing else { return false }
            if q.entries.count >= maxQueued {
                q.dropped += 1
            } else {
                q.entries.append(entry)
            }
            defer { q.writerAsleep = false }
            return q.writerAsleep
        }
        if wakeWriter { wake.signal() }
    }

    /// Writes everything queued and stops the writer thread. Idempotent.
    func close() {
        let first = queue.withLock { q -> Bool in
            defer { q.closing = true }
            return !q.closing
        }
        guard first else { return }
        wake.signal()
        finished.wait()
        file.withLock { f in
            if f.fd >= 0 { Glibc.close(f.fd) }
            f.fd = -1
        }
    }

    /// The last write error, if any (shown by the dashboard once, never fatal).
    var lastError: String? { file.withLock { $0.lastError } }

    private func run() {
        // Background work: when the two cores are contended, the UI thread (keys, frames) and the
        // network thread go first. Linux keeps a nice value per thread; who 0 is the caller.
        // Entries wait in the queue meanwhile (bounded; a gap line counts any dropped).
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, Self.niceness)
        // One buffer for every batch's lines (its capacity is kept between batches).
        var lines = JournalLines()
        while true {
            // Nothing queued: sleep until `record` (or `close`) signals, then gather for one interval.
            let asleep = queue.withLock { q -> Bool in
                q.writerAsleep = q.entries.isEmpty && q.dropped == 0 && !q.closing
                return q.writerAsleep
            }
            if asleep { wake.wait() }
            if !queue.withLock({ $0.closing }) {
                _ = wake.wait(timeout: .now() + flushInterval)  // `close` cuts the interval short
            }
            var batch: [JournalEntry] = []
            let (dropped, closing) = queue.withLock { q in
                swap(&batch, &q.entries)
                defer { q.dropped = 0 }
                return (q.dropped, q.closing)
            }
            lines.removeAll()
            for entry in batch { lines.append(entry, redaction: redaction) }
            if dropped > 0 { lines.append(.gap(dropped: dropped, at: JournalClock.now()), redaction: redaction) }
            if !lines.isEmpty { write(lines) }
            lines.releaseIfOversized()
            if closing {
                finished.signal()
                return
            }
        }
    }

    /// Writes whole lines, rotating first whenever the next line would pass the size cap.
    private func write(_ lines: JournalLines) {
        file.withLock { f in
            var chunk = 0  // where the bytes not yet written start
            var start = 0
            for end in lines.ends {
                if f.size + end - chunk > settings.maxBytes, f.size + start - chunk > 0 {
                    flush(lines.bytes[chunk..<start], into: &f)
                    rotate(&f)
                    chunk = start
                }
                start = end
            }
            flush(lines.bytes[chunk..<start], into: &f)
        }
    }

    private func flush(_ bytes: ArraySlice<UInt8>, into f: inout FileState) {
        guard f.fd >= 0, !bytes.isEmpty else { return }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { all -> Int in
                guard let base = all.baseAddress else { return 0 }
                return Glibc.write(f.fd, base + offset, all.count - offset)
            }
            if n < 0, errno == EINTR { continue }
            if n <= 0 {
                f.lastError = "journal \(path): \(String(cString: strerror(errno)))"
                return
            }
            offset += n
        }
        f.size += bytes.count
    }

    private func rotate(_ f: inout FileState) {
        Glibc.close(f.fd)
        f.fd = -1
        let fm = FileManager.default
        if settings.keep == 0 {
            try? fm.removeItem(atPath: path)
        } else {
            try? fm.removeItem(atPath: "\(path).\(settings.keep)")
            for k in stride(from: settings.keep - 1, through: 1, by: -1) where fm.fileExists(atPath: "\(path).\(k)") {
                _ = Glibc.rename("\(path).\(k)", "\(path).\(k + 1)")
            }
            _ = Glibc.rename(path, "\(path).1")
        }
        do {
            try Self.open(path, into: &f)
        } catch {
            f.lastError = "journal \(path): \(error)"
            return
        }
        var header = f.session
        header.continued = true
        var lines = JournalLines()
        lines.append(.session(header), redaction: redaction)
        flush(lines.bytes[...], into: &f)
    }

    /// Opens for appending; a last line left torn by a killed process gets its newline first,
    /// so our lines never glue onto it.
    private static func open(_ path: String, into f: inout FileState) throws {
        let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw JournalOpenError(path: path, reason: String(cString: strerror(errno))) }
        var info = stat()
        let size = fstat(fd, &info) == 0 ? Int(info.st_size) : 0
        f.fd = fd
        f.size = size
        if size > 0, let last = lastByte(path), last != 0x0A {
            var newline: [UInt8] = [0x0A]
            _ = Glibc.write(fd, &newline, 1)
            f.size += 1
        }
    }

    private static func lastByte(_ path: String) -> UInt8? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let end = try? handle.seekToEnd(), end > 0 else { return nil }
        try? handle.seek(toOffset: end - 1)
        return (try? handle.read(upToCount: 1))?.first
    }
}

struct JournalOpenError: Error, CustomStringConvertible {
    var path: String
    var reason: String
    var description: String { "cannot open the journal \(path): \(reason)" }
}

/// A batch of journal lines in one buffer, each masked and ended by a newline: encoded straight
/// into it (no array per line, no second copy to gather them for the write).
struct JournalLines {
    private(set) var bytes: [UInt8] = []
    /// Where each line ends (after its newline).
    private(set) var ends: [Int] = []
    private var line = JSONStreamWriter(capacity: 4096)

    var isEmpty: Bool { ends.isEmpty }

    mutating func append(_ entry: JournalEntry, redaction: JournalRedaction) {
        line.removeAll()
        entry.write(to: &line)
        bytes += redaction.apply(bytes: line.bytes)
        bytes.append(0x0A)
        ends.append(bytes.count)
    }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }

    /// Lets the buffers go when the batch just encoded used under an eighth of a capacity over
    /// `keptCapacity`: a burst's batch left an 8.9 MB buffer that stayed resident for as long as
    /// the console then idled. Batches of a steady load are alike in size: they keep theirs.
    mutating func releaseIfOversized() {
        guard bytes.capacity > Self.keptCapacity, bytes.count < bytes.capacity / 8 else { return }
        bytes = []
        ends = []
    }

    static let keptCapacity = 1 << 20
}
