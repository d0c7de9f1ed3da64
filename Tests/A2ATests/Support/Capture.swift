import Foundation
import Testing

@testable import A2A

/// A wire capture from `Fixtures/`: either a whole HTTP response (status line, headers, body) or
/// just a body. Bodies are de-chunked when they are really chunk-framed (some captures say
/// `Transfer-Encoding: chunked` but hold the already de-chunked body).
struct Capture {
    var name: String
    var httpStatus: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    var isEventStream: Bool {
        if let type = header("content-type") { return type.lowercased().hasPrefix("text/event-stream") }
        return body.starts(with: Array("data:".utf8)) || body.starts(with: Array(":".utf8))
    }

    static func load(_ name: String) throws -> Capture {
        let url = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil)).appendingPathComponent(name)
        return parse(name: name, bytes: Array(try Data(contentsOf: url)))
    }

    static func allNames() throws -> [String] {
        let dir = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return try FileManager.default.contentsOfDirectory(atPath: dir.path)
            .filter { $0 != "sse-conformance.json" }
            .sorted()
    }

    static func parse(name: String, bytes: [UInt8]) -> Capture {
        guard bytes.starts(with: Array("HTTP/".utf8)), let end = find([13, 10, 13, 10], in: bytes) else {
            return Capture(name: name, httpStatus: 200, headers: [], body: bytes)
        }
        let head = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let statusParts = head[0].split(separator: " ")
        let status = statusParts.count > 1 ? Int(statusParts[1]) ?? 0 : 0
        var headers: [(String, String)] = []
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.append((String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        var capture = Capture(name: name, httpStatus: status, headers: headers, body: Array(bytes[(end + 4)...]))
        if capture.header("transfer-encoding")?.lowercased() == "chunked", let plain = dechunk(capture.body) {
            capture.body = plain
        }
        return capture
    }

    /// Undoes chunked transfer-encoding; nil when the body is not chunk-framed.
    static func dechunk(_ body: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = []
        var i = 0
        while i < body.count {
            guard let lineEnd = find([13, 10], in: body, from: i) else { return nil }
            let sizeText = String(decoding: body[i..<lineEnd], as: UTF8.self).split(separator: ";").first ?? ""
            guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16) else { return nil }
            i = lineEnd + 2
            if size == 0 { return out }
            guard i + size + 2 <= body.count else { return nil }
            out.append(contentsOf: body[i..<(i + size)])
            i += size + 2
        }
        return out
    }

    static func find(_ needle: [UInt8], in hay: [UInt8], from start: Int = 0) -> Int? {
        guard hay.count >= needle.count else { return nil }
        var i = start
        while i + needle.count <= hay.count {
            if hay[i] == needle[0] && Array(hay[i..<(i + needle.count)]) == needle { return i }
            i += 1
        }
        return nil
    }
}

/// The `data` events of an SSE body, through the real `SSEParser` (comments and keep-alives are
/// skipped; an unterminated event at the end is discarded, as the parser does).
struct TestSSEEvent: Equatable {
    var type: String
    var data: String
}

func splitSSE(_ bytes: [UInt8]) -> [TestSSEEvent] {
    var parser = SSEParser()
    var events: [TestSSEEvent] = []
    parser.feed(bytes) { item in
        if case .event(let event) = item { events.append(TestSSEEvent(type: event.type, data: event.data)) }
    }
    _ = parser.finish()
    return events
}
