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

    /// The encoding (`TaskContentEncoder`), deflated when `inflatedCount` is set.
    private let bytes: [UInt8]
    /// The encoding's length before deflate; nil when `bytes` is the encoding itself.
    private let inflatedCount: Int?
    /// JSON values (metadata, data parts), kept as values and referred to by position: JSON is
    /// never written and re-parsed, so numbers and key order come back as they were.
    private let values: [JSONValue]

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
        values = encoder.values
        let encoded = encoder.bytes
        let level: Int32 = encoded.count > Self.fastLevelThreshold ? 1 : Self.level
        // Kept deflated only when it saves at least an eighth (random or already compressed data does not).
        if encoded.count >= Self.deflateThreshold, let deflated = Deflate.compress(encoded, level: level),
            deflated.count < encoded.count - encoded.count / 8
        {
            bytes = deflated
            inflatedCount = encoded.count
        } else {
            bytes = Array(encoded)  // exact capacity: the encoder's buffer grew by doubling
            inflatedCount = nil
        }
    }

    /// The content as packed; nil only if the buffer were damaged (it never leaves memory).
    func unpack(taskID: String, contextID: String?) -> Content? {
        let encoded: [UInt8]
        if let inflatedCount {
            guard let inflated = Deflate.decompress(bytes, count: inflatedCount) else { return nil }
            encoded = inflated
        } else {
            encoded = bytes
        }
        var decoder = TaskContentDecoder(bytes: encoded, values: values, taskID: taskID, contextID: contextID)
        return decoder.decodeContent()
    }

    /// Bytes held (the buffer, not counting allocator overhead): for benchmarks and tests.
    var storedByteCount: Int { bytes.count }
    /// Whether the buffer is deflated.
    var isDeflated: Bool { inflatedCount != nil }
}
