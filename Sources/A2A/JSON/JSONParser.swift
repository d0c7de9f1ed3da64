/// Why some bytes are not JSON, with the byte offset where it went wrong.
public struct JSONParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Offset of the offending byte from the start of the input.
    public var offset: Int
    public var reason: String

    public init(offset: Int, reason: String) {
        self.offset = offset
        self.reason = reason
    }

    public var description: String { "invalid JSON at byte \(offset): \(reason)" }
}

/// A strict (RFC 8259) but safe JSON parser working directly on bytes.
///
/// Safe means: a nesting limit instead of a stack overflow, invalid UTF-8 inside strings
/// replaced by U+FFFD rather than rejected, lone surrogates in `\u` escapes replaced too,
/// duplicate keys resolved by "last wins", and numbers too large for a Double kept as ±infinity.
/// Everything else that RFC 8259 forbids (trailing commas, comments, single quotes, raw control
/// characters in strings, leading zeros, trailing garbage) is an error with its byte offset.
public enum JSONParser {
    /// Deeper nesting than this is refused: A2A payloads are a few levels deep.
    public static let defaultMaxDepth = 512

    public static func parse(_ bytes: [UInt8], maxDepth: Int = defaultMaxDepth) throws(JSONParseError) -> JSONValue {
        // withUnsafeBytes is not typed-throws: carry the outcome out as a Result.
        try bytes.withUnsafeBytes { buffer in
            Result { () throws(JSONParseError) in try parse(buffer, maxDepth: maxDepth) }
        }.get()
    }

    public static func parse(_ text: String, maxDepth: Int = defaultMaxDepth) throws(JSONParseError) -> JSONValue {
        var text = text
        return try text.withUTF8 { buffer in
            Result { () throws(JSONParseError) in try parse(UnsafeRawBufferPointer(buffer), maxDepth: maxDepth) }
        }.get()
    }

    public static func parse(_ buffer: UnsafeRawBufferPointer, maxDepth: Int = defaultMaxDepth) throws(JSONParseError)
        -> JSONValue
    {
        var reader = ByteReader(buffer: buffer, maxDepth: maxDepth)
        reader.skipWhitespace()
        let value = try reader.parseValue(depth: 0)
        reader.skipWhitespace()
        if reader.index < reader.count {
            throw reader.error("unexpected '\(reader.describeByte(reader.index))' after the JSON value")
        }
        return value
    }
}

extension JSONValue {
    /// Parses JSON bytes; see `JSONParser`.
    public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue { try JSONParser.parse(bytes) }
    /// Parses JSON text; see `JSONParser`.
    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue { try JSONParser.parse(text) }
}

// ASCII bytes the grammar uses.
private let quote: UInt8 = 0x22, backslash: UInt8 = 0x5C, slash: UInt8 = 0x2F
private let openBrace: UInt8 = 0x7B, closeBrace: UInt8 = 0x7D, openBracket: UInt8 = 0x5B, closeBracket: UInt8 = 0x5D
private let comma: UInt8 = 0x2C, colon: UInt8 = 0x3A, minus: UInt8 = 0x2D, plus: UInt8 = 0x2B, dot: UInt8 = 0x2E
private let zero: UInt8 = 0x30, nine: UInt8 = 0x39

/// Exact powers of ten a Double can hold: the fast number path divides by these.
private let exactPowersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19,
    1e20, 1e21, 1e22,
]

/// The cursor over the input. A struct on the stack, so the hot loop has no reference counting.
/// Internal (not private) so `DirectEventDecoding` reads with the same grammar and limits.
struct ByteReader {
    let base: UnsafePointer<UInt8>?
    let count: Int
    let maxDepth: Int
    var index = 0
    /// Held here: reaching the shared table through its lazy global costs a `swift_once` per key.
    let knownKeys = KnownKeyTable.shared

    init(buffer: UnsafeRawBufferPointer, maxDepth: Int) {
        base = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self)
        count = buffer.count
        self.maxDepth = maxDepth
    }

    @inline(__always) func byte(_ i: Int) -> UInt8 { base.unsafelyUnwrapped[i] }

    func error(_ reason: String, at offset: Int? = nil) -> JSONParseError {
        JSONParseError(offset: offset ?? index, reason: reason)
    }

    func describeByte(_ i: Int) -> String {
        guard i < count else { return "end of input" }
        let b = byte(i)
        if b >= 0x20 && b < 0x7F { return String(UnicodeScalar(b)) }
        return "\\u{\(String(b, radix: 16))}"
    }

    @inline(__always) mutating func skipWhitespace() {
        guard let p = base else { return }
        var i = index
        while i < count {
            switch p[i] {
            case 0x20, 0x0A, 0x0D, 0x09: i += 1
            default:
                index = i
                return
            }
        }
        index = i
    }

    mutating func parseValue(depth: Int) throws(JSONParseError) -> JSONValue {
        guard index < count else { throw error("unexpected end of input, expected a value") }
        switch byte(index) {
        case quote: return .string(try parseString())
        case openBrace: return try parseObject(depth: depth + 1)
        case openBracket: return try parseArray(depth: depth + 1)
        case minus, zero...nine: return .number(try parseNumber())
        case 0x74: try expectLiteral("true"); return .bool(true)
        case 0x66: try expectLiteral("false"); return .bool(false)
        case 0x6E: try expectLiteral("null"); return .null
        default: throw error("unexpected '\(describeByte(index))', expected a value")
        }
    }

    mutating func expectLiteral(_ word: StaticString) throws(JSONParseError) {
        let start = index
        let length = word.utf8CodeUnitCount
        guard count - index >= length else {
            throw error("unexpected end of input inside '\(word)'", at: start)
        }
        let bytes = word.utf8Start
        for i in 0..<length where byte(index + i) != bytes[i] {
            throw error("invalid literal, expected '\(word)'", at: start)
        }
        index += length
    }

    mutating func parseObject(depth: Int) throws(JSONParseError) -> JSONValue {
        if depth > maxDepth { throw error("nesting deeper than \(maxDepth) levels") }
        index += 1  // {
        var object = JSONObject()
        object.reserveCapacity(8)  // most A2A objects have a handful of keys: one allocation
        // The known keys this object has so far, a bit per raw value: a known key met for the
        // first time is appended without searching the members for a duplicate.
        var knownSeen: (low: UInt64, high: UInt64) = (0, 0)
        skipWhitespace()
        if index < count && byte(index) == closeBrace {
            index += 1
            return .object(object)
        }
        while true {
            guard index < count else { throw error("unexpected end of input inside an object") }
            guard byte(index) == quote else {
                throw error("expected a string key in object, found '\(describeByte(index))'")
            }
            let (key, known) = try parseKey()
            skipWhitespace()
            guard index < count, byte(index) == colon else {
                throw error(index < count ? "expected ':' after object key" : "unexpected end of input after object key")
            }
            index += 1
            skipWhitespace()
            let value = try parseValue(depth: depth)
            if let known, known.rawValue < 128 {
                let bit = UInt64(1) << (known.rawValue & 63)
                let seen = known.rawValue < 64 ? knownSeen.low & bit != 0 : knownSeen.high & bit != 0
                if !seen {
                    if known.rawValue < 64 { knownSeen.low |= bit } else { knownSeen.high |= bit }
                    object.appendParsed(key: key, known: known, value: value)
                } else {
                    object.addParsed(key: key, known: known, value: value)  // a duplicate: the last one wins
                }
            } else {
                object.addParsed(key: key, known: known, value: value)  // duplicate keys: the last one wins
            }
            skipWhitespace()
            guard index < count else { throw error("unexpected end of input inside an object") }
            let next = byte(index)
            index += 1
            if next == comma {
                skipWhitespace()
                continue
            }
            if next == closeBrace { return .object(object) }
            throw error("expected ',' or '}' in object, found '\(describeByte(index - 1))'", at: index - 1)
        }
    }

    mutating func parseArray(depth: Int) throws(JSONParseError) -> JSONValue {
        if depth > maxDepth { throw error("nesting deeper than \(maxDepth) levels") }
        index += 1  // [
        var elements: [JSONValue] = []
        elements.reserveCapacity(4)
        skipWhitespace()
        if index < count && byte(index) == closeBracket {
            index += 1
            return .array(elements)
        }
        while true {
            elements.append(try parseValue(depth: depth))
            skipWhitespace()
            guard index < count else { throw error("unexpected end of input inside an array") }
            let next = byte(index)
            index += 1
            if next == comma {
                skipWhitespace()
                continue
            }
            if next == closeBracket { return .array(elements) }
            throw error("expected ',' or ']' in array, found '\(describeByte(index - 1))'", at: index - 1)
        }
    }

    // MARK: Strings

    /// Parses a string starting at its opening quote. The common case (no escapes) becomes a
    /// String straight from the input bytes; `String(decoding:)` repairs invalid UTF-8 with U+FFFD.
    mutating func parseString() throws(JSONParseError) -> String {
        let start = index
        if let end = try scanPlainString() {
            return String(decoding: UnsafeBufferPointer(start: base.unsafelyUnwrapped + start + 1, count: end - start - 1), as: UTF8.self)
        }
        return try parseEscapedString(contentStart: start + 1, openingQuote: start)
    }

    /// An object key, and which `JSONKey` it is. A known key without escapes becomes the shared
    /// constant String instead of a new one (most keys of an A2A event are known).
    mutating func parseKey() throws(JSONParseError) -> (String, JSONKey?) {
        let start = index
        if let end = try scanPlainString() {
            let bytes = UnsafeBufferPointer(start: base.unsafelyUnwrapped + start + 1, count: end - start - 1)
            // `count - end` bytes (the closing quote on) follow the key in the input.
            if let known = knownKeys.key(for: bytes, readableAfter: count - end) {
                return (knownKeys.spellings[Int(known.rawValue)], known)
            }
            return (String(decoding: bytes, as: UTF8.self), nil)
        }
        let key = try parseEscapedString(contentStart: start + 1, openingQuote: start)
        return (key, JSONKey(key))
    }

    /// Scans a string from its opening quote. Without escapes: returns the offset of its closing
    /// quote, and `index` moves past it. At the first backslash: returns nil, `index` on it.
    mutating func scanPlainString() throws(JSONParseError) -> Int? {
        let start = index
        let contentStart = start + 1
        // The scan runs on locals: the hot loop of the whole parser.
        let p = base.unsafelyUnwrapped
        var i = contentStart
        let end = count
        while i < end {
            // Eight bytes at a time while none of them is a quote, a backslash or a control byte;
            // then straight to the first one that is (the mask's lowest bit is exact).
            if i + 8 <= end {
                let attention = attentionMask(UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self))
                if attention == 0 {
                    i += 8
                    continue
                }
                i += attention.trailingZeroBitCount >> 3
            }
            let stop = min(i + 8, end)
            while i < stop {
                let b = p[i]
                if b == quote {
                    index = i + 1
                    return i
                }
                if b == backslash {
                    index = i
                    return nil
                }
                if b < 0x20 {
                    index = i
                    throw error("raw control character \\u{\(String(b, radix: 16))} in string; it must be escaped")
                }
                i += 1
            }
        }
        index = end
        throw error("unterminated string", at: start)
    }

    /// The high bit of each of the eight bytes (little-endian) that may be `"`, `\\` or below
    /// 0x20; zero when none is. The classic "has zero byte" bit trick: a byte can be marked wrongly
    /// only above one that is marked rightly, so the lowest mark is exact (the byte loop decides).
    @inline(__always) func attentionMask(_ w: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quotes = w ^ (ones &* UInt64(quote))
        let backslashes = w ^ (ones &* UInt64(backslash))
        let hasQuote = (quotes &- ones) & ~quotes
        let hasBackslash = (backslashes &- ones) & ~backslashes
        let hasControl = (w &- ones &* 0x20) & ~w
        return (hasQuote | hasBackslash | hasControl) & highs
    }

    /// The slow path: copies bytes into a buffer, decoding escapes to UTF-8.
    mutating func parseEscapedString(contentStart: Int, openingQuote: Int) throws(JSONParseError) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(index - contentStart + 16)
        for i in contentStart..<index { out.append(byte(i)) }
        while index < count {
            let b = byte(index)
            switch b {
            case quote:
                index += 1
                return String(decoding: out, as: UTF8.self)
            case backslash:
                try appendEscape(to: &out)
            case 0..<0x20:
                throw error("raw control character \\u{\(String(b, radix: 16))} in string; it must be escaped")
            default:
                out.append(b)
                index += 1
            }
        }
        throw error("unterminated string", at: openingQuote)
    }

    mutating func appendEscape(to out: inout [UInt8]) throws(JSONParseError) {
        let escapeStart = index
        index += 1  // backslash
        guard index < count else { throw error("unterminated escape in string", at: escapeStart) }
        let e = byte(index)
        index += 1
        switch e {
        case quote: out.append(quote)
        case backslash: out.append(backslash)
        case slash: out.append(slash)
        case 0x62: out.append(0x08)  // b
        case 0x66: out.append(0x0C)  // f
        case 0x6E: out.append(0x0A)  // n
        case 0x72: out.append(0x0D)  // r
        case 0x74: out.append(0x09)  // t
        case 0x75:  // u
            let unit = try readHex4(escapeStart: escapeStart)
            var scalar: UInt32
            if (0xD800...0xDBFF).contains(unit) {
                // A high surrogate: valid only when a low surrogate escape follows.
                if index + 6 <= count, byte(index) == backslash, byte(index + 1) == 0x75 {
                    let save = index
                    index += 2
                    let low = try readHex4(escapeStart: save)
                    if (0xDC00...0xDFFF).contains(low) {
                        scalar = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                    } else {
                        scalar = 0xFFFD
                        index = save  // the second escape stands on its own
                    }
                } else {
                    scalar = 0xFFFD
                }
            } else if (0xDC00...0xDFFF).contains(unit) {
                scalar = 0xFFFD  // a lone low surrogate
            } else {
                scalar = UInt32(unit)
            }
            appendUTF8(scalar, to: &out)
        default:
            throw error("invalid escape '\\\(describeByte(index - 1))' in string", at: escapeStart)
        }
    }

    mutating func readHex4(escapeStart: Int) throws(JSONParseError) -> UInt16 {
        guard count - index >= 4 else { throw error("truncated \\u escape in string", at: escapeStart) }
        var value: UInt16 = 0
        for _ in 0..<4 {
            let b = byte(index)
            let digit: UInt8
            switch b {
            case 0x30...0x39: digit = b - 0x30
            case 0x41...0x46: digit = b - 0x41 + 10
            case 0x61...0x66: digit = b - 0x61 + 10
            default: throw error("invalid hex digit in \\u escape", at: index)
            }
            value = value << 4 | UInt16(digit)
            index += 1
        }
        return value
    }

    func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            out.append(UInt8(scalar))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (scalar >> 6)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (scalar >> 12)))
            out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (scalar >> 18)))
            out.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }

    // MARK: Numbers

    /// Validates the RFC 8259 number grammar, then converts. Numbers with at most 15 significant
    /// digits and a small exponent are converted exactly by one multiply or divide (Clinger's fast
    /// path); anything else goes through the standard library's correctly rounded conversion.
    mutating func parseNumber() throws(JSONParseError) -> Double {
        let start = index
        var negative = false
        if byte(index) == minus {
            negative = true
            index += 1
        }
        guard index < count, isDigit(byte(index)) else {
            throw error(index < count ? "expected a digit after '-'" : "unexpected end of input in number", at: index)
        }
        var mantissa: UInt64 = 0
        var digits = 0
        if byte(index) == zero {
            index += 1
            if index < count, isDigit(byte(index)) { throw error("leading zero in number", at: start) }
        } else {
            while index < count, isDigit(byte(index)) {
                if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(byte(index) - zero) }
                digits += 1
                index += 1
            }
        }
        var fractionDigits = 0
        if index < count, byte(index) == dot {
            index += 1
            guard index < count, isDigit(byte(index)) else { throw error("expected a digit after '.' in number") }
            while index < count, isDigit(byte(index)) {
                if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(byte(index) - zero) }
                if mantissa != 0 || digits > 0 { digits += 1 }
                fractionDigits += 1
                index += 1
            }
        }
        var exponent = 0
        if index < count, byte(index) | 0x20 == 0x65 {  // e or E
            index += 1
            var exponentNegative = false
            if index < count, byte(index) == minus || byte(index) == plus {
                exponentNegative = byte(index) == minus
                index += 1
            }
            guard index < count, isDigit(byte(index)) else { throw error("expected a digit in number exponent") }
            while index < count, isDigit(byte(index)) {
                if exponent < 100_000 { exponent = exponent * 10 + Int(byte(index) - zero) }
                index += 1
            }
            if exponentNegative { exponent = -exponent }
        }
        let scale = exponent - fractionDigits
        if digits <= 15 && scale >= -22 && scale <= 22 {
            var value = Double(mantissa)
            if scale < 0 { value /= exactPowersOfTen[-scale] } else if scale > 0 { value *= exactPowersOfTen[scale] }
            return negative ? -value : value
        }
        let text = String(decoding: UnsafeBufferPointer(start: base.unsafelyUnwrapped + start, count: index - start), as: UTF8.self)
        // The grammar was checked above, so this only fails on overflow forms the stdlib rejects.
        return Double(text) ?? (negative ? -.infinity : .infinity)
    }

    @inline(__always) func isDigit(_ b: UInt8) -> Bool { b &- zero < 10 }
}
