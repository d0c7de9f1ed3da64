import Foundation

/// The stream events nearly every agent sends — status and artifact updates, V1 `{statusUpdate}` /
/// `{artifactUpdate}` wrappers and V03 `kind`-tagged objects, in a JSON-RPC envelope or bare, and
/// the task snapshot that opens a stream (`{task}` / `kind: "task"`) —
/// decoded straight from the bytes, without building a `JSONValue` tree for their objects
/// (building and releasing that tree was a third of an event's cost). Leaves and `metadata` are
/// still read by the JSON parser's own `ByteReader`, so strings, numbers, UTF-8 repair and the
/// nesting limit are exactly the tree parser's.
///
/// Anything it is not sure about returns nil and `StreamDataDecoding` takes the tree path, which
/// stays the reference: a key outside the few it reads (escaped spellings of them are fine), a
/// duplicate key, a message event, a syntax error, an `error` event. `DirectEventDecodingTests`
/// checks that whenever it answers, the tree path gives the same events.
enum DirectEventDecoding {
    static func events(_ data: UnsafeRawBufferPointer, eventType: String, context: StreamContext) -> [StreamEvent]? {
        if eventType == "error" { return nil }
        var walker = Walker(
            reader: ByteReader(buffer: data, maxDepth: JSONParser.defaultMaxDepth), streamIDs: context.recentIDs.current)
        do {
            let event = try walker.document(context: context)
            // The stream's next events will repeat these ids.
            if walker.madeIDs { context.recentIDs.keep(walker.recentIDs.0?.string, walker.recentIDs.1?.string) }
            return [event]
        } catch {
            return nil
        }
    }
}

/// Thrown to hand the event to the tree path. Never shown: `events` turns it into nil.
private let bail = JSONParseError(offset: 0, reason: "left to the tree decoder")

/// Which members an object may have where it sits.
private enum Level {
    case document  // the SSE data: an envelope, a wrapper or a bare event
    case result  // an envelope's `result`: a wrapper or a bare event
    case update  // inside a wrapper: the update itself
}

/// The members of an event object that this decoder reads. Each is nil until seen; seeing one
/// twice bails (the tree resolves duplicates, "last wins"). A class: as a struct (two events, a
/// status, an artifact, a dozen values) it was large enough that copying it cost more than the tree.
/// Its members are `@exclusivity(unchecked)`: a fields object lives within one `document()` call
/// on one thread, and the run-time exclusivity checks of a class's members (`once(&f.id, …)`,
/// `f.status.take()`) cost ~130 instructions each, about seven per event.
private final class EventFields {
    /// A wrapper's inner object: kept as fields and turned into one `StreamEvent` at the end
    /// (storing and moving events themselves cost more than the tree).
    @exclusivity(unchecked) var wrappedStatus: EventFields?
    @exclusivity(unchecked) var wrappedArtifact: EventFields?
    @exclusivity(unchecked) var wrappedTask: EventFields?
    /// Set with any of the three (a stored flag: reading three optionals cost more).
    @exclusivity(unchecked) var wrapped = false
    @exclusivity(unchecked) var kind = Kind.absent
    @exclusivity(unchecked) var taskId: JSONValue?
    /// `id` inside a result or wrapper: a task's id (an update's when it has no `taskId`).
    @exclusivity(unchecked) var id: JSONValue?
    @exclusivity(unchecked) var contextId: JSONValue?
    /// A task's `history` and `artifacts`.
    @exclusivity(unchecked) var history: [Message]?
    @exclusivity(unchecked) var artifacts: [Artifact]?
    /// nil while `hasStatus`: present but not an object (reads as an unknown state).
    @exclusivity(unchecked) var status: TaskStatus?
    @exclusivity(unchecked) var hasStatus = false
    @exclusivity(unchecked) var final: JSONValue?
    @exclusivity(unchecked) var metadata: JSONValue?
    @exclusivity(unchecked) var artifact: Artifact?
    @exclusivity(unchecked) var artifactAppend: JSONValue?
    @exclusivity(unchecked) var artifactLastChunk: JSONValue?
    @exclusivity(unchecked) var append: JSONValue?
    @exclusivity(unchecked) var lastChunk: JSONValue?

    /// Any member besides a wrapper (`kind`, ids, status, artifact, …): set as each is read, since
    /// testing every optional field here cost more than the rest of building the event.
    @exclusivity(unchecked) var hasUpdateMembers = false

    /// The `kind` member, matched on its bytes: the three kinds this decoder reads, or anything else.
    enum Kind {
        case absent, statusUpdate, artifactUpdate, task, other
    }
}

private struct Walker {
    var reader: ByteReader
    /// The last two ids read (`taskId`, `contextId`): a message repeats its update's, and the same
    /// bytes make the same String, so the second reading shares the first one's storage.
    var recentIDs: (RecentString?, RecentString?) = (nil, nil)

    /// The ids earlier events of the stream made (`StreamIDMemo`), tried after `recentIDs`.
    let streamIDs: StreamIDMemo.Kept?
    /// An id was made here (not found in either): the stream's memo is to be updated.
    var madeIDs = false

    struct RecentString {
        let bytes: UnsafeBufferPointer<UInt8>
        let string: String
    }

    @inline(__always) init(reader: ByteReader, streamIDs: StreamIDMemo.Kept?) {
        self.reader = reader
        self.streamIDs = streamIDs
    }

    // MARK: Grammar (the tree parser's, minus building containers)

    /// At a value: its first byte, after whitespace.
    @inline(__always) mutating func peek() throws(JSONParseError) -> UInt8 {
        reader.skipWhitespace()
        guard reader.index < reader.count else { throw bail }
        return reader.byte(reader.index)
    }

    /// Consumes `{`; false when the object is empty (its `}` consumed too).
    @inline(__always) mutating func openObject(depth: Int) throws(JSONParseError) -> Bool {
        guard depth <= reader.maxDepth, try peek() == 0x7B else { throw bail }
        reader.index += 1
        if try peek() == 0x7D {
            reader.index += 1
            return false
        }
        return true
    }

    /// The next member's key (a known one, else bail), and past its `:`.
    /// Only the key's tag: a plain key is matched on its bytes without making its String.
    @inline(__always) mutating func key() throws(JSONParseError) -> JSONKey {
        guard try peek() == 0x22 else { throw bail }
        let contentStart = reader.index + 1
        // Known keys are 2–16 bytes: the first quote, backslash or control byte among the 16
        // bytes after the opening quote (the parser's exact "attention" mask) ends a plain key.
        // Anything else takes the parser's own scan.
        guard contentStart + 16 < reader.count else { return try scannedKey() }
        let p = UnsafeRawPointer(reader.base.unsafelyUnwrapped + contentStart)
        // The two words are also what the known-key table compares (zeroed past the key): looked
        // up with them as loaded, not loaded again.
        let low = p.loadUnaligned(as: UInt64.self)
        let length: Int, first: UInt64, second: UInt64
        let lowMask = reader.attentionMask(low)
        if lowMask != 0 {
            length = lowMask.trailingZeroBitCount >> 3
            first = UInt64(littleEndian: low) & Self.lowBytes(length)
            second = 0
        } else {
            let high = p.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
            let highMask = reader.attentionMask(high)
            guard highMask != 0 else { throw bail }  // longer than every known key
            length = 8 + highMask.trailingZeroBitCount >> 3
            first = UInt64(littleEndian: low)
            second = UInt64(littleEndian: high) & Self.lowBytes(length - 8)
        }
        guard p.load(fromByteOffset: length, as: UInt8.self) == 0x22 else { return try scannedKey() }
        reader.index = contentStart + length + 1  // past the closing quote
        return try afterKey(length >= 2 ? reader.knownKeys.key(first, second, length: length) : nil)
    }

    /// A mask of a word's `n` low bytes (0–7).
    @inline(__always) static func lowBytes(_ n: Int) -> UInt64 { (UInt64(1) << UInt64(8 * n)) &- 1 }

    /// `key()` the long way: the parser's string scan, and its escape decoding when there is one.
    mutating func scannedKey() throws(JSONParseError) -> JSONKey {
        let start = reader.index
        let known: JSONKey?
        if let end = try reader.scanPlainString() {
            // `count - end` bytes (the closing quote on) follow the key: the table may load words there.
            known = reader.knownKeys.key(
                for: UnsafeBufferPointer(start: reader.base.unsafelyUnwrapped + start + 1, count: end - start - 1),
                readableAfter: reader.count - end)
        } else {
            reader.index = start  // escaped: the parser's own reading, from the opening quote
            known = try reader.parseKey().1
        }
        return try afterKey(known)
    }

    /// A known key, and past the `:` after it.
    @inline(__always) mutating func afterKey(_ known: JSONKey?) throws(JSONParseError) -> JSONKey {
        guard let known, try peek() == 0x3A else { throw bail }
        reader.index += 1
        reader.skipWhitespace()
        return known
    }

    /// After a member's value: true at `,` (another member follows), false at the closing `}`.
    @inline(__always) mutating func moreMembers() throws(JSONParseError) -> Bool {
        switch try peek() {
        case 0x2C:
            reader.index += 1
            return true
        case 0x7D:
            reader.index += 1
            return false
        default: throw bail
        }
    }

    /// Consumes `[`; false when the array is empty (its `]` consumed too).
    @inline(__always) mutating func openArray(depth: Int) throws(JSONParseError) -> Bool {
        guard depth <= reader.maxDepth, try peek() == 0x5B else { throw bail }
        reader.index += 1
        if try peek() == 0x5D {
            reader.index += 1
            return false
        }
        return true
    }

    @inline(__always) mutating func moreElements() throws(JSONParseError) -> Bool {
        switch try peek() {
        case 0x2C:
            reader.index += 1
            return true
        case 0x5D:
            reader.index += 1
            return false
        default: throw bail
        }
    }

    /// A leaf (or `metadata`) as the tree parser reads it, inside a container at `depth`.
    @inline(__always) mutating func value(depth: Int) throws(JSONParseError) -> JSONValue {
        reader.skipWhitespace()
        return try reader.parseValue(depth: depth)
    }

    /// At a string without escapes: its bytes, and the reader past it. At anything else: nil, the
    /// reader unmoved (then read the value the general way).
    @inline(__always) mutating func plainString() throws(JSONParseError) -> UnsafeBufferPointer<UInt8>? {
        guard try peek() == 0x22 else { return nil }
        let start = reader.index
        if let end = try reader.scanPlainString() {
            return UnsafeBufferPointer(start: reader.base.unsafelyUnwrapped + start + 1, count: end - start - 1)
        }
        reader.index = start
        return nil
    }

    /// Reads past a value whose content is never used: checked as the parser checks it, but a
    /// plain string or a number makes nothing.
    mutating func skip(depth: Int) throws(JSONParseError) {
        if try plainString() != nil { return }
        switch reader.byte(reader.index) {
        case 0x2D, 0x30...0x39: _ = try reader.parseNumber()
        default: _ = try reader.parseValue(depth: depth)
        }
    }

    /// A `taskId`/`contextId`-like value: as `value(depth:)` reads it, a plain string seen just
    /// before shared instead of made again.
    mutating func id(depth: Int) throws(JSONParseError) -> JSONValue {
        guard let bytes = try plainString() else { return try value(depth: depth) }
        if let recent = recentIDs.0, Self.same(recent.bytes, bytes) { return .string(recent.string) }
        if let recent = recentIDs.1, Self.same(recent.bytes, bytes) { return .string(recent.string) }
        let string: String
        if let earlier = streamIDs?.first, Self.spells(bytes, earlier) {
            string = earlier
        } else if let earlier = streamIDs?.second, Self.spells(bytes, earlier) {
            string = earlier
        } else {
            string = String(decoding: bytes, as: UTF8.self)
            madeIDs = true
        }
        recentIDs = (RecentString(bytes: bytes, string: string), recentIDs.0)
        return .string(string)
    }

    /// Whether `bytes` are exactly `string`'s UTF-8 (a String made from plain bytes keeps them
    /// as they were, so this is the test `String(decoding:)` would pass to make an equal String).
    @inline(__always) static func spells(_ bytes: UnsafeBufferPointer<UInt8>, _ string: String) -> Bool {
        guard string.utf8.count == bytes.count else { return false }
        var string = string
        return string.withUTF8 { same($0, bytes) }
    }

    @inline(__always) static func same(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        guard let x = a.baseAddress, let y = b.baseAddress else { return true }
        return memcmp(x, y, a.count) == 0
    }

    /// Whether `bytes` spell `word` exactly.
    @inline(__always) static func spells(_ bytes: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        same(bytes, UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount))
    }

    /// A task state: the usual spellings matched on their bytes, anything else through
    /// `ObjectDecoding.state` on the String (which gives the same answer for those spellings).
    mutating func state(depth: Int) throws(JSONParseError) -> TaskState? {
        let start = reader.index
        if let bytes = try plainString() {
            if Self.spells(bytes, "TASK_STATE_WORKING") || Self.spells(bytes, "working") { return .working }
            if Self.spells(bytes, "TASK_STATE_COMPLETED") || Self.spells(bytes, "completed") { return .completed }
            if Self.spells(bytes, "TASK_STATE_SUBMITTED") || Self.spells(bytes, "submitted") { return .submitted }
            reader.index = start
        }
        return try value(depth: depth).stringValue.map(ObjectDecoding.state)
    }

    /// A role: the agent's spellings matched on their bytes, anything else as `ObjectDecoding.role` reads it.
    mutating func role(depth: Int) throws(JSONParseError) -> Role? {
        let start = reader.index
        if let bytes = try plainString() {
            if Self.spells(bytes, "ROLE_AGENT") || Self.spells(bytes, "agent") { return .agent }
            reader.index = start
        }
        return try value(depth: depth).stringValue.map(ObjectDecoding.role)
    }

    /// A timestamp: a plain string's bytes parsed in place (`Timestamp.parse` reads the String's
    /// UTF-8 the same way; non-ASCII bytes are refused either way); an escaped one through its String.
    mutating func timestamp(depth: Int) throws(JSONParseError) -> Date? {
        if let bytes = try plainString() { return Timestamp.parse(bytes: bytes) }
        return try value(depth: depth).stringValue.flatMap(Timestamp.parse)
    }

    /// Stores a member seen once; a second sighting bails. (Not generic: unspecialized, its value
    /// witnesses copied every value twice.)
    @inline(__always) func once(_ slot: inout JSONValue?, _ value: JSONValue) throws(JSONParseError) {
        guard slot == nil else { throw bail }
        slot = value
    }

    @inline(__always) func firstTime(_ seen: Bool) throws(JSONParseError) {
        if seen { throw bail }
    }

    // MARK: Event shapes

    /// The SSE data: a JSON-RPC envelope around the event, or the event bare. The envelope's own
    /// members are only noted (no fields object for it: one allocation less per event).
    /// `context` (passed, not kept: a copy of it cost two reference counts per event) supplies
    /// what an update leaves out.
    mutating func document(context: StreamContext) throws(JSONParseError) -> StreamEvent {
        guard try openObject(depth: 1) else { throw bail }
        var hasJSONRPC = false, hasID = false
        var result: EventFields?
        var bare: EventFields?
        repeat {
            let key = try key()
            switch key {
            case .jsonrpc:
                try firstTime(hasJSONRPC)
                hasJSONRPC = true
                try skip(depth: 1)
            case .id:
                try firstTime(hasID)
                hasID = true
                try skip(depth: 1)
            case .result:
                try firstTime(result != nil)
                result = try eventObject(depth: 2, level: .result)
            default:
                let fields = bare ?? EventFields()
                bare = fields
                try member(key, into: fields, depth: 1, level: .document)
            }
        } while try moreMembers()
        reader.skipWhitespace()
        guard reader.index == reader.count else { throw bail }
        // StreamDataDecoding's test: `jsonrpc`, or a `result` (this decoder bails on `type`/`error`).
        if hasJSONRPC || result != nil {
            guard let result, bare == nil else { throw bail }
            return try event(result, context: context)
        }
        guard !hasID, let bare else { throw bail }  // `{id, status}` is a V01 event
        return try event(bare, context: context)
    }

    /// An event object (EventDecoding.events): `kind`-tagged, or a wrapper alone.
    func event(_ fields: EventFields, context: StreamContext) throws(JSONParseError) -> StreamEvent {
        switch fields.kind {
        case .absent: break
        case .statusUpdate where !fields.wrapped: return try statusUpdate(fields, context: context)
        case .artifactUpdate where !fields.wrapped: return try artifactUpdate(fields, context: context)
        case .task where !fields.wrapped: return try task(fields)
        default: throw bail  // messages, unknown kinds, a `kind` that is not a string
        }
        guard !fields.hasUpdateMembers else { throw bail }
        if let inner = fields.wrappedStatus { return try statusUpdate(inner, context: context) }
        if let inner = fields.wrappedArtifact { return try artifactUpdate(inner, context: context) }
        // EventDecoding.wrapped: `task` counts as a wrapper only around something with a status or an id.
        if let inner = fields.wrappedTask, inner.hasStatus || inner.id != nil { return try task(inner) }
        throw bail
    }

    mutating func eventObject(depth: Int, level: Level) throws(JSONParseError) -> EventFields {
        let f = EventFields()
        guard try openObject(depth: depth) else { return f }
        repeat {
            try member(try key(), into: f, depth: depth, level: level)
        } while try moreMembers()
        return f
    }

    /// One member of an event object at `depth` (the envelope's own members are the document's).
    mutating func member(_ key: JSONKey, into f: EventFields, depth: Int, level: Level) throws(JSONParseError) {
        if key != .statusUpdate && key != .artifactUpdate && key != .task { f.hasUpdateMembers = true }
        switch key {
        case .statusUpdate where level != .update:
            try firstTime(f.wrapped)
            f.wrapped = true
            f.wrappedStatus = try eventObject(depth: depth + 1, level: .update)
        case .artifactUpdate where level != .update:
            try firstTime(f.wrapped)
            f.wrapped = true
            f.wrappedArtifact = try eventObject(depth: depth + 1, level: .update)
        case .task where level != .update:
            try firstTime(f.wrapped)
            f.wrapped = true
            f.wrappedTask = try eventObject(depth: depth + 1, level: .update)
        case .id: try once(&f.id, try id(depth: depth))  // in a result or wrapper (the envelope's is the document's)
        case .history:
            try firstTime(f.history != nil)
            f.history = try messages(depth: depth + 1)
        case .artifacts:
            try firstTime(f.artifacts != nil)
            f.artifacts = try artifacts(depth: depth + 1)
        case .kind:
            try firstTime(f.kind != .absent)
            if let bytes = try plainString() {
                f.kind = Self.spells(bytes, "status-update") ? .statusUpdate
                    : Self.spells(bytes, "artifact-update") ? .artifactUpdate
                    : Self.spells(bytes, "task") ? .task : .other
            } else {
                try skip(depth: depth)
                f.kind = .other
            }
        case .taskId: try once(&f.taskId, try id(depth: depth))
        case .contextId: try once(&f.contextId, try id(depth: depth))
        case .final: try once(&f.final, try value(depth: depth))
        case .metadata: try once(&f.metadata, try value(depth: depth))
        case .append: try once(&f.append, try value(depth: depth))
        case .lastChunk: try once(&f.lastChunk, try value(depth: depth))
        case .status:
            try firstTime(f.hasStatus)
            f.hasStatus = true
            if try peek() == 0x7B {
                f.status = try status(depth: depth + 1)
            } else {
                try skip(depth: depth)
            }
        case .artifact:
            // Not an object: the tree calls that malformed; let it say so.
            try firstTime(f.artifact != nil)
            let (artifact, append, lastChunk) = try artifact(depth: depth + 1, position: 0)
            f.artifact = artifact
            f.artifactAppend = append
            f.artifactLastChunk = lastChunk
        default: throw bail
        }
    }

    /// ObjectDecoding.statusUpdate, for the members this decoder accepts (no `percent`, no `sessionId`).
    func statusUpdate(_ f: EventFields, context: StreamContext) throws(JSONParseError) -> StreamEvent {
        guard let taskID = f.taskId?.stringValue ?? f.id?.stringValue ?? context.taskID else { throw bail }
        let metadata = kept(f.metadata)
        // Moved out of the fields, not copied (a copy retained every string of the status).
        let status = f.status.take() ?? TaskStatus(state: .unknown)
        let progressPercent = ObjectDecoding.progress(in: metadata) ?? ObjectDecoding.progress(in: status.message?.metadata)
        return .status(StatusUpdate(
            taskID: taskID,
            contextID: f.contextId?.stringValue ?? context.contextID,
            status: status,
            isFinal: flag(f.final),
            progressPercent: progressPercent,
            metadata: metadata))
    }

    /// ObjectDecoding.artifactUpdate, for the members this decoder accepts.
    func artifactUpdate(_ f: EventFields, context: StreamContext) throws(JSONParseError) -> StreamEvent {
        guard let taskID = f.taskId?.stringValue ?? f.id?.stringValue ?? context.taskID else { throw bail }
        guard let artifact = f.artifact.take() else { throw bail }
        return .artifact(ArtifactUpdate(
            taskID: taskID,
            contextID: f.contextId?.stringValue ?? context.contextID,
            artifact: artifact,
            append: flag(f.append) || flag(f.artifactAppend),
            lastChunk: flag(f.lastChunk) || flag(f.artifactLastChunk),
            metadata: kept(f.metadata)))
    }

    /// ObjectDecoding.task: `{id|taskId, contextId, status, artifacts, history, metadata}`.
    func task(_ f: EventFields) throws(JSONParseError) -> StreamEvent {
        guard let id = f.id?.stringValue ?? f.taskId?.stringValue else { throw bail }  // the tree calls it malformed
        return .task(A2ATask(
            id: id,
            contextID: f.contextId?.stringValue,
            status: f.status.take() ?? TaskStatus(state: .unknown),
            artifacts: f.artifacts.take() ?? [],
            history: f.history.take() ?? [],
            metadata: kept(f.metadata)))
    }

    /// A task's `history`: objects become messages, other elements are skipped; not an array reads as none.
    mutating func messages(depth: Int) throws(JSONParseError) -> [Message] {
        guard try peek() == 0x5B else {
            try skip(depth: depth - 1)
            return []
        }
        var messages: [Message] = []
        if try openArray(depth: depth) {
            repeat {
                if try peek() == 0x7B {
                    messages.append(try message(depth: depth + 1))
                } else {
                    try skip(depth: depth)
                }
            } while try moreElements()
        }
        return messages
    }

    /// A task's `artifacts`: objects become artifacts keyed by their position when they have no
    /// id (the position counts every element, as the tree's `enumerated()` does).
    mutating func artifacts(depth: Int) throws(JSONParseError) -> [Artifact] {
        guard try peek() == 0x5B else {
            try skip(depth: depth - 1)
            return []
        }
        var artifacts: [Artifact] = []
        var position = 0
        if try openArray(depth: depth) {
            repeat {
                if try peek() == 0x7B {
                    artifacts.append(try artifact(depth: depth + 1, position: position).0)
                } else {
                    try skip(depth: depth)
                }
                position += 1
            } while try moreElements()
        }
        return artifacts
    }

    /// ObjectDecoding.status: `{state, message, timestamp}`.
    mutating func status(depth: Int) throws(JSONParseError) -> TaskStatus {
        var state: TaskState?, timestamp: Date?
        var message: Message?
        var seenState = false, seenTimestamp = false, seenMessage = false
        if try openObject(depth: depth) {
            repeat {
                switch try key() {
                case .state:
                    try firstTime(seenState)
                    seenState = true
                    state = try self.state(depth: depth)
                case .timestamp:
                    try firstTime(seenTimestamp)
                    seenTimestamp = true
                    timestamp = try self.timestamp(depth: depth)
                case .message:
                    try firstTime(seenMessage)
                    seenMessage = true
                    if try peek() == 0x7B {
                        message = try self.message(depth: depth + 1)
                    } else {
                        try skip(depth: depth)
                    }
                default: throw bail
                }
            } while try moreMembers()
        }
        return TaskStatus(state: state ?? .unknown, message: message, timestamp: timestamp)
    }

    /// ObjectDecoding.message: `{messageId, contextId, taskId, role, parts, metadata, kind}`.
    mutating func message(depth: Int) throws(JSONParseError) -> Message {
        var messageId: JSONValue?, contextId: JSONValue?, taskId: JSONValue?, role: Role?
        var metadata: JSONValue?
        var parts: [Part]?
        var seenRole = false, seenKind = false
        if try openObject(depth: depth) {
            repeat {
                switch try key() {
                case .messageId: try once(&messageId, try value(depth: depth))
                case .contextId: try once(&contextId, try id(depth: depth))
                case .taskId: try once(&taskId, try id(depth: depth))
                case .role:
                    try firstTime(seenRole)
                    seenRole = true
                    role = try self.role(depth: depth)
                case .metadata: try once(&metadata, try value(depth: depth))
                case .kind:  // read past, as the tree ignores it
                    try firstTime(seenKind)
                    seenKind = true
                    try skip(depth: depth)
                case .parts:
                    try firstTime(parts != nil)
                    parts = try self.parts(depth: depth + 1)
                default: throw bail
                }
            } while try moreMembers()
        }
        return Message(
            messageID: messageId?.stringValue ?? "",
            contextID: contextId?.stringValue,
            taskID: taskId?.stringValue,
            role: role ?? .agent,
            parts: parts ?? [],
            metadata: kept(metadata))
    }

    /// `parts`: objects become parts, other elements are skipped; not an array reads as none.
    mutating func parts(depth: Int) throws(JSONParseError) -> [Part] {
        guard try peek() == 0x5B else {
            try skip(depth: depth - 1)
            return []
        }
        var parts: [Part] = []
        if try openArray(depth: depth) {
            repeat {
                if try peek() == 0x7B {
                    parts.append(try part(depth: depth + 1))
                } else {
                    try skip(depth: depth)
                }
            } while try moreElements()
        }
        return parts
    }

    /// ObjectDecoding.part for text parts `{kind?, text, metadata?}`; any other part bails.
    mutating func part(depth: Int) throws(JSONParseError) -> Part {
        var text: JSONValue?, metadata: JSONValue?
        // The tree's `o.string(.kind, .type)`: nil (absent, "", not a string), "text", or another kind.
        var kind: String? = nil
        var seenKind = false
        if try openObject(depth: depth) {
            repeat {
                switch try key() {
                case .kind:
                    try firstTime(seenKind)
                    seenKind = true
                    if let bytes = try plainString() {
                        kind = bytes.isEmpty ? nil : Self.spells(bytes, "text") ? "text" : "other"
                    } else {
                        kind = try value(depth: depth).stringValue
                    }
                case .text: try once(&text, try value(depth: depth))
                case .metadata: try once(&metadata, try value(depth: depth))
                default: throw bail
                }
            } while try moreMembers()
        }
        let content: String
        switch kind {
        case "text": content = text?.rawString ?? ""
        case nil:
            guard let raw = text?.rawString else { throw bail }  // the tree keeps such a part as data
            content = raw
        default: throw bail
        }
        return Part(.text(content), metadata: kept(metadata))
    }

    /// ObjectDecoding.artifact `{artifactId, name, description, parts, metadata}`, and the V01
    /// `append`/`lastChunk` inside it.
    mutating func artifact(depth: Int, position: Int) throws(JSONParseError) -> (Artifact, JSONValue?, JSONValue?) {
        var artifactId: JSONValue?, name: JSONValue?, description: JSONValue?, metadata: JSONValue?
        var append: JSONValue?, lastChunk: JSONValue?
        var parts: [Part]?
        if try openObject(depth: depth) {
            repeat {
                switch try key() {
                case .artifactId: try once(&artifactId, try value(depth: depth))
                case .name: try once(&name, try value(depth: depth))
                case .description: try once(&description, try value(depth: depth))
                case .metadata: try once(&metadata, try value(depth: depth))
                case .append: try once(&append, try value(depth: depth))
                case .lastChunk: try once(&lastChunk, try value(depth: depth))
                case .parts:
                    try firstTime(parts != nil)
                    parts = try self.parts(depth: depth + 1)
                default: throw bail
                }
            } while try moreMembers()
        }
        // Without an `artifactId` (and no `index`, which bails above) the tree keys it by its position.
        let artifact = Artifact(
            artifactID: artifactId?.stringValue ?? String(position),
            name: name?.stringValue,
            description: description?.stringValue,
            parts: parts ?? [],
            metadata: kept(metadata))
        return (artifact, append, lastChunk)
    }

    // MARK: The tolerant readers of FieldReading, on a member's value

    func flag(_ value: JSONValue?) -> Bool {
        switch value {
        case .bool(let b): b
        case .string(let s): s.lowercased() == "true"
        default: false
        }
    }

    func kept(_ value: JSONValue?) -> JSONValue? {
        guard let value else { return nil }
        switch value {
        case .null: return nil
        case .object(let o) where o.isEmpty: return nil
        case .array(let a) where a.isEmpty: return nil
        default: return value
        }
    }
}
