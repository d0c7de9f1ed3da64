/// The byte encoding of `PackedTaskContent.Content`: counts and lengths as LEB128 varints, strings
/// as UTF-8 (a Swift string is always valid Unicode, so it comes back identical), JSON values inline
/// (`JSONTag`). Only ever read back by the same build: no versioning.
///
/// Strings carry a one-byte tag: absent, the task's id, the task's context id, or literal bytes.
/// Every message of a task repeats both ids; each one is then stored once for the whole task.
struct TaskContentEncoder {
    private(set) var bytes: [UInt8] = []
    private let taskID: String
    private let contextID: String?

    init(taskID: String, contextID: String?) {
        self.taskID = taskID
        self.contextID = contextID
    }

    mutating func encode(_ content: PackedTaskContent.Content) {
        count(content.artifacts.count)
        for artifact in content.artifacts { encode(artifact) }
        count(content.history.count)
        for message in content.history { encode(message) }
        idSet(content.completedArtifactIDs)
        idSet(content.truncatedArtifactIDs)
    }

    private mutating func encode(_ artifact: Artifact) {
        string(artifact.artifactID)
        string(artifact.name)
        string(artifact.description)
        parts(artifact.parts)
        json(artifact.metadata)
    }

    /// One message (a packed task's status message is encoded alone).
    mutating func encode(_ message: Message) {
        string(message.messageID)
        string(message.contextID)
        string(message.taskID)
        switch message.role {
        case .user: bytes.append(0)
        case .agent: bytes.append(1)
        case .other(let name):
            bytes.append(2)
            string(name)
        }
        parts(message.parts)
        json(message.metadata)
        count(message.referenceTaskIDs.count)
        for id in message.referenceTaskIDs { string(id) }
    }

    /// One JSON value written alone (a packed task's metadata).
    mutating func encode(json value: JSONValue) { jsonValue(value) }

    private mutating func parts(_ parts: [Part]) {
        count(parts.count)
        for part in parts {
            switch part.content {
            case .text(let text):
                bytes.append(0)
                string(text)
            case .fileBytes(let base64):
                bytes.append(1)
                string(base64)
            case .fileURL(let url):
                bytes.append(2)
                string(url)
            case .data(let value):
                bytes.append(3)
                json(value)
            }
            string(part.mediaType)
            string(part.filename)
            json(part.metadata)
        }
    }

    /// Sorted, so that equal sets encode alike.
    private mutating func idSet(_ ids: Set<String>) {
        count(ids.count)
        for id in ids.sorted() { string(id) }
    }

    private mutating func count(_ n: Int) {
        var n = UInt64(n)
        while n >= 0x80 {
            bytes.append(UInt8(n & 0x7F) | 0x80)
            n >>= 7
        }
        bytes.append(UInt8(n))
    }

    private mutating func string(_ s: String?) {
        guard let s else { return bytes.append(StringTag.absent) }
        // Byte for byte: `==` on strings also matches other Unicode spellings of the same text.
        if s.utf8.elementsEqual(taskID.utf8) { return bytes.append(StringTag.taskID) }
        if let contextID, s.utf8.elementsEqual(contextID.utf8) { return bytes.append(StringTag.contextID) }
        bytes.append(StringTag.literal)
        count(s.utf8.count)
        bytes.append(contentsOf: s.utf8)
    }

    /// A JSON value written into the buffer, not kept beside it: a packed task then holds no JSON
    /// objects at all. Each one is a handful of small heap blocks made by the decoder on the network
    /// thread; kept for thousands of finished tasks, they pinned that thread's heap pages (BENCHMARKS
    /// round 8). Strings go through `string`, so the task's own ids inside metadata are one byte.
    private mutating func json(_ value: JSONValue?) {
        guard let value else { return bytes.append(JSONTag.absent) }
        jsonValue(value)
    }

    private mutating func jsonValue(_ value: JSONValue) {
        switch value {
        case .null: bytes.append(JSONTag.null)
        case .bool(let flag): bytes.append(flag ? JSONTag.true : JSONTag.false)
        case .number(let number):
            if let whole = JSONTag.wholeNumber(number) {
                bytes.append(JSONTag.wholeNumber)
                count(whole)
            } else {
                bytes.append(JSONTag.number)
                var bits = number.bitPattern
                for _ in 0..<8 {
                    bytes.append(UInt8(truncatingIfNeeded: bits))
                    bits >>= 8
                }
            }
        case .string(let text):
            bytes.append(JSONTag.string)
            string(text)
        case .array(let items):
            bytes.append(JSONTag.array)
            count(items.count)
            for item in items { jsonValue(item) }
        case .object(let object):
            bytes.append(JSONTag.object)
            count(object.count)
            for (key, member) in object.pairs {
                string(key)
                jsonValue(member)
            }
        }
    }
}

/// The first byte of an inline JSON value (`TaskContentEncoder.json`).
enum JSONTag {
    static let absent: UInt8 = 0
    static let null: UInt8 = 1
    static let `false`: UInt8 = 2
    static let `true`: UInt8 = 3
    /// Eight bytes of the double's bit pattern, least significant first: exactly the same number.
    static let number: UInt8 = 4
    /// A varint: most numbers agents send (progress, counts) are small whole ones.
    static let wholeNumber: UInt8 = 5
    static let string: UInt8 = 6
    static let array: UInt8 = 7
    static let object: UInt8 = 8

    /// The number as a non-negative integer when it is exactly one (not -0, below 2^53, where
    /// every integer is a double): it then reads back as the same double.
    static func wholeNumber(_ number: Double) -> Int? {
        guard number >= 0, number < 9_007_199_254_740_992, number.rounded(.towardZero) == number,
            !(number == 0 && number.sign == .minus)
        else { return nil }
        return Int(number)
    }
}

private enum StringTag {
    static let absent: UInt8 = 0
    static let taskID: UInt8 = 1
    static let contextID: UInt8 = 2
    static let literal: UInt8 = 3
}

/// Reads what `TaskContentEncoder` wrote. Every read is bounds-checked: a damaged buffer gives nil,
/// never a crash.
struct TaskContentDecoder {
    private let bytes: [UInt8]
    private let taskID: String
    private let contextID: String?
    private var position = 0
    /// Nesting deeper than any parsed value can reach (`JSONParser`'s limit) is damage.
    private static let maxJSONDepth = 1024

    init(bytes: [UInt8], taskID: String, contextID: String?) {
        self.bytes = bytes
        self.taskID = taskID
        self.contextID = contextID
    }

    mutating func decodeContent() -> PackedTaskContent.Content? {
        guard let artifacts = list({ $0.artifact() }), let history = list({ $0.message() }),
            let completed = list({ $0.requiredString() }), let truncated = list({ $0.requiredString() }),
            position == bytes.count
        else { return nil }
        return PackedTaskContent.Content(
            artifacts: artifacts, history: history, completedArtifactIDs: Set(completed), truncatedArtifactIDs: Set(truncated))
    }

    /// One message written alone by `TaskContentEncoder.encode(_: Message)`; nil unless it takes
    /// every byte.
    mutating func decodeMessage() -> Message? {
        guard let message = message(), position == bytes.count else { return nil }
        return message
    }

    /// One JSON value written alone by `TaskContentEncoder.encode(json:)`; nil unless it takes
    /// every byte.
    mutating func decodeJSON() -> JSONValue? {
        guard let value = jsonValue(depth: 0), position == bytes.count else { return nil }
        return value
    }

    private mutating func artifact() -> Artifact? {
        guard let id = requiredString(), let name = string(), let description = string(), let parts = list({ $0.part() }),
            let metadata = json()
        else { return nil }
        return Artifact(artifactID: id, name: name, description: description, parts: parts, metadata: metadata)
    }

    private mutating func message() -> Message? {
        guard let id = requiredString(), let contextID = string(), let taskID = string(), let roleTag = byte() else {
            return nil
        }
        let role: Role
        switch roleTag {
        case 0: role = .user
        case 1: role = .agent
        case 2:
            guard let name = requiredString() else { return nil }
            role = .other(name)
        default: return nil
        }
        guard let parts = list({ $0.part() }), let metadata = json(), let references = list({ $0.requiredString() }) else {
            return nil
        }
        return Message(
            messageID: id, contextID: contextID, taskID: taskID, role: role, parts: parts, metadata: metadata,
            referenceTaskIDs: references)
    }

    private mutating func part() -> Part? {
        guard let kind = byte() else { return nil }
        let content: Part.Content
        switch kind {
        case 0...2:
            guard let text = requiredString() else { return nil }
            content = kind == 0 ? .text(text) : kind == 1 ? .fileBytes(base64: text) : .fileURL(text)
        case 3:
            guard let value = json(), let value else { return nil }
            content = .data(value)
        default: return nil
        }
        guard let mediaType = string(), let filename = string(), let metadata = json() else { return nil }
        return Part(content, mediaType: mediaType, filename: filename, metadata: metadata)
    }

    /// A count-prefixed list; nil if any element fails.
    private mutating func list<T>(_ element: (inout Self) -> T?) -> [T]? {
        // Each element takes at least one byte: a count beyond what is left is damage.
        guard let n = count(), n <= bytes.count - position else { return nil }
        var out: [T] = []
        out.reserveCapacity(n)
        for _ in 0..<n {
            guard let value = element(&self) else { return nil }
            out.append(value)
        }
        return out
    }

    private mutating func byte() -> UInt8? {
        guard position < bytes.count else { return nil }
        defer { position += 1 }
        return bytes[position]
    }

    private mutating func count() -> Int? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while shift < 63 {
            guard let b = byte() else { return nil }
            value |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return value <= UInt64(Int.max) ? Int(value) : nil }
            shift += 7
        }
        return nil
    }

    /// Outer nil: damaged; inner nil: the string was absent.
    private mutating func string() -> String?? {
        guard let tag = byte() else { return nil }
        switch tag {
        case StringTag.absent: return .some(nil)
        case StringTag.taskID: return taskID
        case StringTag.contextID:
            guard let contextID else { return nil }
            return contextID
        case StringTag.literal:
            guard let length = count(), length <= bytes.count - position else { return nil }
            defer { position += length }
            return String(decoding: bytes[position..<position + length], as: UTF8.self)
        default: return nil
        }
    }

    private mutating func requiredString() -> String? {
        guard let s = string(), let s else { return nil }
        return s
    }

    /// Outer nil: damaged; inner nil: no value.
    private mutating func json() -> JSONValue?? {
        guard position < bytes.count else { return nil }
        if bytes[position] == JSONTag.absent {
            position += 1
            return .some(nil)
        }
        guard let value = jsonValue(depth: 0) else { return nil }
        return value
    }

    private mutating func jsonValue(depth: Int) -> JSONValue? {
        guard depth < Self.maxJSONDepth, let tag = byte() else { return nil }
        switch tag {
        case JSONTag.null: return .null
        case JSONTag.false: return .bool(false)
        case JSONTag.true: return .bool(true)
        case JSONTag.number:
            guard bytes.count - position >= 8 else { return nil }
            var bits: UInt64 = 0
            for i in (0..<8).reversed() { bits = bits << 8 | UInt64(bytes[position + i]) }
            position += 8
            return .number(Double(bitPattern: bits))
        case JSONTag.wholeNumber:
            guard let whole = count() else { return nil }
            return .number(Double(whole))
        case JSONTag.string:
            guard let text = requiredString() else { return nil }
            return .string(text)
        case JSONTag.array:
            guard let items = list({ $0.jsonValue(depth: depth + 1) }) else { return nil }
            return .array(items)
        case JSONTag.object:
            // Each member takes at least two bytes.
            guard let n = count(), n <= (bytes.count - position) / 2 else { return nil }
            var object = JSONObject()
            object.reserveCapacity(n)
            for _ in 0..<n {
                guard let key = requiredString(), let member = jsonValue(depth: depth + 1) else { return nil }
                object.addParsed(key: key, known: JSONKey(key), value: member)
            }
            return .object(object)
        default: return nil
        }
    }
}
