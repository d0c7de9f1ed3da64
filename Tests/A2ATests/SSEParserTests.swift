import Foundation
import Testing
@testable import A2A

/// Size limits, comments, stream restarts and the framing of real a2a-sdk captures.
struct SSEParserTests {
    static func events(_ items: [SSEItem]) -> [SSEEvent] {
        items.compactMap { if case .event(let event) = $0 { return event } else { return nil } }
    }

    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    // MARK: Limits

    @Test(arguments: [nil, 1, 5] as [Int?])
    func tooLongLineIsReportedAndItsEventDiscarded(chunkSize: Int?) {
        var parser = SSEParser(limits: SSELimits(maxLineBytes: 16, maxEventDataBytes: 1024))
        let input = "data: short\n\nid: 9\ndata: " + String(repeating: "x", count: 100) + "\ndata: tail\r\n\r\ndata: after\r\n\r\n"
        let items = SSETestFeeding.feed(Self.bytes(input), chunkSize: chunkSize, into: &parser)
        #expect(items == [
            .event(SSEEvent(data: "short")),
            .error(.lineTooLong(limit: 16)),
            .event(SSEEvent(data: "after", lastEventID: "9")),
        ])
    }

    @Test(arguments: [nil, 1, 3] as [Int?])
    func tooLargeEventIsReportedAndDiscarded(chunkSize: Int?) {
        var parser = SSEParser(limits: SSELimits(maxLineBytes: 1024, maxEventDataBytes: 10))
        let input = "data: 12345\ndata: 67890\ndata: more\n\ndata: ok\n\n"
        let items = SSETestFeeding.feed(Self.bytes(input), chunkSize: chunkSize, into: &parser)
        #expect(items == [.error(.eventTooLarge(limit: 10)), .event(SSEEvent(data: "ok"))])
    }

    @Test func eventExactlyAtTheLimitIsAccepted() {
        // "12345\n6789" plus the internal trailing LF is 11 bytes: limit 11 passes, 10 fails.
        let input = Self.bytes("data: 12345\ndata: 6789\n\n")
        var roomy = SSEParser(limits: SSELimits(maxEventDataBytes: 11))
        #expect(SSETestFeeding.feed(input, chunkSize: nil, into: &roomy) == [.event(SSEEvent(data: "12345\n6789"))])
        var tight = SSEParser(limits: SSELimits(maxEventDataBytes: 10))
        #expect(SSETestFeeding.feed(input, chunkSize: nil, into: &tight) == [.error(.eventTooLarge(limit: 10))])
    }

    @Test func hugeLineDoesNotGrowMemoryUnbounded() {
        // 4 MiB without a line end against a 1 KiB cap: one error, then the stream recovers.
        var parser = SSEParser(limits: SSELimits(maxLineBytes: 1024))
        var items: [SSEItem] = []
        let block = [UInt8](repeating: 0x61, count: 64 * 1024)
        parser.feed(Self.bytes("data: ")) { items.append($0) }
        for _ in 0..<64 { parser.feed(block) { items.append($0) } }
        parser.feed(Self.bytes("\n\ndata: next\n\n")) { items.append($0) }
        #expect(items == [.error(.lineTooLong(limit: 1024)), .event(SSEEvent(data: "next"))])
    }

    @Test func errorDescriptionsNameTheLimit() {
        #expect(SSEError.lineTooLong(limit: 16).description.contains("16"))
        #expect(SSEError.eventTooLarge(limit: 8).description.contains("discarded"))
    }

    // MARK: Comments, retry, restart

    @Test func commentsAreReportedWithOneLeadingSpaceRemoved() {
        var parser = SSEParser()
        let items = SSETestFeeding.feed(Self.bytes(": ping - 1\r\n:raw\r\n:  two\r\n\r\n"), chunkSize: 2, into: &parser)
        #expect(items == [.comment("ping - 1"), .comment("raw"), .comment(" two")])
    }

    @Test func retryThatOverflowsIsIgnored() {
        var parser = SSEParser()
        _ = SSETestFeeding.feed(Self.bytes("retry: 250\nretry: 99999999999999999999999\n\n"), chunkSize: nil, into: &parser)
        #expect(parser.reconnectionTime == 250)
    }

    @Test func finishDropsThePartialEventButKeepsIdAndRetryForTheReconnect() {
        var parser = SSEParser()
        var items: [SSEItem] = []
        parser.feed(Self.bytes("id: 41\nretry: 900\ndata: done\n\nid: 42\ndata: half")) { items.append($0) }
        let droppedHalfEvent = parser.finish()
        #expect(droppedHalfEvent)
        #expect(parser.lastEventID == "41")
        #expect(parser.reconnectionTime == 900)
        // The reconnected stream may start with a BOM again; the old half event is gone.
        parser.feed([0xEF, 0xBB] + Self.bytes("")) { items.append($0) }
        parser.feed([0xBF] + Self.bytes("data: fresh\n\n")) { items.append($0) }
        let droppedAnything = parser.finish()
        #expect(!droppedAnything)
        #expect(Self.events(items) == [SSEEvent(data: "done", lastEventID: "41"), SSEEvent(data: "fresh", lastEventID: "41")])
    }

    @Test func partialBomSplitAcrossChunksThatIsNotABomIsKeptAsContent() {
        // EF BB then "x": not a BOM. The bytes become part of the field name, so the line is an
        // unknown field; the next line still parses.
        var parser = SSEParser()
        var items: [SSEItem] = []
        parser.feed([0xEF]) { items.append($0) }
        parser.feed([0xBB]) { items.append($0) }
        parser.feed(Self.bytes("x\ndata: y\n\n")) { items.append($0) }
        #expect(items == [.event(SSEEvent(data: "y"))])
    }

    @Test func crAtChunkEndThenLfIsOneLineEnd() {
        var parser = SSEParser()
        var items: [SSEItem] = []
        parser.feed(Self.bytes("data: a\r")) { items.append($0) }
        parser.feed(Self.bytes("\ndata: b\r")) { items.append($0) }
        parser.feed(Self.bytes("\n\r")) { items.append($0) }
        parser.feed(Self.bytes("\n")) { items.append($0) }
        #expect(items == [.event(SSEEvent(data: "a\nb"))])
    }

    @Test func rawBufferFeedMatchesArrayFeed() {
        let input = Self.bytes("event: e\r\ndata: 1\r\n\r\n")
        var viaArray = SSEParser()
        var fromArray: [SSEItem] = []
        viaArray.feed(input) { fromArray.append($0) }
        var viaPointer = SSEParser()
        var fromPointer: [SSEItem] = []
        input.withUnsafeBytes { raw in viaPointer.feed(raw) { fromPointer.append($0) } }
        #expect(fromArray == fromPointer)
        #expect(fromArray == [.event(SSEEvent(type: "e", data: "1"))])
    }

    // MARK: Real a2a-sdk captures

    static func fixture(_ name: String) throws -> [UInt8] {
        let url = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        return Array(try Data(contentsOf: url.appendingPathComponent(name)))
    }

    /// Drops an HTTP response head (status line and headers) when the capture has one.
    static func body(of capture: [UInt8]) -> [UInt8] {
        guard capture.starts(with: Array("HTTP/".utf8)) else { return capture }
        let separator = Array("\r\n\r\n".utf8)
        var index = 0
        while index + separator.count <= capture.count {
            if Array(capture[index..<(index + separator.count)]) == separator {
                return Array(capture[(index + separator.count)...])
            }
            index += 1
        }
        return []
    }

    @Test(arguments: [nil, 1, 7] as [Int?])
    func pingCaptureYieldsFiveEventsAndThePingComment(chunkSize: Int?) throws {
        var parser = SSEParser()
        let items = SSETestFeeding.feed(Self.body(of: try Self.fixture("ping-v10.txt")), chunkSize: chunkSize, into: &parser)
        #expect(items.count == 6)
        #expect(items.dropFirst(2).first == .comment("ping - 2026-11-27 03:11:27.375893+00:00"))
        let events = Self.events(items)
        #expect(events.count == 5)
        // The capture cut each data line short, then "\r\n": LF ends the data line, CRLF is the blank line.
        #expect(events.first?.data.hasPrefix("{\"result\": {\"task\": {\"id\": \"821a9e20") == true)
        #expect(events.allSatisfy { $0.type == "message" && !$0.data.contains("\r") })
    }

    /// Complete captures: every `data:` line is one JSON-RPC response (or bare REST StreamResponse).
    static let streamCaptures = [
        "stream-v10.txt", "stream-v03.txt", "v03sdk-stream.txt", "rest-stream-v10.txt", "rest-stream-v03.txt",
        "subscribe-v10.txt", "resubscribe-v03.txt", "helloworld-stream-v10.txt", "stream-ask-v10.txt",
        "stream-fail-v03.txt", "stream-followup-v10.txt", "v03sdk-resubscribe.txt", "v03sdk-resubscribe-complete.txt",
    ]

    @Test(arguments: streamCaptures)
    func captureFramingYieldsOneJsonObjectPerDataLine(file: String) throws {
        let body = Self.body(of: try Self.fixture(file))
        let dataLines = String(decoding: body, as: UTF8.self).components(separatedBy: "\r\n").filter { $0.hasPrefix("data:") }
        #expect(!dataLines.isEmpty)
        for chunkSize in [nil, 1, 7] as [Int?] {
            var parser = SSEParser()
            let items = SSETestFeeding.feed(body, chunkSize: chunkSize, into: &parser)
            let events = Self.events(items)
            #expect(events.count == dataLines.count, "\(file)")
            #expect(events.map(\.data) == dataLines.map { String($0.dropFirst(6)) }, "\(file)")
            for event in events {
                let object = try JSONSerialization.jsonObject(with: Data(event.data.utf8))
                #expect(object is [String: Any], "\(file)")
            }
        }
    }

    // MARK: Throughput (opt-in: AGENTDECK_BENCH=1; prints a figure, asserts only correctness)

    @Test(.enabled(if: ProcessInfo.processInfo.environment["AGENTDECK_BENCH"] != nil))
    func scannerThroughput() throws {
        let sample = Self.body(of: try Self.fixture("stream-v10.txt"))
        var stream: [UInt8] = []
        var copies = 0
        while stream.count < 64 << 20 {
            stream += sample
            copies += 1
        }
        let expectedEvents = copies * 9
        let chunk = 16 * 1024
        var parser = SSEParser()
        var count = 0
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            stream.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let end = min(offset + chunk, raw.count)
                    parser.feed(UnsafeRawBufferPointer(rebasing: raw[offset..<end])) { item in
                        if case .event = item { count += 1 }
                    }
                    offset = end
                }
            }
        }
        #expect(count == expectedEvents)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("SSE parser: \(stream.count >> 20) MiB, \(count) events in \(seconds) s = \(Double(stream.count) / seconds / 1e6) MB/s")
    }
}
