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
    private static let crlf: [UInt8] = [0x0D, 0x0A]

    /// Judges everything received so far on the connection for this poll.
    static func parse(_ bytes: [UInt8]) -> NotModifiedHead {
        // Reject an answer that is not a 304 as soon as its first bytes show it.
        let known = min(bytes.count, statusPrefix.count)
        guard bytes[0..<known].elementsEqual(statusPrefix[0..<known]) else { return .unusable("not an HTTP/1.1 304") }
        // A line ended by a bare LF would never end the head the strict way: say so now.
        if bytes.indices.contains(where: { bytes[$0] == 0x0A && ($0 == 0 || bytes[$0 - 1] != 0x0D) }) {
            return .unusable("a bare LF")
        }
        guard let headEnd = endOfHead(bytes) else {
            return bytes.count >= maxBytes ? .unusable("head larger than \(maxBytes) bytes") : .incomplete
        }
        guard headEnd <= maxBytes else { return .unusable("head larger than \(maxBytes) bytes") }
        guard headEnd == bytes.count else { return .unusable("bytes after the head") }
        // Lines without the final blank one; each ends in CR LF.
        let lines = split(bytes[0..<(headEnd - 2)])
        guard let statusLine = lines.first, isStatusLine(statusLine) else { return .unusable("malformed status line") }
        var headers: [String: String] = [:]
        var keepsConnection = true
        for line in lines.dropFirst() {
            guard let (name, value) = field(line) else { return .unusable("malformed header line") }
            switch name {
            case "content-length":
                guard value == "0" else { return .unusable("a 304 announcing a body") }
            case "transfer-encoding":
                return .unusable("a 304 with Transfer-Encoding")
            case "connection":
                if value.split(separator: ",").contains(where: { $0.trimmed.lowercased() == "close" }) {
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
        return .notModified(HTTPResponseHead(status: 304, headers: headers), keepsConnection: keepsConnection)
    }

    /// The index just past the first CR LF CR LF, if any.
    private static func endOfHead(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for index in 3..<bytes.count where bytes[index] == 0x0A && bytes[index - 1] == 0x0D
            && bytes[index - 2] == 0x0A && bytes[index - 3] == 0x0D {
            return index + 1
        }
        return nil
    }

    /// Splits at CR LF; nil entries are impossible, but a bare CR or LF inside a line stays in
    /// it and is rejected by the line checks.
    private static func split(_ bytes: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        var lines: [ArraySlice<UInt8>] = []
        var start = bytes.startIndex
        var index = bytes.startIndex
        while index < bytes.endIndex {
            if bytes[index] == 0x0D, index + 1 < bytes.endIndex, bytes[index + 1] == 0x0A {
                lines.append(bytes[start..<index])
                index += 2
                start = index
            } else {
                index += 1
            }
        }
        return lines
    }

    /// `HTTP/1.1 304` then nothing, or a space and a reason phrase of visible characters,
    /// spaces and tabs.
    private static func isStatusLine(_ line: ArraySlice<UInt8>) -> Bool {
        guard line.starts(with: statusPrefix) else { return false }
        let rest = line.dropFirst(statusPrefix.count)
        guard let first = rest.first else { return true }
        return first == UInt8(ascii: " ") && rest.dropFirst().allSatisfy(isFieldValueByte)
    }

    /// `name: value` with a token name (no space before the colon, no folded line); the value
    /// trimmed of spaces and tabs. The name comes back lowercased.
    private static func field(_ line: ArraySlice<UInt8>) -> (String, String)? {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex else { return nil }
        let name = line[line.startIndex..<colon]
        guard name.allSatisfy(isTokenByte) else { return nil }
        var value = line[(colon + 1)...]
        guard value.allSatisfy(isFieldValueByte) else { return nil }
        while let first = value.first, first == 0x20 || first == 0x09 { value = value.dropFirst() }
        while let last = value.last, last == 0x20 || last == 0x09 { value = value.dropLast() }
        let lowercasedName = name.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 | 0x20 : $0 }
        return (String(decoding: lowercasedName, as: UTF8.self), String(decoding: value, as: UTF8.self))
    }

    /// Visible ASCII, space, tab, and obs-text (bytes ≥ 0x80): no other control character.
    private static func isFieldValueByte(_ byte: UInt8) -> Bool {
        byte == 0x09 || (byte >= 0x20 && byte != 0x7F)
    }

    /// RFC 9110 `tchar`.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
             UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
             UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
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
