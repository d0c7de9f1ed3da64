import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A private scratch file that holds finished tasks' packed (deflated) bytes instead of the heap.
///
/// Why: with thousands of finished tasks kept for the operator, their packed artifacts are most of
/// the console's heap (≈15 MB for 10,000 tasks with 4 KB of prose each) and are almost never read
/// again. On disk they cost no resident memory; reading one back (opening an old task) is one
/// `pread` of a few KB. The file is unlinked as soon as it is created, so it is private (mode 0600,
/// no name anyone can open) and disappears when the console exits, even after a crash.
///
/// Space is handed out in segments of `segmentSize` bytes, filled one after another; a segment whose
/// blobs have all been released is reused (and its disk blocks given back). Finished tasks are
/// retained oldest-first, so segments empty in the order they filled and the file stays close to
/// the size of what is live.
///
/// Every failure (disk full, I/O error) is reported as nil: callers keep the bytes in memory then.
public final class SpillFile: Sendable {
    /// Where one stored blob lives in the file.
    public struct Extent: Sendable, Hashable {
        public let offset: Int
        public let count: Int

        /// `range` (relative to this blob's start) of a stored blob, to read and release on its own:
        /// several items written as one blob (one write) are then released one by one, and the
        /// segment is reused once all of them are.
        public func piece(_ range: Range<Int>) -> Extent {
            let lower = min(max(0, range.lowerBound), count)
            let upper = min(max(lower, range.upperBound), count)
            return Extent(offset: offset + lower, count: upper - lower)
        }
    }

    /// Bytes per segment.
    public static let segmentSize = 1 << 20
    /// Larger blobs are not spilled (they would waste the rest of a segment); they stay in memory.
    public static let largestBlob = segmentSize / 4

    private struct Segments {
        /// Bytes still live in each segment, by segment number.
        var live: [Int] = []
        /// Segments with nothing live, ready to be filled again.
        var free: [Int] = []
        /// The segment being filled, and how far.
        var current: Int?
        var fill = 0
        /// Live bytes in the whole file (for measurements).
        var liveBytes = 0
    }

    private let fd: Int32
    private let segments = Mutex(Segments())

    /// Opens a new scratch file in `directory` (created if missing, with its parent, mode 0700), or
    /// nil when that is not possible.
    public init?(directory: String) {
        if let slash = directory.lastIndex(of: "/"), slash != directory.startIndex {
            _ = mkdir(String(directory[..<slash]), 0o700)
        }
        _ = mkdir(directory, 0o700)
        var template = Array((directory + "/spill-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { return nil }
        _ = template.withUnsafeBufferPointer { unlink($0.baseAddress!) }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        self.fd = fd
    }

    deinit { close(fd) }

    /// `$XDG_CACHE_HOME/agentdeck`, or `~/.cache/agentdeck`: on disk (not a tmpfs, whose pages
    /// would still be memory), and private to the user. nil without either variable.
    public static func defaultDirectory(environment: [String: String]) -> String? {
        if let cache = environment["XDG_CACHE_HOME"], cache.hasPrefix("/") { return cache + "/agentdeck" }
        if let home = environment["HOME"], home.hasPrefix("/") { return home + "/.cache/agentdeck" }
        return nil
    }

    /// Writes `bytes` and returns where; nil when they are empty, larger than `largestBlob`, or the
    /// write failed.
    public func store(_ bytes: [UInt8]) -> Extent? {
        guard !bytes.isEmpty, bytes.count <= Self.largestBlob else { return nil }
        return segments.withLock { segments -> Extent? in
            if segments.current == nil || segments.fill + bytes.count > Self.segmentSize {
                if let current = segments.current, segments.live[current] == 0 { segments.free.append(current) }
                if let reused = segments.free.popLast() {
                    segments.current = reused
                } else {
                    segments.live.append(0)
                    segments.current = segments.live.count - 1
                }
                segments.fill = 0
            }
            guard let current = segments.current else { return nil }
            let extent = Extent(offset: current * Self.segmentSize + segments.fill, count: bytes.count)
            guard write(bytes, at: extent.offset) else { return nil }
            segments.fill += bytes.count
            segments.live[current] += bytes.count
            segments.liveBytes += bytes.count
            return extent
        }
    }

    /// Reads a stored blob back; nil on an I/O error.
    public func load(_ extent: Extent) -> [UInt8]? {
        guard extent.count > 0 else { return nil }
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: extent.count) { buffer, initialized in
            var done = 0
            while done < extent.count {
                let count = pread(fd, buffer.baseAddress! + done, extent.count - done, off_t(extent.offset + done))
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { failed = true; break }
                done += count
            }
            initialized = failed ? 0 : extent.count
        }
        return failed ? nil : bytes
    }

    /// The blob at `extent` is no longer needed. A segment left with nothing live is reused, and its
    /// disk blocks are given back.
    public func release(_ extent: Extent) {
        let segment = extent.offset / Self.segmentSize
        segments.withLock { segments in
            guard segments.live.indices.contains(segment) else { return }
            segments.live[segment] = max(0, segments.live[segment] - extent.count)
            segments.liveBytes = max(0, segments.liveBytes - extent.count)
            guard segments.live[segment] == 0, segment != segments.current else { return }
            segments.free.append(segment)
            punchHole(segment)
        }
    }

    /// Bytes of blobs stored and not released (for benchmarks and tests).
    public var liveBytes: Int { segments.withLock { $0.liveBytes } }
    /// Segments the file spans (each `segmentSize` bytes; emptied ones hold no disk blocks).
    public var segmentCount: Int { segments.withLock { $0.live.count } }
    /// Segments in use (holding live bytes, or being filled).
    public var segmentsInUse: Int { segments.withLock { $0.live.count - $0.free.count } }

    private func write(_ bytes: [UInt8], at offset: Int) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var done = 0
            while done < buffer.count {
                let count = pwrite(fd, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
                if count < 0 && errno == EINTR { continue }
                if count <= 0 { return false }
                done += count
            }
            return true
        }
    }

    /// Best effort: a filesystem without hole punching keeps the blocks until the segment is reused.
    private func punchHole(_ segment: Int) {
        let punchHoleKeepSize: Int32 = 0x02 | 0x01  // FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE
        _ = linuxFallocate(fd, punchHoleKeepSize, off_t(segment * Self.segmentSize), off_t(Self.segmentSize))
    }
}

/// fcntl.h declares `fallocate` only with _GNU_SOURCE, which the Glibc module is not built with.
@_silgen_name("fallocate") private func linuxFallocate(_ fd: Int32, _ mode: Int32, _ offset: off_t, _ length: off_t) -> Int32
