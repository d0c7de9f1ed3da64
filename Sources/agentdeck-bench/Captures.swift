import A2A
import Foundation

/// A recorded A2A stream (HTTP response captured from a real a2a-sdk server) and the task id it
/// carries, so it can be replayed under fresh ids.
struct Capture {
    let name: String
    let dialect: Dialect
    /// The SSE body after the HTTP head, split where the server flushed: one event per chunk.
    let chunks: [String]
    let taskID: String
    let contextID: String

    /// Events in one replay (SSE `data` events).
    var eventCount: Int { chunks.count }
    /// Bytes in one replay (fresh ids have the length of the recorded ones).
    var byteCount: Int { chunks.reduce(0) { $0 + $1.utf8.count } }

    static func load(_ file: String, dialect: Dialect) throws -> Capture {
        let url = fixturesDirectory().appendingPathComponent(file)
        let text = try String(contentsOf: url, encoding: .utf8)
        guard let headEnd = text.range(of: "\r\n\r\n") else { throw BenchError("\(file): no HTTP head") }
        let body = String(text[headEnd.upperBound...])
        let separator = body.contains("\r\n\r\n") ? "\r\n\r\n" : "\n\n"
        let chunks = body.components(separatedBy: separator)
            .filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
            .map { $0 + separator }
        guard let taskID = firstValue(of: "taskId", in: body), let contextID = firstValue(of: "contextId", in: body) else {
            throw BenchError("\(file): no taskId/contextId")
        }
        return Capture(name: file, dialect: dialect, chunks: chunks, taskID: taskID, contextID: contextID)
    }

    /// The chunks of one replay with the task and context ids replaced by fresh ones of the same length.
    func replay(number: Int) -> [[UInt8]] {
        let freshTask = Self.freshID(like: taskID, number: number, salt: 0x7A5C)
        let freshContext = Self.freshID(like: contextID, number: number, salt: 0xC0E7)
        return chunks.map {
            Self.replacing(Array(contextID.utf8), with: Array(freshContext.utf8),
                           in: Self.replacing(Array(taskID.utf8), with: Array(freshTask.utf8), in: Array($0.utf8)))
        }
    }

    /// Every occurrence of `old` in `bytes` replaced by `new`, on bytes (Foundation's
    /// `replacingOccurrences` made this untimed setup 80 % of a profile of the ingest bench).
    static func replacing(_ old: [UInt8], with new: [UInt8], in bytes: [UInt8]) -> [UInt8] {
        guard !old.isEmpty, bytes.count >= old.count else { return bytes }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if i + old.count <= bytes.count, bytes[i] == old[0], bytes[i..<(i + old.count)].elementsEqual(old) {
                out.append(contentsOf: new)
                i += old.count
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return out
    }

    /// A UUID-shaped id derived from a number: distinct per replay, same shape as the original.
    static func freshID(like original: String, number: Int, salt: Int) -> String {
        let hex = String(format: "%08x%04x%020x", number, salt, number &* 2654435761 & 0xFFFF_FFFF)
        var out = ""
        var digits = hex.makeIterator()
        for c in original { out.append(c == "-" ? "-" : (digits.next() ?? "0")) }
        return out
    }

    private static func firstValue(of key: String, in body: String) -> String? {
        for pattern in ["\"\(key)\": \"", "\"\(key)\":\""] {
            guard let r = body.range(of: pattern) else { continue }
            let rest = body[r.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { return nil }
            return String(rest[..<end])
        }
        return nil
    }

    /// `Tests/A2ATests/Fixtures` of the checkout: $AGENTDECK_REPO, else the working directory.
    static func fixturesDirectory() -> URL {
        let root = ProcessInfo.processInfo.environment["AGENTDECK_REPO"] ?? FileManager.default.currentDirectoryPath
        return URL(fileURLWithPath: root).appendingPathComponent("Tests/A2ATests/Fixtures")
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
