import A2A
import Foundation
import Seeded
import Testing

@testable import Deck

/// Retention keeps an index of finished tasks instead of scanning every task; these tests hold it
/// to the scan (`Retention.keysToDrop`) over long seeded runs of dispatches, events and key presses.
@Suite struct RetentionIndexTests {
    /// Sends `msg`, and checks that the tasks kept are exactly those the scan would keep: the same
    /// message sent to a copy without retention, minus `keysToDrop` of that copy.
    static func sendChecked(_ h: inout Harness, _ msg: Msg, bound: Int) -> [Command] {
        var reference = h.state
        reference.config.maxFinishedTasks = Int.max
        _ = reference.update(msg, now: h.now)
        let expectedDrop = Retention.keysToDrop(reference, keep: bound, selected: reference.ui.selectedTask)
        let out = h.send(msg)
        #expect(Set(h.state.tasks.keys) == Set(reference.tasks.keys).subtracting(expectedDrop))
        return out
    }

    @Test(arguments: [1, 2, 3])
    func indexDropsWhatAScanWouldDrop(seed: UInt64) {
        let bound = 4
        var h = Harness.standard(maxFinished: bound)
        var random = SplitMix64(seed: seed)
        var streams: [(tag: RequestTag, id: String)] = []
        var dispatched = 0
        var dropped = 0
        for _ in 0..<400 {
            // Same-second updates are common: ties must break the same way too.
            if random.below(3) == 0 { h.advance(1) }
            switch random.below(6) {
            case 0:
                var out: [Command] = []
                let keys = [Msg.key(.char("n"))] + "@alice job".map { Msg.key(.char($0)) } + [.key(.enter)]
                for msg in keys {
                    out = Self.sendChecked(&h, msg, bound: bound)
                }
                guard let tag = out.first?.streamParts?.tag else {
                    Issue.record("dispatch sent nothing")
                    return
                }
                dispatched += 1
                let id = "t\(dispatched)"
                _ = Self.sendChecked(&h, .streamEvent(tag, .task(taskSnapshot(id, .submitted))), bound: bound)
                streams.append((tag, id))
            case 1, 2, 3:
                guard !streams.isEmpty else { continue }
                let (tag, id) = streams[random.below(streams.count)]
                let states: [TaskState] = [.working, .working, .completed, .failed, .canceled, .inputRequired]
                let before = h.state.tasks.count
                _ = Self.sendChecked(&h, .streamEvent(tag, statusEvent(id, states[random.below(states.count)], "step")), bound: bound)
                dropped += max(0, before - h.state.tasks.count)
            case 4:
                _ = Self.sendChecked(&h, .key(.char(random.below(2) == 0 ? "j" : "k")), bound: bound)
            default:
                guard !streams.isEmpty else { continue }
                let i = random.below(streams.count)
                _ = Self.sendChecked(&h, .streamEnded(streams[i].tag, .closed), bound: bound)
                streams.remove(at: i)
            }
            let finished = h.state.tasks.values.filter { $0.state.isTerminal && $0.key != h.state.ui.selectedTask }.count
            #expect(finished <= bound)
        }
        // The run did exercise retention.
        #expect(dispatched > 20)
        #expect(dropped > 0)
    }

    @Test func removingAnAgentTakesItsFinishedTasksOutOfTheIndex() throws {
        var h = Harness.standard(maxFinished: 10)
        for i in 1...3 {
            let tag = try h.dispatchedTask("a\(i)", .working)
            h.send(.streamEvent(tag, statusEvent("a\(i)", .completed)))
        }
        h.discovered("b1", on: bob, .completed)
        h.send(.tick)
        #expect(h.state.finishedTasks.count == 4)
        h.key(.char(":"))
        h.type("agent rm @Alice")
        h.key(.enter)
        #expect(h.state.tasks.count == 1)
        // Counted from the index, the three removed tasks would make retention drop live ones.
        #expect(h.state.finishedTasks.count == h.state.tasks.values.filter { $0.state.isTerminal }.count)
    }

    @Test func tasksAddedOutsideUpdateAreCountedOnTheNextMessage() {
        var h = Harness.standard(maxFinished: 1)
        h.discovered("a", .completed)
        h.advance(1)
        h.discovered("b", .completed)
        h.send(.tick)
        #expect(Set(h.state.tasks.keys.map(\.taskID)) == ["b"])
    }
}
