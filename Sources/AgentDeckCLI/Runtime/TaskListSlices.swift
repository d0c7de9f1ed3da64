/// Cuts each task's JSON out of a ListTasks answer as received: the elements of `result.tasks`
/// (JSON-RPC) or `tasks` (REST), as byte ranges of the body. The raw view used to parse the whole
/// page again and write every task back out (a fifth of the network thread with 1,000 tasks
/// listed every few seconds); skipping over the bytes needs neither a tree nor a writer.
///
/// Only the structure is followed (strings, nesting); the body has already been decoded, and
/// whatever is not shaped as expected gives nil, never a crash: the caller then parses.
struct TaskListSlices {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var i = 0

    /// The byte ranges of the listed tasks, in order; nil when the body is not a task list this
    /// reader follows (the caller falls back to a full parse).
    static func elements(of body: UnsafeBufferPointer<UInt8>) -> [Range<Int>]? {
        var reader = TaskListSlices(bytes: body)
        guard let top = reader.value(), reader.atEnd else { return nil }
        if let result = reader.member("result", of: top), let tasks = reader.member("tasks", of: result) {
            return reader.elements(of: tasks)
        }
        guard let tasks = reader.member("tasks", of: top) else { return nil }
        return reader.elements(of: tasks)
    }

    /// The value of a string member named `name` of the object at `object`, when it holds no
    /// escape (its bytes are the string's UTF-8); nil otherwise.
    static func plainString(member name: String, of object: Range<Int>, in body: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        var reader = TaskListSlices(bytes: body)
        guard let value = reader.member(name, of: object), value.count >= 2, body[value.lowerBound] == 0x22 else { return nil }
        let inner = (value.lowerBound + 1)..<(value.upperBound - 1)
        guard !inner.contains(where: { body[$0] == 0x5C }) else { return nil }
        return inner
    }

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    private var atEnd: Bool {
        mutating get {
            skipSpace()
            return i == bytes.count
        }
    }

    /// The first member named `name` of the object spanning `object` (its value's range).
    private mutating func member(_ name: String, of object: Range<Int>) -> Range<Int>? {
        guard object.count >= 2, bytes[object.lowerBound] == 0x7B else { return nil }
        i = object.lowerBound + 1
        let wanted = Array(name.utf8)
        while true {
            skipSpace()
            guard i < object.upperBound, bytes[i] == 0x22, let key = string() else { return nil }
            skipSpace()
            guard i < bytes.count, bytes[i] == 0x3A else { return nil }
            i += 1
            guard let value = value() else { return nil }
            let keyBytes = UnsafeBufferPointer(rebasing: bytes[(key.lowerBound + 1)..<(key.upperBound - 1)])
            if keyBytes.elementsEqual(wanted) { return value }
            skipSpace()
            guard i < object.upperBound, bytes[i] == 0x2C else { return nil }
            i += 1
        }
    }

    /// The ranges of the elements of the array spanning `array`.
    private mutating func elements(of array: Range<Int>) -> [Range<Int>]? {
        guard array.count >= 2, bytes[array.lowerBound] == 0x5B else { return nil }
        i = array.lowerBound + 1
        var found: [Range<Int>] = []
        skipSpace()
        if i < bytes.count, bytes[i] == 0x5D { return found }
        while true {
            guard let element = value() else { return nil }
            found.append(element)
            skipSpace()
            guard i < bytes.count else { return nil }
            if bytes[i] == 0x5D { return found }
            guard bytes[i] == 0x2C else { return nil }
            i += 1
        }
    }

    /// Skips one value (after any space) and returns its range.
    private mutating func value() -> Range<Int>? {
        skipSpace()
        guard i < bytes.count else { return nil }
        let start = i
        switch bytes[i] {
        case 0x22:
            return string()
        case 0x7B, 0x5B:
            var depth = 0
            while i < bytes.count {
                switch bytes[i] {
                case 0x22:
                    guard string() != nil else { return nil }
                    continue
                case 0x7B, 0x5B: depth += 1
                case 0x7D, 0x5D:
                    depth -= 1
                    if depth == 0 {
                        i += 1
                        return start..<i
                    }
                default: break
                }
                i += 1
            }
            return nil
        default:  // number, true, false, null
            while i < bytes.count, !Self.endsScalar(bytes[i]) { i += 1 }
            return i > start ? start..<i : nil
        }
    }

    /// Skips a string starting at `i` (its quote) and returns its range, quotes included.
    private mutating func string() -> Range<Int>? {
        let start = i
        i += 1
        while i < bytes.count {
            switch bytes[i] {
            case 0x5C: i += 2
            case 0x22:
                i += 1
                return start..<i
            default: i += 1
            }
        }
        return nil
    }

    private mutating func skipSpace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
    }

    private static func endsScalar(_ b: UInt8) -> Bool {
        b == 0x2C || b == 0x7D || b == 0x5D || b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09
    }
}
