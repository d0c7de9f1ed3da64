import Foundation
import Testing

@testable import A2A

/// `TaskStatus` keeps its message out of line (a retained task holds its status for its whole life,
/// and the message is nil in nearly every finished one): the value semantics stay those of a plain
/// optional field.
@Suite struct TaskStatusStorageTests {
    private func message(_ text: String) -> Message {
        Message(messageID: "m-1", contextID: "ctx", taskID: "t", role: .agent, parts: [.text(text)])
    }

    @Test func equalMessagesMakeEqualStatusesWhateverTheirBoxes() {
        let a = TaskStatus(state: .working, message: message("halfway"))
        var b = TaskStatus(state: .working)
        b.message = message("halfway")  // another box, the same value
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        b.message = message("almost")
        #expect(a != b)
        b.message = nil
        #expect(b == TaskStatus(state: .working))
        #expect(a.message?.text == "halfway")
    }

    @Test func aCopyChangesAlone() {
        let original = TaskStatus(state: .working, message: message("one"))
        var copy = original
        copy.message = message("two")
        #expect(original.message?.text == "one")
        #expect(copy.message?.text == "two")
    }

    @Test func theMessageTakesOneReferenceInline() {
        #expect(MemoryLayout<TaskStatus>.size <= MemoryLayout<TaskState>.size + 8 + MemoryLayout<Date?>.size + 8)
        #expect(MemoryLayout<TaskStatus>.size < MemoryLayout<Message>.size)
    }
}
