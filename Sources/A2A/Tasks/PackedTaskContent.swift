/// The bulky part of a finished task — artifacts, history, which artifacts are complete or
/// truncated — kept as one byte buffer, deflated when that pays.
///
/// Why: a finished task is rarely looked at again, yet as plain values its artifact text sits in one
/// string per chunk and every message repeats the task and context ids (about 8 KB per task with
/// 4 KB of artifact text). Packed, it is one allocation of roughly its compressed text. Reading it
/// back (`unpack`) gives exactly the values that were packed: the detail pane, `s` save, the raw
/// view and the journal see the same task.
struct PackedTaskContent: Sendable {
    /// What is packed, as plain values.
    struct Content: Sendable, Hashable {
        var artifacts: [Artifact]
        var history: [Message]
        var completedArtifactIDs: Set<String>
        var truncatedArtifactIDs: Set<String>

        var isEmpty: Bool {
            artifacts.isEmpty && history.isEmpty && completedArtifactIDs.isEmpty && truncatedArtifactIDs.isEmpty
        }
    }

    /// Where the encoding is kept.
    private enum Storage: Sendable {
        /// This task's encoding alone, deflated when `inflatedCount` is set (nil: `bytes` is the
        /// encoding itself).
        case alone(bytes: [UInt8], inflatedCount: Int?)
        /// `range` of a group's inflated stream (see `PackedTaskGroup`).
        case grouped(PackedTaskGroup, range: Range<Int>)
    }

    /// JSON values (metadata, data parts) are inside the encoding too, in a binary form that gives
    /// back the same numbers and key order (`JSONTag`).
    private let storage: Storage

    /// Encodings shorter than this are kept as they are: deflate would not win back its own header.
    static let deflateThreshold = 128
    /// zlib level 4: on 4 KB of prose, within 2 % of level 6's size in half its time (measured in
    /// BENCHMARKS.md); packing runs in `update`, once per finished task.
    static let level: Int32 = 4
    /// Above this many bytes, zlib's fastest level: a task that finishes with megabytes of
    /// artifacts must not stall the frame for long.
    static let fastLevelThreshold = 256 << 10

    /// Packs `content`; the ids are those of the task it belongs to (messages usually repeat them,
    /// and the encoding writes a one-byte reference instead).
    init(_ content: Content, taskID: String, contextID: String?) {
        var encoder = TaskContentEncoder(taskID: taskID, contextID: contextID)
        encoder.encode(content)
        self.init(alone: encoder)
    }

    /// One task's encoding kept alone.
    private init(alone encoder: TaskContentEncoder) {
        let encoded = encoder.bytes
        let level: Int32 = encoded.count > Self.fastLevelThreshold ? 1 : Self.level
        // Kept deflated only when it saves at least an eighth (random or already compressed data does not).
        if encoded.count >= Self.deflateThreshold, let deflated = Deflate.compress(encoded, level: level),
            deflated.count < encoded.count - encoded.count / 8
        {
            storage = .alone(bytes: deflated, inflatedCount: encoded.count)
        } else {
            storage = .alone(bytes: Array(encoded), inflatedCount: nil)  // exact capacity: the encoder's buffer grew by doubling
        }
    }

    /// A member whose encoding is longer than this is packed alone: reading any member inflates the
    /// group up to that member, and one large artifact must not make every read of its neighbours slow.
    static let groupMemberLimit = 64 << 10

    /// Packs several tasks' contents, those of at most `groupMemberLimit` bytes in one deflate
    /// stream (`PackedTaskGroup`): one task's text compresses better next to others that share its
    /// vocabulary (measured in BENCHMARKS.md). Returns one packed content per member, in order;
    /// each reads back alone. Larger members, or all of them when the group would not save an
    /// eighth, are packed alone.
    static func group(_ members: [(content: Content, taskID: String, contextID: String?)], spill: SpillFile? = nil) -> [PackedTaskContent] {
        let encoders = members.map { member in
            var encoder = TaskContentEncoder(taskID: member.taskID, contextID: member.contextID)
            encoder.encode(member.content)
            return encoder
        }
        var stream: [UInt8] = []
        var ranges: [Int: Range<Int>] = [:]
        for (i, encoder) in encoders.enumerated() where encoder.bytes.count <= Self.groupMemberLimit {
            ranges[i] = stream.count..<stream.count + encoder.bytes.count
            stream += encoder.bytes
        }
        var group: PackedTaskGroup?
        if ranges.count > 1, stream.count >= Self.deflateThreshold,
            let deflated = Deflate.compress(stream, level: Self.level, shape: .group),
            deflated.count < stream.count - stream.count / 8
        {
            group = PackedTaskGroup(bytes: deflated, inflatedCount: stream.count, spill: spill)
        }
        return encoders.indices.map { i in
            if let group, let range = ranges[i] {
                PackedTaskContent(storage: .grouped(group, range: range))
            } else {
                PackedTaskContent(alone: encoders[i])
            }
        }
    }

    private init(storage: Storage) {
        self.storage = storage
    }

    /// The content as packed; nil only if the buffer were damaged, or its spill file could not be
    /// read back.
    func unpack(taskID: String, contextID: String?) -> Content? {
        let encoded: [UInt8]
        switch storage {
        case .alone(let bytes, let inflatedCount?):
            guard let inflated = Deflate.decompress(bytes, count: inflatedCount) else { return nil }
            encoded = inflated
        case .alone(let bytes, nil):
            encoded = bytes
        case .grouped(let group, let range):
            // Only the stream up to this member's end is inflated.
            guard range.upperBound <= group.inflatedCount, let bytes = group.bytes,
                let prefix = Deflate.decompressPrefix(bytes, count: range.upperBound, shape: .group)
            else { return nil }
            encoded = Array(prefix[range])
        }
        var decoder = TaskContentDecoder(bytes: encoded, taskID: taskID, contextID: contextID)
        return decoder.decodeContent()
    }

    /// Bytes held (the buffer, not counting allocator overhead; a group member counts its share of
    /// the group's buffer, in proportion to its encoding): for benchmarks and tests.
    var storedByteCount: Int {
        switch storage {
        case .alone(let bytes, _): bytes.count
        case .grouped(let group, let range): group.byteCount * range.count / max(1, group.inflatedCount)
        }
    }
    /// Whether the buffer is deflated.
    var isDeflated: Bool {
        switch storage {
        case .alone(_, let inflatedCount): inflatedCount != nil
        case .grouped: true
        }
    }
    /// Whether this content's bytes are kept in a spill file.
    var isSpilled: Bool {
        if case .grouped(let group, _) = storage { group.isSpilled } else { false }
    }
    /// Whether this content shares a deflate stream with other tasks.
    var isGrouped: Bool {
        if case .grouped = storage { true } else { false }
    }
}

/// Several finished tasks' encodings deflated as one stream, shared (immutably) by their packed
/// contents; freed when the last of them is unpacked or dropped. A task unpacked by a late event
/// leaves its stale copy here until then: at most a group's worth per task.
///
/// With a `SpillFile`, the deflated stream lives in that file instead of the heap (read back with
/// one `pread` when a member is opened); without one, or when the write fails, in memory.
final class PackedTaskGroup: Sendable {
    private enum Home: Sendable {
        case memory([UInt8])
        case spilled(SpillFile, SpillFile.Extent)
    }

    private let home: Home
    /// The stream's length once inflated.
    let inflatedCount: Int

    init(bytes: [UInt8], inflatedCount: Int, spill: SpillFile? = nil) {
        if let spill, let extent = spill.store(bytes) {
            home = .spilled(spill, extent)
        } else {
            home = .memory(bytes)
        }
        self.inflatedCount = inflatedCount
    }

    deinit {
        if case .spilled(let file, let extent) = home { file.release(extent) }
    }

    /// The deflated stream; nil if its spill file could not be read.
    var bytes: [UInt8]? {
        switch home {
        case .memory(let bytes): bytes
        case .spilled(let file, let extent): file.load(extent)
        }
    }

    /// Length of the deflated stream, wherever it is kept.
    var byteCount: Int {
        switch home {
        case .memory(let bytes): bytes.count
        case .spilled(_, let extent): extent.count
        }
    }

    /// Whether the stream is kept in a spill file.
    var isSpilled: Bool {
        if case .spilled = home { true } else { false }
    }
}
