import A2A
import Foundation
import Testing

@testable import Deck

/// Where a string's bytes are stored (nil: inline, no heap block).
private func storageAddress(of string: String) -> UInt? {
    guard string.utf8.count > 15 else { return nil }
    var s = string
    return s.withUTF8 { $0.baseAddress.map { UInt(bitPattern: $0) } }
}

/// A task the state starts keeping is keyed by a fresh copy of the id the decoder made (see
/// `FreshCopy`): every index that names the task shares that copy, never the decoder's string.
@Suite struct FreshKeyTests {
    @Test func aFreshKeyIsEqualWithTheSameHashInNewStorage() {
        let key = TaskKey(agentID: AgentID("a01"), taskID: "9f1c2d3e-aaaa-4bbb-8ccc-0123456789ab")
        let copy = key.freshCopy()
        #expect(copy == key)
        #expect(copy.hashValue == key.hashValue)
        #expect(storageAddress(of: copy.taskID) != storageAddress(of: key.taskID))
    }

    @Test func aDiscoveredTaskIsKeptUnderACopyOfTheListedID() throws {
        var h = Harness.standard(listPoll: 10)
        let list = try #require(h.state.requests.first { $0.value.purpose == .list(alice) })
        let running = "3c9d5e7f-1111-4222-8333-444455556666"
        let done = "0a1b2c3d-7777-4888-9999-aaaabbbbcccc"
        let page = TaskPage(tasks: [taskSnapshot(running, .working), taskSnapshot(done, .completed)])
        _ = h.send(.result(list.key, .success(.taskPage(page))))
        for listed in page.tasks {
            let index = try #require(h.state.tasks.index(forKey: TaskKey(agentID: alice, taskID: listed.id)))
            let storedKey = h.state.tasks.keys[index]
            let entry = h.state.tasks.values[index]
            #expect(storedKey.taskID == listed.id)
            #expect(storageAddress(of: storedKey.taskID) != storageAddress(of: listed.id))
            // The entry and its accumulator share the state's copy: one block per task.
            #expect(storageAddress(of: entry.key.taskID) == storageAddress(of: storedKey.taskID))
            #expect(storageAddress(of: entry.accumulator.taskID) == storageAddress(of: storedKey.taskID))
        }
        // The next poll restates both: nothing changes, the kept keys stay the state's copies.
        let keysBefore = h.state.tasks.keys.map { storageAddress(of: $0.taskID) }
        h.advance(10)
        let again = try #require(h.send(.tick).compactMap(\.callParts).first {
            if $0.agent == alice, case .list = $0.request { true } else { false }
        })
        _ = h.send(.result(again.tag, .success(.taskPage(TaskPage(tasks: [taskSnapshot(running, .working), taskSnapshot(done, .completed)])))))
        #expect(h.state.tasks.keys.map { storageAddress(of: $0.taskID) } == keysBefore)
    }
}
