/// Turns a `JSONValue` back into JSON text: compact for the wire, optionally with sorted keys
/// (stable diffs) or indented (the raw view).
public struct JSONWriter: Sendable {
    public var sortedKeys: Bool
    /// Indent by this many spaces per level; nil writes compact JSON.
    public var indent: Int?

    public init(sortedKeys: Bool = false, indent: Int? = nil) {
        self.sortedKeys = sortedKeys
        self.indent = indent
    }

    public func bytes(_ value: JSONValue) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(value, level: 0, into: &out)
        return out
    }

    public func string(_ value: JSONValue) -> String { String(decoding: bytes(value), as: UTF8.self) }

    func write(_ value: JSONValue, level: Int, into out: inout [UInt8]) {
        switch value {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let n): JSONWriter.appendNumber(n, to: &out)
        case .string(let s): JSONWriter.appendString(s, to: &out)
        case .array(let elements):
            out.append(0x5B)
            for (i, element) in elements.enumerated() {
                if i > 0 { out.append(0x2C) }
                newline(level + 1, into: &out)
                write(element, level: level + 1, into: &out)
            }
            if !elements.isEmpty { newline(level, into: &out) }
            out.append(0x5D)
        case .object(let object):
            out.append(0x7B)
            let members = sortedKeys ? object.pairs.sorted { $0.key < $1.key } : object.pairs
            var first = true
            for (key, element) in members {
                if !first { out.append(0x2C) }
                first = false
                newline(level + 1, into: &out)
                JSONWriter.appendString(key, to: &out)
                out.append(0x3A)
                if indent != nil { out.append(0x20) }
                write(element, level: level + 1, into: &out)
            }
            if !first { newline(level, into: &out) }
            out.append(0x7D)
        }
    }

    private func newline(_ level: Int, into out: inout [UInt8]) {
        guard let indent else { return }
        out.append(0x0A)
        out.append(contentsOf: repeatElement(0x20, count: indent * level))
    }

    /// Integers print without a fraction; other finite numbers in Swift's shortest round-trip form,
    /// which is valid JSON. JSON has no infinity or NaN: those are written as `null`.
    static func appendNumber(_ n: Double, to out: inout [UInt8]) {
        guard n.isFinite else {
            out.append(contentsOf: "null".utf8)
            return
        }
        if n == n.rounded(.towardZero) && abs(n) < 1e18 {
            appendInteger(Int64(n), to: &out)
        } else {
            out.append(contentsOf: n.description.utf8)
        }
    }

    /// Decimal digits written in place (a `String` per number showed in the journal's profile).
    static func appendInteger(_ n: Int64, to out: inout [UInt8]) {
        if n < 0 { out.append(0x2D) }
        var m = n.magnitude
        let start = out.count
        repeat {
            out.append(0x30 + UInt8(m % 10))
            m /= 10
        } while m > 0
        out[start...].reverse()
    }

    /// Escapes `"`, `\\` and control characters; everything else is written as UTF-8, except the
    /// code points a terminal would act on when the JSON is printed (C1 controls, bidi overrides,
    /// isolates and marks, U+2028/2029): those become `\\uXXXX` too. The value is the same JSON,
    /// but an agent's text cannot retitle, clear or reorder the terminal of whoever reads the output.
    static func appendString(_ s: String, to out: inout [UInt8]) {
        out.append(0x22)
        var s = s
        s.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            var i = 0
            // Runs of bytes that need no escape are copied at once, found eight bytes at a time
            // (byte by byte, this loop was most of the journal thread's time under load).
            var runStart = 0
            while i < bytes.count {
                if i + 8 <= bytes.count, !wordMayNeedEscape(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) {
                    i += 8
                    continue
                }
                let b = bytes[i]
                guard mayNeedEscape(b) else {
                    i += 1
                    continue
                }
                if runStart < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i])) }
                switch b {
                case 0x22: out.append(0x5C); out.append(0x22)
                case 0x5C: out.append(0x5C); out.append(0x5C)
                case 0x0A: out.append(0x5C); out.append(0x6E)
                case 0x0D: out.append(0x5C); out.append(0x72)
                case 0x09: out.append(0x5C); out.append(0x74)
                case 0x08: out.append(0x5C); out.append(0x62)
                case 0x0C: out.append(0x5C); out.append(0x66)
                case 0..<0x20, 0x7F: appendUnicodeEscape(UInt32(b), to: &out)
                default:  // 0xC2, 0xD8, 0xE2: the lead byte of a terminal-active scalar, or not
                    if let (scalar, length) = terminalActiveScalar(bytes, at: i) {
                        appendUnicodeEscape(scalar, to: &out)
                        i += length
                        runStart = i
                        continue
                    }
                    out.append(b)
                }
                i += 1
                runStart = i
            }
            if runStart < bytes.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...])) }
        }
        out.append(0x22)
    }

    /// Whether any of the eight bytes may need `mayNeedEscape`'s attention: a non-ASCII byte, a
    /// byte below 0x20, `"`, `\\` or DEL (the classic has-zero-byte / has-less-than word tests,
    /// exact for "any byte").
    @inline(__always)
    private static func wordMayNeedEscape(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }
        let nonASCII = word & highs
        let control = (word &- ones &* 0x20) & ~word & highs
        let special = hasZeroByte(word ^ (ones &* 0x22)) | hasZeroByte(word ^ (ones &* 0x5C)) | hasZeroByte(word ^ (ones &* 0x7F))
        return nonASCII | control | special != 0
    }

    /// `"`, `\\`, a C0 control or DEL, or a lead byte that may start a terminal-active scalar.
    @inline(__always)
    private static func mayNeedEscape(_ b: UInt8) -> Bool {
        b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F || b == 0xC2 || b == 0xD8 || b == 0xE2
    }

    /// The C1 control, bidi control or line/paragraph separator whose (valid) UTF-8 encoding
    /// starts at `i`, with its length in bytes; nil for any other character.
    private static func terminalActiveScalar(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int)? {
        guard i + 1 < bytes.count else { return nil }
        let b1 = bytes[i + 1]
        switch bytes[i] {
        case 0xC2 where (0x80...0x9F).contains(b1):
            return (UInt32(b1), 2)                                   // U+0080-U+009F
        case 0xD8 where b1 == 0x9C:
            return (0x061C, 2)                                       // arabic letter mark
        case 0xE2 where i + 2 < bytes.count:
            let b2 = bytes[i + 2]
            if b1 == 0x80, b2 == 0x8E || b2 == 0x8F || (0xA8...0xAE).contains(b2) {
                return (0x2000 + UInt32(b2 - 0x80), 3)              // U+200E/F, U+2028-U+202E
            }
            if b1 == 0x81, (0xA6...0xA9).contains(b2) {
                return (0x2040 + UInt32(b2 - 0x80), 3)              // U+2066-U+2069
            }
            return nil
        default:
            return nil
        }
    }

    private static func appendUnicodeEscape(_ scalar: UInt32, to out: inout [UInt8]) {
        out.append(0x5C)
        out.append(0x75)
        for shift in stride(from: 12, through: 0, by: -4) {
            let digit = UInt8((scalar >> UInt32(shift)) & 0xF)
            out.append(digit < 10 ? 0x30 + digit : 0x61 + digit - 10)  // 0-9, a-f
        }
    }
}

extension JSONValue {
    /// Compact JSON bytes (key order as received or built).
    public var jsonBytes: [UInt8] { JSONWriter().bytes(self) }
    /// Compact JSON text.
    public var jsonString: String { JSONWriter().string(self) }
    /// Indented JSON text with sorted keys, for display.
    public var prettyJSON: String { JSONWriter(sortedKeys: true, indent: 2).string(self) }
}
