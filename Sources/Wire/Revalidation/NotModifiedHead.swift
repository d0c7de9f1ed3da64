/// Reads the answer to a fast revalidation, strictly: the only answer taken is a complete
/// `HTTP/1.1 304` head with no body. Everything else — another status, another HTTP version, a
/// malformed line, a body announced or present, a head beyond `maxBytes` — is `.unusable`,
/// and the poll is done again through libcurl, which handles it as it always has. Pure.
enum NotModifiedHead: Equatable {
    /// No verdict yet: the head is not complete (and nothing so far rules it out).
    case incomplete
    /// A 304: its headers (lowercased names, repeats joined with ", " as `Transfer` does) and
    /// whether the connection may carry the next poll.
    case notModified(HTTPResponseHead, keepsConnection: Bool)
    /// Not a plain 304; the reason is for tests and notes, never shown to the operator.
    case unusable(String)

    /// Largest head accepted (a 304 of a card is ~150 bytes).
    static let maxBytes = 8 * 1024

    private static let statusPrefix = Array("HTTP/1.1 304".utf8)

    /// Judges everything received so far on the connection for this poll.
    static func parse(_ bytes: [UInt8]) -> NotModifiedHead {
        bytes.withUnsafeBufferPointer { parse($0) }
    }

    /// One pass over the bytes, line by line (a poll's answer is parsed ~50 times a second:
    /// no slices or copies of lines, only the header names and values become strings).
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> NotModifiedHead {
        // Reject an answer that is not a 304 as soon as its first bytes show it.
        for index in 0..<min(bytes.count, statusPrefix.count) where bytes[index] != statusPrefix[index] {
            return .unusable("not an HTTP/1.1 304")
        }
        var headers: [String: String] = [:]
        var keepsConnection = true
        var lineStart = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == lf { return .unusable("a bare LF") }
            guard byte == cr else {
                index += 1
                continue
            }
            guard index + 1 < bytes.count else { break }  // the LF is still to come
            guard bytes[index + 1] == lf else { return .unusable("a bare CR") }
            let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<index])
            index += 2
            if lineStart == 0 {
                guard isStatusLine(line) else { return .unusable("malformed status line") }
            } else if line.isEmpty {
                guard index <= maxBytes else { return .unusable("head larger than \(maxBytes) bytes") }
                guard index == bytes.count else { return .unusable("bytes after the head") }
                return .notModified(HTTPResponseHead(status: 304, headers: headers), keepsConnection: keepsConnection)
            } else {
                guard let (name, value) = field(line) else { return .unusable("malformed header line") }
                switch name {
                case "content-length":
                    guard value == "0" else { return .unusable("a 304 announcing a body") }
                case "transfer-encoding":
                    return .unusable("a 304 with Transfer-Encoding")
                case "connection":
                    if value.lowercased().split(separator: ",").contains(where: { $0.trimmed == "close" }) {
                        keepsConnection = false
                    }
                default:
                    break
                }
                if let existing = headers[name] {
                    headers[name] = existing + ", " + value
                } else {
                    headers[name] = value
                }
            }
            lineStart = index
        }
        return bytes.count >= maxBytes ? .unusable("head larger than \(maxBytes) bytes") : .incomplete
    }

    private static let cr: UInt8 = 0x0D
    private static let lf: UInt8 = 0x0A

    /// `HTTP/1.1 304` then nothing, or a space and a reason phrase of visible characters,
    /// spaces and tabs.
    private static func isStatusLine(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard line.count >= statusPrefix.count else { return false }
        if line.count == statusPrefix.count { return true }
        guard line[statusPrefix.count] == UInt8(ascii: " ") else { return false }
        for index in (statusPrefix.count + 1)..<line.count where !isFieldValueByte(line[index]) { return false }
        return true
    }

    /// `name: value` with a token name (no space before the colon, no folded line); the value
    /// trimmed of spaces and tabs. The name comes back lowercased.
    private static func field(_ line: UnsafeBufferPointer<UInt8>) -> (String, String)? {
        var colon = 0
        while colon < line.count, line[colon] != UInt8(ascii: ":") {
            guard HTTPToken.isTokenByte(line[colon]) else { return nil }
            colon += 1
        }
        guard colon > 0, colon < line.count else { return nil }
        var start = colon + 1
        var end = line.count
        for index in start..<end where !isFieldValueByte(line[index]) { return nil }
        while start < end, line[start] == 0x20 || line[start] == 0x09 { start += 1 }
        while end > start, line[end - 1] == 0x20 || line[end - 1] == 0x09 { end -= 1 }
        let name = String(unsafeUninitializedCapacity: colon) { out in
            for index in 0..<colon {
                let byte = line[index]
                out[index] = byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
            }
            return colon
        }
        return (name, String(decoding: UnsafeBufferPointer(rebasing: line[start..<end]), as: UTF8.self))
    }

    /// Visible ASCII, space, tab, and obs-text (bytes ≥ 0x80): no other control character.
    private static func isFieldValueByte(_ byte: UInt8) -> Bool {
        byte == 0x09 || (byte >= 0x20 && byte != 0x7F)
    }
}

private extension Substring {
    var trimmed: Substring {
        var text = self
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return text
    }
}
