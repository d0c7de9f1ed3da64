/// One dispatched Server-Sent Event (WHATWG "event stream interpretation").
///
/// `lastEventID` is the parser's last-event-ID at dispatch time: it persists across events
/// (an `id:` line sets it until another `id:` line changes it), exactly like `MessageEvent.lastEventId`.
public struct SSEEvent: Sendable, Equatable {
    /// The `event:` field, or `"message"` when absent or empty.
    public var type: String
    /// The `data:` lines joined with LF (no trailing LF), as received: the stream decoder reads
    /// these bytes directly (`A2ACodec.decodeStreamData(_:[UInt8]…)`), with no String in between.
    public var dataBytes: [UInt8]
    /// The last event ID in effect when this event was dispatched (`""` when none).
    public var lastEventID: String

    /// `dataBytes` as text (invalid UTF-8 repaired with U+FFFD), made on each read.
    public var data: String {
        get { String(decoding: dataBytes, as: UTF8.self) }
        set { dataBytes = Array(newValue.utf8) }
    }

    public init(type: String = "message", data: String, lastEventID: String = "") {
        self.init(type: type, dataBytes: Array(data.utf8), lastEventID: lastEventID)
    }

    public init(type: String = "message", dataBytes: [UInt8], lastEventID: String = "") {
        self.type = type
        self.dataBytes = dataBytes
        self.lastEventID = lastEventID
    }

    /// Events are equal when they read the same: `data` as text, so bytes that UTF-8 repair turns
    /// into the same text compare equal, as they did when the parser kept a String.
    public static func == (a: SSEEvent, b: SSEEvent) -> Bool {
        a.type == b.type && a.lastEventID == b.lastEventID && (a.dataBytes == b.dataBytes || a.data == b.data)
    }
}

/// What the parser reports while it reads a stream.
public enum SSEItem: Sendable, Equatable {
    /// A complete event (terminated by a blank line).
    case event(SSEEvent)
    /// A comment line (`:` first). The text after the colon, one leading space removed:
    /// `: ping - 2026-…` arrives as `"ping - 2026-…"`. Reported so an idle watchdog can see keep-alives.
    case comment(String)
    /// A size limit was exceeded. The offending event is discarded; parsing continues with the next one.
    case error(SSEError)
}

/// A bounded-size violation. Agents are untrusted: a huge line or event must not exhaust memory.
public enum SSEError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A single line grew beyond `SSELimits.maxLineBytes`.
    case lineTooLong(limit: Int)
    /// The `data` of one event grew beyond `SSELimits.maxEventDataBytes`.
    case eventTooLarge(limit: Int)

    public var description: String {
        switch self {
        case .lineTooLong(let limit):
            return "SSE line longer than \(limit) bytes; event discarded"
        case .eventTooLarge(let limit):
            return "SSE event data larger than \(limit) bytes; event discarded"
        }
    }
}

/// Size caps for `SSEParser`.
public struct SSELimits: Sendable, Equatable {
    /// Longest accepted line, in bytes, without its line end.
    public var maxLineBytes: Int
    /// Largest accepted event payload (all `data` lines joined), in bytes.
    public var maxEventDataBytes: Int

    public init(maxLineBytes: Int = 1 << 20, maxEventDataBytes: Int = 8 << 20) {
        self.maxLineBytes = max(1, maxLineBytes)
        self.maxEventDataBytes = max(1, maxEventDataBytes)
    }
}
