#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An incremental, byte-oriented Server-Sent Events parser following the WHATWG
/// "event stream interpretation" rules (see PROTOCOL.md §4).
///
/// Feed it chunks exactly as they come off the socket (curl's write callback); chunk
/// boundaries may fall anywhere, including between the CR and LF of a CRLF or inside a
/// UTF-8 sequence. It is synchronous and allocation-light on purpose: it runs on the
/// network thread, and hopping to another executor per chunk would cost far more than parsing.
///
///     var parser = SSEParser()
///     parser.feed(chunk) { item in ... }   // as bytes arrive
///     parser.finish()                      // at end of stream: an unterminated event is dropped
public struct SSEParser: Sendable {
    public let limits: SSELimits

    /// The last event ID string: updated at each blank line (event dispatch) from the most
    /// recent valid `id:` field. Send it as `Last-Event-ID` when reconnecting.
    public private(set) var lastEventID: String = ""
    /// The reconnection time in milliseconds from the last valid `retry:` field, nil if none seen.
    public private(set) var reconnectionTime: Int?

    // Line assembly.
    /// The start of a line whose end has not arrived yet.
    private var partialLine: [UInt8] = []
    /// The previous chunk ended in CR: an LF first in the next chunk completes that line end.
    private var skipLeadingLF = false
    /// The current line blew `maxLineBytes`: drop bytes until its end.
    private var skippingLongLine = false
    /// How many bytes of a leading UTF-8 BOM have been matched; nil once the stream start is past.
    private var bomBytesMatched: Int? = 0

    // Event assembly.
    private var dataBuffer: [UInt8] = []
    private var eventTypeBuffer: [UInt8] = []
    private var lastEventIDBuffer: String = ""
    /// A limit was hit inside the current event: ignore its fields and drop it at the blank line.
    private var discardingEvent = false

    public init(limits: SSELimits = SSELimits()) {
        self.limits = limits
    }

    /// Parses `bytes`, reporting every complete event, comment or limit error through `emit`.
    public mutating func feed(_ bytes: UnsafeRawBufferPointer, emit: (SSEItem) -> Void) {
        var start = 0
        if let matched = bomBytesMatched {
            start = consumeStreamStart(bytes, alreadyMatched: matched, emit: emit)
            if start == bytes.count { return }
        }
        scan(UnsafeRawBufferPointer(rebasing: bytes[start...]), emit: emit)
    }

    /// Parses `bytes`; see `feed(_:emit:)`.
    public mutating func feed(_ bytes: [UInt8], emit: (SSEItem) -> Void) {
        bytes.withUnsafeBytes { feed($0, emit: emit) }
    }

    /// Ends the stream. Per the spec a pending line or event without its terminating blank
    /// line is discarded. `lastEventID` and `reconnectionTime` survive (they are what a
    /// reconnect needs); everything else resets so the parser can read a fresh stream.
    /// - Returns: true when something incomplete was thrown away.
    @discardableResult
    public mutating func finish() -> Bool {
        let discarded = !partialLine.isEmpty || !dataBuffer.isEmpty || !eventTypeBuffer.isEmpty
            || skippingLongLine || discardingEvent || (bomBytesMatched ?? 0) > 0
        partialLine = []
        skipLeadingLF = false
        skippingLongLine = false
        bomBytesMatched = 0
        dataBuffer = []
        eventTypeBuffer = []
        discardingEvent = false
        // The spec keeps the id buffer across events; a new connection starts from the last
        // dispatched id, which is what `lastEventID` holds.
        lastEventIDBuffer = lastEventID
        return discarded
    }

    // MARK: - Stream start (BOM)

    private static let bom: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// Matches a leading BOM byte by byte (it may be split across chunks).
    /// Returns how many bytes of `bytes` were consumed here.
    private mutating func consumeStreamStart(
        _ bytes: UnsafeRawBufferPointer, alreadyMatched: Int, emit: (SSEItem) -> Void
    ) -> Int {
        var matched = alreadyMatched
        var index = 0
        while index < bytes.count {
            if bytes[index] == Self.bom[matched] {
                matched += 1
                index += 1
                if matched == Self.bom.count {
                    bomBytesMatched = nil
                    return index
                }
            } else {
                // Not a BOM: every byte matched so far is content. Those from earlier chunks
                // are replayed here; those in this chunk are rescanned by the caller from 0.
                bomBytesMatched = nil
                if alreadyMatched > 0 {
                    Self.bom[0..<alreadyMatched].withUnsafeBytes { scan($0, emit: emit) }
                }
                return 0
            }
        }
        bomBytesMatched = matched
        return index
    }

    // MARK: - Lines

    private static let lf: UInt8 = 0x0A
    private static let cr: UInt8 = 0x0D
    private static let colon: UInt8 = 0x3A
    private static let space: UInt8 = 0x20

    private mutating func scan(_ bytes: UnsafeRawBufferPointer, emit: (SSEItem) -> Void) {
        let count = bytes.count
        var index = 0
        if skipLeadingLF, count > 0 {
            skipLeadingLF = false
            if bytes[0] == Self.lf { index = 1 }
        }
        // Cached positions of the next LF / CR: each is searched (with memchr) at most once per
        // occurrence, so a chunk is scanned in linear time even when one of them never appears.
        var nextLF = -1
        var nextCR = -1
        while index < count {
            if nextLF < index { nextLF = Self.find(Self.lf, in: bytes, from: index) }
            if nextCR < index { nextCR = Self.find(Self.cr, in: bytes, from: index) }
            let lineEnd = min(nextLF, nextCR)
            if lineEnd == count {
                carry(UnsafeRawBufferPointer(rebasing: bytes[index..<count]), emit: emit)
                return
            }
            let piece = UnsafeRawBufferPointer(rebasing: bytes[index..<lineEnd])
            if partialLine.isEmpty && !skippingLongLine {
                if piece.count > limits.maxLineBytes {
                    reportLongLine(emit: emit)
                } else {
                    processLine(piece, emit: emit)
                }
            } else {
                carry(piece, emit: emit)
                if skippingLongLine {
                    skippingLongLine = false
                } else {
                    var line: [UInt8] = []
                    swap(&line, &partialLine)
                    line.withUnsafeBytes { processLine($0, emit: emit) }
                    line.removeAll(keepingCapacity: line.capacity <= 64 * 1024)
                    partialLine = line
                }
            }
            index = lineEnd + 1
            if bytes[lineEnd] == Self.cr {
                if index < count {
                    if bytes[index] == Self.lf { index += 1 }
                } else {
                    skipLeadingLF = true
                }
            }
        }
    }

    /// Index of the first `byte` at or after `from`, or `bytes.count` when there is none.
    private static func find(_ byte: UInt8, in bytes: UnsafeRawBufferPointer, from: Int) -> Int {
        guard let base = bytes.baseAddress, from < bytes.count else { return bytes.count }
        guard let hit = memchr(base + from, Int32(byte), bytes.count - from) else { return bytes.count }
        return base.distance(to: UnsafeRawPointer(hit))
    }

    /// Keeps the bytes of a line whose end has not been seen yet, enforcing the line limit.
    private mutating func carry(_ piece: UnsafeRawBufferPointer, emit: (SSEItem) -> Void) {
        if skippingLongLine { return }
        if partialLine.count + piece.count > limits.maxLineBytes {
            partialLine = []
            reportLongLine(emit: emit)
            skippingLongLine = true
            return
        }
        partialLine.append(contentsOf: piece)
    }

    private mutating func reportLongLine(emit: (SSEItem) -> Void) {
        emit(.error(.lineTooLong(limit: limits.maxLineBytes)))
        discardEvent()
    }

    private mutating func discardEvent() {
        discardingEvent = true
        dataBuffer = []
        eventTypeBuffer = []
    }

    // MARK: - Fields

    private mutating func processLine(_ line: UnsafeRawBufferPointer, emit: (SSEItem) -> Void) {
        if line.isEmpty {
            dispatch(emit: emit)
            return
        }
        if line[0] == Self.colon {
            emit(.comment(String(decoding: Self.value(line, after: 0), as: UTF8.self)))
            return
        }
        if discardingEvent { return }

        let colonIndex = line.firstIndex(of: Self.colon)
        let name = UnsafeRawBufferPointer(rebasing: line[0..<(colonIndex ?? line.count)])
        let value = colonIndex.map { Self.value(line, after: $0) } ?? UnsafeRawBufferPointer(rebasing: line[line.count...])

        if Self.isField(name, "data") {
            if dataBuffer.count + value.count + 1 > limits.maxEventDataBytes {
                emit(.error(.eventTooLarge(limit: limits.maxEventDataBytes)))
                discardEvent()
                return
            }
            dataBuffer.append(contentsOf: value)
            dataBuffer.append(Self.lf)
        } else if Self.isField(name, "event") {
            eventTypeBuffer = Array(value)
        } else if Self.isField(name, "id") {
            if !value.contains(0) {
                lastEventIDBuffer = String(decoding: value, as: UTF8.self)
            }
        } else if Self.isField(name, "retry") {
            if let millis = Self.parseDigits(value) { reconnectionTime = millis }
        }
        // Any other field name is ignored, as the spec requires.
    }

    /// Whether a field name is exactly `spelling`. Length first, then the bytes: the generic
    /// `elementsEqual` over a String's UTF-8 view cost ~1,300 instructions per event.
    @inline(__always)
    private static func isField(_ name: UnsafeRawBufferPointer, _ spelling: StaticString) -> Bool {
        let length = spelling.utf8CodeUnitCount
        guard name.count == length, let base = name.baseAddress else { return false }
        return memcmp(base, spelling.utf8Start, length) == 0
    }

    /// The bytes after the colon at `colonIndex`, with one leading space removed.
    private static func value(_ line: UnsafeRawBufferPointer, after colonIndex: Int) -> UnsafeRawBufferPointer {
        var start = colonIndex + 1
        if start < line.count, line[start] == space { start += 1 }
        return UnsafeRawBufferPointer(rebasing: line[start...])
    }

    /// A non-empty run of ASCII digits as an Int; nil for anything else (sign, fraction, overflow).
    private static func parseDigits(_ bytes: UnsafeRawBufferPointer) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 18 else { return nil }
        var result = 0
        for byte in bytes {
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            result = result * 10 + Int(byte - 0x30)
        }
        return result
    }

    private mutating func dispatch(emit: (SSEItem) -> Void) {
        lastEventID = lastEventIDBuffer
        if discardingEvent {
            discardingEvent = false
            return
        }
        defer {
            dataBuffer.removeAll(keepingCapacity: dataBuffer.capacity <= 64 * 1024)
            eventTypeBuffer.removeAll(keepingCapacity: true)
        }
        guard !dataBuffer.isEmpty else { return }
        dataBuffer.removeLast()  // the LF appended after the last data line
        let type = eventTypeBuffer.isEmpty ? "message" : String(decoding: eventTypeBuffer, as: UTF8.self)
        // The buffer itself, not a String made from it: the decoder reads bytes. A listener that
        // lets the event go before returning leaves the buffer unshared, so the `defer` above
        // empties it in place and nothing was copied; one that keeps the event keeps this array.
        emit(.event(SSEEvent(type: type, dataBytes: dataBuffer, lastEventID: lastEventIDBuffer)))
    }
}
