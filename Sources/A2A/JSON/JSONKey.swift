/// The object keys the stream decoders look up, known to the parser.
///
/// The parser tags each member whose key is one of these (matched on the raw bytes, so the key's
/// String is a shared constant instead of a fresh one), and a lookup by `JSONKey` compares one
/// byte per member instead of a string. Keys outside this list work exactly as before, by String.
public enum JSONKey: UInt8, CaseIterable, Sendable {
    // JSON-RPC envelope and errors
    case id = 1, jsonrpc, result, error, code, message, data, details, detail, reason
    // Event shapes
    case kind, type, task, msg, statusUpdate, status_update, artifactUpdate, artifact_update
    // Task, status, message
    case taskId, task_id, contextId, context_id, sessionId, status, state, timestamp, `final`, metadata
    case history, artifacts, messageId, message_id, role, parts, content, referenceTaskIds
    case progress, percent, stage
    // Parts and artifacts
    case text, raw, url, uri, file, bytes, name, filename, mediaType, mimeType, media_type, mime_type
    case fileWithBytes, fileWithUri, file_with_bytes, file_with_uri
    case artifact, artifactId, artifact_id, index, description, append, lastChunk, last_chunk

    /// The key as it appears on the wire.
    public var spelling: String { KnownKeyTable.shared.spellings[Int(rawValue)] }

    /// Every case's name, which is its spelling, in raw-value order from 1. Written out: building
    /// them with `String(describing:)` (reflection) cost 3.5 M instructions at the first event
    /// decoded. `JSONKeyTests` holds the list to the case names.
    static let spellingsInOrder: [String] = [
        "id", "jsonrpc", "result", "error", "code", "message", "data", "details", "detail", "reason",
        "kind", "type", "task", "msg", "statusUpdate", "status_update", "artifactUpdate", "artifact_update",
        "taskId", "task_id", "contextId", "context_id", "sessionId", "status", "state", "timestamp", "final", "metadata",
        "history", "artifacts", "messageId", "message_id", "role", "parts", "content", "referenceTaskIds",
        "progress", "percent", "stage",
        "text", "raw", "url", "uri", "file", "bytes", "name", "filename", "mediaType", "mimeType", "media_type", "mime_type",
        "fileWithBytes", "fileWithUri", "file_with_bytes", "file_with_uri",
        "artifact", "artifactId", "artifact_id", "index", "description", "append", "lastChunk", "last_chunk",
    ]

    /// The known key spelled exactly by these bytes, if any.
    public init?(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        guard let key = KnownKeyTable.shared.key(for: bytes) else { return nil }
        self = key
    }

    /// The known key spelled exactly `text`, if any.
    public init?(_ text: String) {
        var text = text
        guard let key = text.withUTF8({ KnownKeyTable.shared.key(for: $0) }) else { return nil }
        self = key
    }
}

/// Bytes → `JSONKey`: the key's bytes as two zero-padded words (known keys are 2–16 bytes),
/// hashed into an open-addressing table of 256 slots; a hit is confirmed by comparing both words
/// and the length. About forty instructions a key: it runs for every key of every event.
final class KnownKeyTable: @unchecked Sendable {
    // @unchecked: `slots` is written once, in `init`, and only read afterwards.
    static let shared = KnownKeyTable()

    struct Slot {
        var first: UInt64 = 0
        var second: UInt64 = 0
        var length = 0
        /// nil: an empty slot. The case itself, not its raw value (no conversion per lookup).
        var key: JSONKey?
    }

    /// Indexed by raw value (slot 0 unused).
    let spellings: [String]
    private static let slotCount = 256
    /// Never freed: the table lives as long as the process.
    private let slots: UnsafeMutablePointer<Slot>

    private init() {
        var spellings = [""]
        slots = UnsafeMutablePointer<Slot>.allocate(capacity: Self.slotCount)
        slots.initialize(repeating: Slot(), count: Self.slotCount)
        for (key, spelling) in zip(JSONKey.allCases, JSONKey.spellingsInOrder) {
            spellings.append(spelling)
            let bytes = Array(spelling.utf8)
            let (first, second) = bytes.withUnsafeBufferPointer { Self.words($0) }
            var slot = Self.slot(first, second, bytes.count)
            while slots[slot].key != nil { slot = (slot + 1) & (Self.slotCount - 1) }
            slots[slot] = Slot(first: first, second: second, length: bytes.count, key: key)
        }
        self.spellings = spellings
    }

    /// Up to 16 bytes as two little-endian words, zero-padded.
    @inline(__always) private static func words(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
        var words: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &words) { $0.copyMemory(from: UnsafeRawBufferPointer(bytes)) }
        return (UInt64(littleEndian: words.0), UInt64(littleEndian: words.1))
    }

    @inline(__always) private static func slot(_ first: UInt64, _ second: UInt64, _ length: Int) -> Int {
        let mixed = (first ^ (second &* 0x9E37_79B9_7F4A_7C15) ^ UInt64(length)) &* 0xBF58_476D_1CE4_E5B9
        return Int(truncatingIfNeeded: mixed >> 56)
    }

    func key(for candidate: UnsafeBufferPointer<UInt8>) -> JSONKey? {
        guard candidate.count >= 2, candidate.count <= 16 else { return nil }
        let (first, second) = Self.words(candidate)
        return key(first, second, length: candidate.count)
    }

    /// `key(for:)` for the parser, which knows that `readableAfter` more bytes follow the
    /// candidate in memory: the words are loaded straight from the input (the same words
    /// `words` copies out), two loads instead of a copy for every key of every event.
    func key(for candidate: UnsafeBufferPointer<UInt8>, readableAfter slack: Int) -> JSONKey? {
        let n = candidate.count
        guard n >= 2, n <= 16, let start = candidate.baseAddress else { return nil }
        let raw = UnsafeRawPointer(start)
        let first: UInt64
        var second: UInt64 = 0
        if n >= 8 {
            first = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
            // The last eight bytes, shifted down past the ones `first` holds (none left at n == 8).
            second = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)) >> UInt64(8 * (16 - n))
        } else if slack >= 8 - n {
            first = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self)) & (UInt64(1) << UInt64(8 * n) &- 1)
        } else {
            return key(for: candidate)
        }
        return key(first, second, length: n)
    }

    /// The key whose bytes, as `words` makes them (little-endian, zero past `length`), are
    /// `first` and `second`. For a reader that already holds them loaded (`Walker.key()`).
    @inline(__always) func key(_ first: UInt64, _ second: UInt64, length: Int) -> JSONKey? {
        var slot = Self.slot(first, second, length)
        while true {
            let entry = slots[slot]
            guard let key = entry.key else { return nil }
            if entry.first == first, entry.second == second, entry.length == length { return key }
            slot = (slot + 1) & (Self.slotCount - 1)
        }
    }
}
