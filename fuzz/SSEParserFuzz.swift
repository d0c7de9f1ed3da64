// Fuzz target "sse": SSEParser (Sources/A2A/SSE). Entry point: A2AFuzzEntry.swift.
//
// Oracle: the events must not depend on how the bytes are cut into chunks. The input is parsed
// whole, then again cut at points taken from its first bytes; both runs must report the same items.
// Small limits (also from the input) make the size-cap paths reachable.

func fuzzSSEParser(_ input: [UInt8]) {
    guard input.count >= 3 else { return }
    let limits = SSELimits(maxLineBytes: 8 + Int(input[0]) * 4, maxEventDataBytes: 16 + Int(input[1]) * 8)
    let step = 1 + Int(input[2] % 13)
    let body = Array(input[3...])

    var whole = SSEParser(limits: limits)
    var wholeItems: [SSEItem] = []
    whole.feed(body) { wholeItems.append($0) }
    whole.finish()

    var chunked = SSEParser(limits: limits)
    var chunkedItems: [SSEItem] = []
    var start = 0
    while start < body.count {
        let end = min(body.count, start + step)
        chunked.feed(Array(body[start..<end])) { chunkedItems.append($0) }
        start = end
    }
    chunked.finish()

    if wholeItems != chunkedItems || whole.lastEventID != chunked.lastEventID
        || whole.reconnectionTime != chunked.reconnectionTime {
        fatalError("SSE items depend on chunking (step \(step)): \(wholeItems) vs \(chunkedItems)")
    }
}
