import A2A
import Foundation
import Wire

#if canImport(Glibc)
import Glibc
#endif

/// Masks credentials in a journal line before it reaches the disk: every secret the console
/// sends (auth header values), secrets carried in configured agent URLs (`URLCredentials`:
/// user:password@, `?token=`-style query values), and any URL query parameter with a
/// credential-like name (`URLCredentials.isSecretName`), wherever it appears (an agent may echo
/// a URL back in its card or results).
///
/// Works on the line's UTF-8 bytes (`memmem`), because it runs on every journal line.
struct JournalRedaction: Sendable {
    /// Each secret as it may appear: as is, percent-encoded, and JSON-escaped; longest first so
    /// a secret containing another is masked whole.
    private let needles: [[UInt8]]

    init(secrets: [String], agentURLs: [String]) {
        var all = secrets
        for url in agentURLs { all += URLCredentials.secrets(in: url) }
        var variants = Set<String>()
        for secret in all where secret.utf8.count >= 3 {
            variants.insert(secret)
            if let encoded = secret.addingPercentEncoding(withAllowedCharacters: Self.unreserved) { variants.insert(encoded) }
            // Inside a JSON string a secret holding `"`, `\` or `/` is written escaped.
            let escaped = JSONWriterEscaping.escape(secret)
            variants.insert(escaped)
        }
        needles = variants.map { Array($0.utf8) }.sorted { $0.count != $1.count ? $0.count > $1.count : $0.lexicographicallyPrecedes($1) }
    }

    func apply(_ line: String) -> String {
        String(decoding: apply(bytes: Array(line.utf8)), as: UTF8.self)
    }

    func apply(bytes: [UInt8]) -> [UInt8] {
        var out = bytes
        for needle in needles { out = Self.replacing(needle, in: out) }
        return Self.maskSensitiveQueryValues(out)
    }

    /// Every occurrence of `needle` replaced by the mask.
    static func replacing(_ needle: [UInt8], in haystack: [UInt8]) -> [UInt8] {
        guard !needle.isEmpty, haystack.count >= needle.count else { return haystack }
        var result: [UInt8] = []
        var start = 0
        haystack.withUnsafeBytes { hay in
            needle.withUnsafeBytes { ndl in
                guard let hayBase = hay.baseAddress, let needleBase = ndl.baseAddress else { return }
                while start <= hay.count - ndl.count,
                      let offset = Self.find(needleBase, ndl.count, in: hayBase, hay.count, from: start)
                {
                    if result.isEmpty { result.reserveCapacity(hay.count) }
                    result.append(contentsOf: hay[start..<offset])
                    result.append(contentsOf: Redactor.mask.utf8)
                    start = offset + ndl.count
                }
            }
        }
        guard start > 0 else { return haystack }
        result.append(contentsOf: haystack[start...])
        return result
    }

    /// The first offset ≥ `from` where the needle starts: `memchr` for its first byte, then `memcmp`.
    private static func find(_ needle: UnsafeRawPointer, _ needleCount: Int, in hay: UnsafeRawPointer, _ hayCount: Int, from: Int) -> Int? {
        let first = Int32(needle.load(as: UInt8.self))
        var at = from
        while at <= hayCount - needleCount {
            guard let hit = memchr(hay + at, first, hayCount - needleCount - at + 1) else { return nil }
            let offset = hay.distance(to: UnsafeRawPointer(hit))
            if memcmp(hay + offset, needle, needleCount) == 0 { return offset }
            at = offset + 1
        }
        return nil
    }

    static func maskSensitiveQueryValues(_ text: String) -> String {
        String(decoding: maskSensitiveQueryValues(Array(text.utf8)), as: UTF8.self)
    }

    /// `?token=abc&x=1` → `?token=***&x=1`, for every credential-named parameter in the bytes.
    static func maskSensitiveQueryValues(_ bytes: [UInt8]) -> [UInt8] {
        // Nearly every journal line has nothing to mask: find the first before copying anything
        // (copying each line byte by byte was a tenth of the journal thread under load).
        guard let first = firstSecretParameter(in: bytes) else { return bytes }
        var out = Array(bytes[..<first])
        out.reserveCapacity(bytes.count)
        var i = first
        while i < bytes.count {
            let b = bytes[i]
            out.append(b)
            i += 1
            guard isParameterStart(b), let value = secretValue(in: bytes, at: i) else { continue }
            out.append(contentsOf: bytes[i..<value.lowerBound])
            out.append(contentsOf: Redactor.mask.utf8)
            i = value.upperBound
        }
        return out
    }

    /// The offset of the first `?` or `&` that starts a credential-named parameter. `memchr`
    /// finds the candidates (testing every byte of every line was most of the masking's cost).
    private static func firstSecretParameter(in bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBytes { raw -> Int? in
            guard let base = raw.baseAddress else { return nil }
            var first: Int?
            for mark in [UInt8(ascii: "?"), UInt8(ascii: "&")] {
                var at = 0
                while at < raw.count, let hit = memchr(base + at, Int32(mark), raw.count - at) {
                    let offset = base.distance(to: UnsafeRawPointer(hit))
                    if let first, offset > first { break }
                    if secretValue(in: bytes, at: offset + 1) != nil {
                        first = offset
                        break
                    }
                    at = offset + 1
                }
            }
            return first
        }
    }

    private static func isParameterStart(_ b: UInt8) -> Bool { b == UInt8(ascii: "?") || b == UInt8(ascii: "&") }

    /// The value of a credential-named parameter whose name starts at `i` (just after `?` or `&`):
    /// a name of at most 32 name bytes, `=`, then a non-empty value.
    private static func secretValue(in bytes: [UInt8], at i: Int) -> Range<Int>? {
        var j = i
        while j < bytes.count, j - i < 32, isNameByte(bytes[j]) { j += 1 }
        guard j < bytes.count, j > i, bytes[j] == UInt8(ascii: "=") else { return nil }
        guard URLCredentials.isSecretName(String(decoding: bytes[i..<j], as: UTF8.self)) else { return nil }
        var end = j + 1
        while end < bytes.count, !isValueEnd(bytes[end]) { end += 1 }
        return end > j + 1 ? (j + 1)..<end : nil
    }

    private static func isNameByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b == 0x2D || b == 0x2E
    }

    private static func isValueEnd(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "&") || b == UInt8(ascii: "#") || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\")
            || b == UInt8(ascii: " ") || b == UInt8(ascii: "'") || b < 0x20
    }

    /// RFC 3986 unreserved characters: everything else is percent-encoded in a URL component.
    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}

/// How a string is written inside a JSON string by `JSONWriter` (without the quotes).
enum JSONWriterEscaping {
    static func escape(_ s: String) -> String {
        let quoted = JSONWriter().string(.string(s))
        return String(quoted.dropFirst().dropLast())
    }
}
