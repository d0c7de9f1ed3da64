import A2A
import Deck
import Foundation
import Testing

@testable import AgentDeckCLI

/// The journal writer's batch buffer: kept between batches of a steady load, let go after a
/// burst's large batch is followed by a small one (an idle console must not keep it).
@Suite struct JournalLinesTests {
    private let redaction = JournalRedaction(secrets: [], agentURLs: [])

    private func raw(_ i: Int, bytes: Int) -> JournalEntry {
        let text = "{\"i\":\(i),\"text\":\"" + String(repeating: "x", count: bytes) + "\"}"
        return .raw(RawPayload(subject: .task(TaskKey(agentID: AgentID("a01"), taskID: "t-\(i)")), source: "event", text: text),
                    at: JournalClock.date(milliseconds: 1_000))
    }

    private func encode(_ count: Int, bytes: Int, into lines: inout JournalLines) {
        lines.removeAll()
        for i in 0..<count { lines.append(raw(i, bytes: bytes), redaction: redaction) }
    }

    @Test func aLargeBatchsBufferIsLetGoAfterASmallBatch() {
        var lines = JournalLines()
        encode(400, bytes: 8_000, into: &lines)  // ~3.2 MB: a burst
        let burst = lines.bytes.count
        #expect(burst > JournalLines.keptCapacity)
        lines.releaseIfOversized()
        #expect(lines.bytes.capacity >= burst)  // fully used: kept

        encode(380, bytes: 8_000, into: &lines)  // a steady load: about the same size
        lines.releaseIfOversized()
        #expect(lines.bytes.capacity >= burst)

        encode(3, bytes: 200, into: &lines)  // quiet
        let quietLines = lines.ends.count
        let quietBytes = Array(lines.bytes)
        lines.releaseIfOversized()
        #expect(lines.bytes.capacity < JournalLines.keptCapacity)
        #expect(quietLines == 3 && quietBytes.count > 600)  // what was encoded was complete before

        // Still usable: the next batch encodes the same lines as a fresh buffer would.
        encode(3, bytes: 200, into: &lines)
        var fresh = JournalLines()
        encode(3, bytes: 200, into: &fresh)
        #expect(lines.bytes == fresh.bytes)
        #expect(lines.ends == fresh.ends)
    }
}
