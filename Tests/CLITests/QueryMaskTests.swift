import Foundation
import Testing
import Deck
import Wire

@testable import AgentDeckCLI

/// `JournalRedaction.maskSensitiveQueryValues` finds the first parameter to mask before copying;
/// it must mask exactly what the byte-by-byte version it replaced masked.
@Suite struct QueryMaskTests {
    /// The previous implementation, kept as the reference.
    static func reference(_ bytes: [UInt8]) -> [UInt8] {
        func isNameByte(_ b: UInt8) -> Bool {
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b == 0x2D || b == 0x2E
        }
        func isValueEnd(_ b: UInt8) -> Bool {
            b == UInt8(ascii: "&") || b == UInt8(ascii: "#") || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\")
                || b == UInt8(ascii: " ") || b == UInt8(ascii: "'") || b < 0x20
        }
        guard bytes.contains(UInt8(ascii: "=")) else { return bytes }
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            out.append(b)
            i += 1
            guard b == UInt8(ascii: "?") || b == UInt8(ascii: "&") else { continue }
            var j = i
            while j < bytes.count, j - i < 32, isNameByte(bytes[j]) { j += 1 }
            guard j < bytes.count, j > i, bytes[j] == UInt8(ascii: "=") else { continue }
            guard URLCredentials.isSecretName(String(decoding: bytes[i..<j], as: UTF8.self)) else { continue }
            var end = j + 1
            while end < bytes.count, !isValueEnd(bytes[end]) { end += 1 }
            guard end > j + 1 else { continue }
            out.append(contentsOf: bytes[i...j])
            out.append(contentsOf: "***".utf8)
            i = end
        }
        return out
    }

    @Test func knownLines() {
        func mask(_ s: String) -> String { String(decoding: JournalRedaction.maskSensitiveQueryValues(Array(s.utf8)), as: UTF8.self) }
        #expect(mask(#"{"url":"http://h/a?token=abc&page=2"}"#) == #"{"url":"http://h/a?token=***&page=2"}"#)
        #expect(mask("steps=1000 delay=0.2") == "steps=1000 delay=0.2")
        #expect(mask("?page=2&api_key=k1&x=?token=") == "?page=2&api_key=***&x=?token=")
        #expect(mask("") == "")
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func randomLinesMaskedAsBefore(seed: UInt64) {
        var random = IDGenerator(seed: seed)  // SplitMix64: the same seed gives the same lines
        let pieces = ["?", "&", "=", "token", "api_key", "page", "x", "abc", "\"", " ", "#", "\\", "secret", "Password", "-", "."]
        for _ in 0..<2_000 {
            let line = (0..<Int.random(in: 0..<14, using: &random)).map { _ in pieces.randomElement(using: &random) ?? "" }.joined()
            let bytes = Array(line.utf8)
            #expect(JournalRedaction.maskSensitiveQueryValues(bytes) == Self.reference(bytes), "\(line)")
        }
    }
}
