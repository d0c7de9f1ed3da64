/// The stream events nearly every agent sends — status and artifact updates, V1 `{statusUpdate}` /
/// `{artifactUpdate}` wrappers and V03 `kind`-tagged objects, in a JSON-RPC envelope or bare —
/// decoded straight from the bytes, without building a `JSONValue` tree for their objects
/// (building and releasing that tree was a third of an event's cost). Leaves and `metadata` are
/// still read by the JSON parser's own `ByteReader`, so strings, numbers, UTF-8 repair and the
/// nesting limit are exactly the tree parser's.
///
/// Anything it is not sure about returns nil and `StreamDataDecoding` takes the tree path, which
/// stays the reference: a key outside the few it reads (escaped spellings of them are fine), a
/// duplicate key, a task or message event, a syntax error, an `error` event. `DirectEventDecodingTests`
/// checks that whenever it answers, the tree path gives the same events.
enum DirectEventDecoding {
    static func events(_ data: UnsafeRawBufferPointer, eventType: String, context: StreamContext) -> [StreamEvent]? {
        if eventType == "error" { return nil }
        var walker = Walker(reader: ByteReader(buffer: data, maxDepth: JSONParser.defaultMaxDepth), context: context)
        do {
            return [try walker.document()]
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
private final class EventFields {
    var jsonrpc: JSONValue?
    var id: JSONValue?
    /// The envelope's `result`, and a wrapper's inner update: kept as fields and turned into one
    /// `StreamEvent` at the end (storing and moving events themselves cost more than the tree).
    var result: EventFields?
    var wrappedStatus: EventFields?
    var wrappedArtifact: EventFields?
    var wrapped: Bool { wrappedStatus != nil || wrappedArtifact != nil }
    var kind: JSONValue?
    var taskId: JSONValue?
    var contextId: JSONValue?
    /// `.some(nil)`: present but not an object (reads as an unknown state).
    var status: TaskStatus??
    var final: JSONValue?
    var metadata: JSONValue?
    var artifact: Artifact?
    var artifactAppend: JSONValue?
    var artifactLastChunk: JSONValue?
    var append: JSONValue?
    var lastChunk: JSONValue?

    var hasUpdateMembers: Bool {
        kind != nil || taskId != nil || contextId != nil || status != nil || final != nil || metadata != nil
            || artifact != nil || append != nil || lastChunk != nil
    }
}

private struct Walker {
    var reader: ByteReader
    let context: StreamContext

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

    mutating func document() throws(JSONParseError) -> StreamEvent {
        let fields = try eventObject(depth: 1, level: .document)
        reader.skipWhitespace()
        guard reader.index == reader.count else { throw bail }
        // StreamDataDecoding's test: `jsonrpc`, or a `result` (this decoder bails on `type`/`error`).
        if fields.jsonrpc != nil || fields.result != nil {
            guard let result = fields.result, !fields.wrapped, !fields.hasUpdateMembers else { throw bail }
            return try event(result)
        }
        guard fields.id == nil else { throw bail }  // `{id, status}` is a V01 event
        return try event(fields)
    }

    /// An event object (EventDecoding.events): `kind`-tagged, or a wrapper alone.
    func event(_ fields: EventFields) throws(JSONParseError) -> StreamEvent {
        if let kind = fields.kind {
            guard !fields.wrapped else { throw bail }
            switch kind.stringValue {
            case "status-update": return try statusUpdate(fields)
            case "artifact-update": return try artifactUpdate(fields)
            default: throw bail  // tasks, messages, unknown kinds, a `kind` that is not a string
            }
        }
        guard !fields.hasUpdateMembers else { throw bail }
        if let inner = fields.wrappedStatus { return try statusUpdate(inner) }
        if let inner = fields.wrappedArtifact { return try artifactUpdate(inner) }
        throw bail
    }

    mutating func eventObject(depth: Int, level: Level) throws(JSONParseError) -> EventFields {
        let f = EventFields()
        guard try openObject(depth: depth) else { return f }
        repeat {
            switch try key() {
            case .jsonrpc where level == .document: try once(&f.jsonrpc, try value(depth: depth))
            case .id where level == .document: try once(&f.id, try value(depth: depth))
            case .result where level == .document:
                let body = try eventObject(depth: depth + 1, level: .result)
                guard body.jsonrpc == nil, body.id == nil, body.result == nil else { throw bail }
                try firstTime(f.result != nil)
                f.result = body
            case .statusUpdate where level != .update:
                try firstTime(f.wrapped)
                f.wrappedStatus = try eventObject(depth: depth + 1, level: .update)
            case .artifactUpdate where level != .update:
                try firstTime(f.wrapped)
                f.wrappedArtifact = try eventObject(depth: depth + 1, level: .update)
            case .kind: try once(&f.kind, try value(depth: depth))
            case .taskId: try once(&f.taskId, try value(depth: depth))
            case .contextId: try once(&f.contextId, try value(depth: depth))
            case .final: try once(&f.final, try value(depth: depth))
            case .metadata: try once(&f.metadata, try value(depth: depth))
            case .append: try once(&f.append, try value(depth: depth))
            case .lastChunk: try once(&f.lastChunk, try value(depth: depth))
            case .status:
                try firstTime(f.status != nil)
                if try peek() == 0x7B {
                    f.status = .some(try status(depth: depth + 1))
                } else {
                    _ = try value(depth: depth)
                    f.status = .some(nil)
                }
            case .artifact:
                // Not an object: the tree calls that malformed; let it say so.
                try firstTime(f.artifact != nil)
                let (artifact, append, lastChunk) = try artifact(depth: depth + 1)
                f.artifact = artifact
                f.artifactAppend = append
                f.artifactLastChunk = lastChunk
            default: throw bail
            }
        } while try moreMembers()
        return f
    }

    /// ObjectDecoding.statusUpdate, for the members this decoder accepts (no `percent`, no `sessionId`).
    func statusUpdate(_ f: EventFields) throws(JSONParseError) -> StreamEvent {
        guard let taskID = f.taskId?.stringValue ?? context.taskID else { throw bail }
        let metadata = kept(f.metadata)
        let status = (f.status ?? nil) ?? TaskStatus(state: .unknown)
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
    func artifactUpdate(_ f: EventFields) throws(JSONParseError) -> StreamEvent {
        guard let taskID = f.taskId?.stringValue ?? context.taskID, let artifact = f.artifact else { throw bail }
        return .artifact(ArtifactUpdate(
            taskID: taskID,
            contextID: f.contextId?.stringValue ?? context.contextID,
            artifact: artifact,
            append: flag(f.append) || flag(f.artifactAppend),
            lastChunk: flag(f.lastChunk) || flag(f.artifactLastChunk),
            metadata: kept(f.metadata)))
    }

    /// ObjectDecoding.status: `{state, message, timestamp}`.
    mutating func status(depth: Int) throws(JSONParseError) -> TaskStatus {
        var state: JSONValue?, timestamp: JSONValue?
        var message: Message??
        if try openObject(depth: depth) {
            repeat {
                switch try key() {
                case .state: try once(&state, try value(depth: depth))
                case .timestamp: try once(&timestamp, try value(depth: depth))
                case .message:
                    try firstTime(message != nil)
                    if try peek() == 0x7B {
                        message = .some(try self.message(depth: depth + 1))
                    } else {
                        _ = try value(depth: depth)
                        message = .some(nil)
                    }
                default: throw bail
                }
            } while try moreMembers()
        }
        return TaskStatus(
            state: state?.stringValue.map(ObjectDecoding.state) ?? .unknown,
            message: message ?? nil,
            timestamp: timestamp?.stringValue.flatMap(Timestamp.parse))
    }

    /// ObjectDecoding.message: `{messageId, contextId, taskId, role, parts, metadata, kind}`.
    mutating func message(depth: Int) throws(JSONParseError) -> Message {
        var messageId: JSONValue?, contextId: JSONValue?, taskId: JSONValue?, role: JSONValue?
        var metadata: JSONValue?, kind: JSONValue?
        var parts: [Part]?
        if try openObject(depth: depth) {
            repeat {
                switch try key() {
                case .messageId: try once(&messageId, try value(depth: depth))
                case .contextId: try once(&contextId, try value(depth: depth))
                case .taskId: try once(&taskId, try value(depth: depth))
                case .role: try once(&role, try value(depth: depth))
                case .metadata: try once(&metadata, try value(depth: depth))
                case .kind: try once(&kind, try value(depth: depth))  // read past, as the tree ignores it
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
            role: role?.stringValue.map(ObjectDecoding.role) ?? .agent,
            parts: parts ?? [],
            metadata: kept(metadata))
    }

    /// `parts`: objects become parts, other elements are skipped; not an array reads as none.
    mutating func parts(depth: Int) throws(JSONParseError) -> [Part] {
        guard try peek() == 0x5B else {
            _ = try value(depth: depth - 1)
            return []
        }
        var parts: [Part] = []
        if try openArray(depth: depth) {
            repeat {
                if try peek() == 0x7B {
                    parts.append(try part(depth: depth + 1))
                } else {
                    _ = try value(depth: depth)
                }
            } while try moreElements()
        }
        return parts
    }

    /// ObjectDecoding.part for text parts `{kind?, text, metadata?}`; any other part bails.
    mutating func part(depth: Int) throws(JSONParseError) -> Part {
        var kind: JSONValue?, text: JSONValue?, metadata: JSONValue?
        if try openObject(depth: depth) {
            repeat {
                switch try key() {
                case .kind: try once(&kind, try value(depth: depth))
                case .text: try once(&text, try value(depth: depth))
                case .metadata: try once(&metadata, try value(depth: depth))
                default: throw bail
                }
            } while try moreMembers()
        }
        let content: String
        switch kind?.stringValue {
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
    mutating func artifact(depth: Int) throws(JSONParseError) -> (Artifact, JSONValue?, JSONValue?) {
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
        // Without an `artifactId` (and no `index`, which bails above) the tree keys it by position 0.
        let artifact = Artifact(
            artifactID: artifactId?.stringValue ?? "0",
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
