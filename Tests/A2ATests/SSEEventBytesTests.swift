import Testing

@testable import A2A

/// The parser hands the decoder the `data` bytes as received (no String in between); `data` reads
/// them as text, and events compare as text, as they did when the parser made a String.
@Suite struct SSEEventBytesTests {
    static func events(_ bytes: [UInt8]) -> [SSEEvent] {
        var parser = SSEParser()
        var events: [SSEEvent] = []
        parser.feed(bytes) { item in
            if case .event(let event) = item { events.append(event) }
        }
        return events
    }

    @Test func dataBytesAreTheJoinedDataLines() {
        let events = Self.events(Array("data: {\"a\":\ndata: 1}\n\nevent: error\ndata:x\n\n".utf8))
        #expect(events.map(\.dataBytes) == [Array("{\"a\":\n1}".utf8), Array("x".utf8)])
        #expect(events.map(\.data) == ["{\"a\":\n1}", "x"])
        #expect(events.map(\.type) == ["message", "error"])
    }

    @Test func invalidUTF8IsKeptAsBytesAndRepairedAsText() {
        let events = Self.events([0x64, 0x61, 0x74, 0x61, 0x3A, 0x20, 0xFF, 0x41, 0x0A, 0x0A])
        #expect(events.first?.dataBytes == [0xFF, 0x41])
        #expect(events.first?.data == "\u{FFFD}A")
        #expect(events.first == SSEEvent(data: "\u{FFFD}A"))
        #expect(SSEEvent(data: "B") != SSEEvent(data: "\u{FFFD}A"))
    }

    @Test func aKeptEventKeepsItsBytesWhileTheParserGoesOn() {
        // The parser reuses its buffer when the listener lets the event go; one it keeps must not change.
        let events = Self.events(Array("data: first event\n\ndata: 2nd\n\ndata: third one, longer than the others\n\n".utf8))
        #expect(events.map(\.data) == ["first event", "2nd", "third one, longer than the others"])
    }

    @Test func settingDataSetsTheBytes() {
        var event = SSEEvent(dataBytes: [0x31])
        event.data = "é"
        #expect(event.dataBytes == [0xC3, 0xA9])
    }

    @Test func theBytesEntryDecodesAsTheStringEntry() {
        let data = #"{"jsonrpc":"2.0","id":1,"result":{"kind":"status-update","taskId":"t","status":{"state":"working"},"final":false}}"#
        let endpoint = Endpoint(url: "http://127.0.0.1:1/", dialect: .v03)
        let fromBytes = A2ACodec.decodeStreamData(Array(data.utf8), eventType: "message", endpoint: endpoint, context: StreamContext())
        let fromText = A2ACodec.decodeStreamData(data, eventType: "message", endpoint: endpoint, context: StreamContext())
        #expect(fromBytes == fromText)
        guard case .success(let events) = fromBytes, case .status(let update)? = events.first else {
            Issue.record("not a status update: \(fromBytes)")
            return
        }
        #expect(update.taskID == "t" && update.status.state == .working)
    }
}
