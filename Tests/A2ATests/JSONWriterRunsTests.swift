import Testing
@testable import A2A

/// `JSONWriter.appendString` copies runs of bytes that need no escape at once. The reference here
/// is the byte-by-byte loop it replaced; both must write the same bytes for every string.
struct JSONWriterRunsTests {
    /// The former writer, kept as the reference.
    static func referenceEscape(_ s: String) -> [UInt8] {
        var out: [UInt8] = [0x22]
        let bytes = Array(s.utf8)
        func unicodeEscape(_ scalar: UInt32) {
            out += Array("\\u".utf8)
            for shift in stride(from: 12, through: 0, by: -4) {
                out.append(Array("0123456789abcdef".utf8)[Int((scalar >> UInt32(shift)) & 0xF)])
            }
        }
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            switch b {
            case 0x22: out += [0x5C, 0x22]
            case 0x5C: out += [0x5C, 0x5C]
            case 0x0A: out += [0x5C, 0x6E]
            case 0x0D: out += [0x5C, 0x72]
            case 0x09: out += [0x5C, 0x74]
            case 0x08: out += [0x5C, 0x62]
            case 0x0C: out += [0x5C, 0x66]
            case 0..<0x20, 0x7F: unicodeEscape(UInt32(b))
            default:
                let next = i + 1 < bytes.count ? bytes[i + 1] : 0
                let third = i + 2 < bytes.count ? bytes[i + 2] : 0
                if b == 0xC2, (0x80...0x9F).contains(next) {
                    unicodeEscape(UInt32(next)); i += 2; continue
                } else if b == 0xD8, next == 0x9C {
                    unicodeEscape(0x061C); i += 2; continue
                } else if b == 0xE2, i + 2 < bytes.count, next == 0x80, third == 0x8E || third == 0x8F || (0xA8...0xAE).contains(third) {
                    unicodeEscape(0x2000 + UInt32(third - 0x80)); i += 3; continue
                } else if b == 0xE2, i + 2 < bytes.count, next == 0x81, (0xA6...0xA9).contains(third) {
                    unicodeEscape(0x2040 + UInt32(third - 0x80)); i += 3; continue
                }
                out.append(b)
            }
            i += 1
        }
        out.append(0x22)
        return out
    }

    /// Characters that exercise every branch: plain runs, each escape, the escaped scalars, their
    /// unescaped neighbours that share a lead byte, and other multi-byte text.
    static let alphabet: [String] = [
        "a", "Z", "0", " ", "/", "\"", "\\", "\n", "\r", "\t", "\u{08}", "\u{0C}", "\u{00}", "\u{1B}", "\u{7F}",
        "\u{80}", "\u{85}", "\u{9F}", "\u{A0}", "é", "\u{061C}", "\u{061B}", "\u{200E}", "\u{200F}", "\u{2010}",
        "\u{2028}", "\u{202E}", "\u{202F}", "\u{2066}", "\u{2069}", "\u{206A}", "\u{2027}", "漢", "🙂",
        "plain text run ", "{\"kind\":\"status-update\"}",
    ]

    /// The writer tests eight bytes at a time: each character that needs attention, at every
    /// offset of a word and across a word's end, in otherwise plain text.
    @Test func everySpecialCharacterAtEveryOffset() {
        let specials = ["\"", "\\", "\n", "\u{00}", "\u{1F}", "\u{7F}", "\u{85}", "\u{A0}", "é", "\u{061C}", "\u{2028}", "\u{202F}", "漢", "🙂"]
        for special in specials {
            for offset in 0..<24 {
                let text = String(repeating: "a", count: offset) + special + String(repeating: "~", count: 23 - offset)
                var written: [UInt8] = []
                JSONWriter.appendString(text, to: &written)
                #expect(written == Self.referenceEscape(text), "\(offset) \(Array(special.unicodeScalars))")
            }
        }
    }

    @Test(arguments: [UInt64(1), 7, 42, 1_000_003])
    func sameBytesAsTheByteByByteWriter(seed: UInt64) {
        var state = seed
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(truncatingIfNeeded: state >> 33)
        }
        for _ in 0..<2_000 {
            let length = next() % 40
            let text = (0..<length).map { _ in Self.alphabet[next() % Self.alphabet.count] }.joined()
            var written: [UInt8] = [0x41]  // appends after what is already there
            JSONWriter.appendString(text, to: &written)
            #expect(Array(written.dropFirst()) == Self.referenceEscape(text), "\(Array(text.unicodeScalars))")
        }
    }
}
