/// One line of an HTTP response head as libcurl hands it over (status lines included, with its
/// CR LF), read from the bytes. It used to go through `String` and Foundation's
/// `trimmingCharacters` (an `NSString` bridge per call): a tenth of an idle dashboard's CPU, for
/// the four or five header lines of each card poll.
enum HeaderLine: Equatable {
    /// `HTTP/1.1 200 OK` and the like: a new head starts.
    case status
    /// The blank line that ends a head.
    case end
    /// `name: value`, the name lowercased, both trimmed of spaces and tabs.
    case field(name: String, value: String)
    /// Anything else (no colon): ignored.
    case other

    init(_ bytes: UnsafeRawBufferPointer) {
        var end = bytes.count
        while end > 0, bytes[end - 1] == UInt8(ascii: "\r") || bytes[end - 1] == UInt8(ascii: "\n") { end -= 1 }
        if end == 0 {
            self = .end
            return
        }
        if end >= 5, bytes[0] == UInt8(ascii: "H"), bytes[1] == UInt8(ascii: "T"), bytes[2] == UInt8(ascii: "T"),
            bytes[3] == UInt8(ascii: "P"), bytes[4] == UInt8(ascii: "/") {
            self = .status
            return
        }
        guard let colon = bytes[..<end].firstIndex(of: UInt8(ascii: ":")) else {
            self = .other
            return
        }
        let name = Self.trimmed(bytes, from: 0, to: colon)
        let value = Self.trimmed(bytes, from: colon + 1, to: end)
        self = .field(name: Self.lowercased(UnsafeRawBufferPointer(rebasing: bytes[name])),
                      value: String(decoding: UnsafeRawBufferPointer(rebasing: bytes[value]), as: UTF8.self))
    }

    private static func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }

    private static func trimmed(_ bytes: UnsafeRawBufferPointer, from start: Int, to end: Int) -> Range<Int> {
        var lower = start, upper = end
        while lower < upper, isBlank(bytes[lower]) { lower += 1 }
        while upper > lower, isBlank(bytes[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    /// Field names are ASCII tokens; anything else is lowercased the Unicode way.
    private static func lowercased(_ bytes: UnsafeRawBufferPointer) -> String {
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return String(decoding: bytes, as: UTF8.self).lowercased() }
        return String(unsafeUninitializedCapacity: bytes.count) { out in
            for (i, byte) in bytes.enumerated() {
                out[i] = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
            }
            return bytes.count
        }
    }
}
