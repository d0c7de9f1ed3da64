import Foundation
import Testing

@testable import A2A

/// Where a string's bytes are stored (nil: inline, no heap block): two equal strings with
/// different addresses are two heap blocks.
func storageAddress(of string: String) -> UInt? {
    guard string.utf8.count > 15 else { return nil }
    var s = string
    return s.withUTF8 { $0.baseAddress.map { UInt(bitPattern: $0) } }
}

/// `FreshCopy` gives equal values in new storage (so a finished task's fields do not keep the
/// network thread's heap pages resident), and a packed task keeps only such copies.
@Suite struct FreshCopyTests {
    @Test func stringsAreEqualInNewStorage() {
        for original in ["9f1c2d3e-aaaa-4bbb-8ccc-0123456789ab", "ünïcödé text with emoji 🚀🚀 and more", String(repeating: "x", count: 5_000)] {
            let copy = FreshCopy.of(original)
            #expect(copy == original)
            #expect(Array(copy.utf8) == Array(original.utf8))
            #expect(storageAddress(of: copy) != storageAddress(of: original))
        }
        // Inline strings have no heap block: nothing to copy, the same value back.
        #expect(FreshCopy.of("short-id") == "short-id")
        #expect(FreshCopy.of("") == "")
        // Another Unicode spelling stays that spelling (byte for byte, not just `==`).
        let decomposed = "e\u{301}" + String(repeating: "é", count: 20)
        #expect(Array(FreshCopy.of(decomposed).utf8) == Array(decomposed.utf8))
    }

    /// What a packed task keeps outside its packing (context id, status text) is a fresh copy,
    /// equal to what was decoded; the task reads back identical.
    @Test func aPackedTaskKeepsFreshCopiesOfItsFields() throws {
        let id = "6b1f4e2a-0c3d-4e5f-8a9b-112233445566"
        let context = "ctx-7d2e9c41-5b6a-4f3e-9d8c-aabbccddeeff"
        let statusText = "all four steps done, report attached below"
        let metadata = try JSONParser.parse(#"{"progress":100,"note":"a metadata string long enough to be a heap block"}"#)
        var accumulator = TaskAccumulator(taskID: id)
        accumulator.apply(.artifact(ArtifactUpdate(
            taskID: id, contextID: context, artifact: Artifact(artifactID: "report", parts: [.text("some report text")]),
            append: false, lastChunk: true)))
        let status = TaskStatus(state: .completed, message: Message(messageID: "m-1", role: .agent, parts: [.text(statusText)]))
        accumulator.apply(.status(StatusUpdate(taskID: id, contextID: context, status: status, metadata: metadata)))
        let before = accumulator
        #expect(storageAddress(of: try #require(before.contextID)) == storageAddress(of: context))
        #expect(storageAddress(of: try #require(before.statusText)) == storageAddress(of: statusText))

        accumulator.compact()
        #expect(accumulator.isCompacted)
        #expect(accumulator == before)
        #expect(accumulator.task == before.task)
        let keptContext = try #require(accumulator.contextID)
        let keptText = try #require(accumulator.statusText)
        #expect(keptContext == context && keptText == statusText)
        #expect(storageAddress(of: keptContext) != storageAddress(of: context))
        #expect(storageAddress(of: keptText) != storageAddress(of: statusText))
        #expect(accumulator.task.metadata == metadata)
    }
}
