import A2A
import Foundation
import Seeded
import Testing

@testable import Deck

/// The view takes the tasks pane's order and the task counts from `TaskOrderIndex` instead of
/// computing them from every task; these tests hold the index to that computation
/// (`visibleTaskWindow`) after every message of long seeded runs.
@Suite struct TaskOrderIndexTests {
    /// Checks the index's pane and counts against the full computation, and the whole view model
    /// against one built with the index bypassed. Returns whether the index served at all.
    @discardableResult
    static func checkAgainstFullComputation(_ state: DeckState, now: Date, reach: Int) -> Bool {
        guard let indexed = state.indexedTaskPane(reach: reach) else { return false }
        var byAgent: [AgentID: AgentRow.TaskCounts] = [:]
        var byState: [TaskState: Int] = [:]
        let full = state.visibleTaskWindow(reach: reach, now: now) { t in
            byAgent[t.agentID, default: .init()].add(t.state)
            byState[t.state, default: 0] += 1
        }
        #expect(indexed.window == full)
        #expect(indexed.counts.byState == byState)
        for agent in Set(byAgent.keys).union(indexed.counts.byAgent.keys) {
            #expect(indexed.counts.byAgent[agent] ?? .init() == byAgent[agent] ?? .init())
        }
        var bypassed = state
        bypassed.taskOrder.tasksChangedOutside = true
        #expect(bypassed.indexedTaskPane(reach: reach) == nil)
        #expect(state.viewModel(now: now) == bypassed.viewModel(now: now))
        return true
    }

    /// Task ids of several shapes: short ASCII, long ASCII sharing their first 8 bytes (the
    /// prefix the index compares first), and non-ASCII (compared as strings).
    static func taskID(_ n: Int, _ random: inout SplitMix64) -> String {
        switch random.below(3) {
        case 0: "t\(n)"
        case 1: "task-000\(n % 7)-\(n)"
        default: "tâche-\(n)"
        }
    }

    @Test(arguments: [(1, 2), (2, 5), (3, 256), (4, 1)] as [(UInt64, Int)])
    func indexAgreesWithTheFullComputationAfterEveryMessage(seed: UInt64, foldThreshold: Int) {
        var h = Harness.standard(maxFinished: 6)
        h.state.taskOrder.foldThreshold = foldThreshold
        var random = SplitMix64(seed: seed)
        var streams: [(tag: RequestTag, id: String)] = []
        var made = 0
        var served = 0
        let reaches = [0, 1, 3, 1000]
        for _ in 0..<500 {
            // Mostly the same second: ties on `updatedAt` must break the same way too.
            if random.below(4) == 0 { h.advance(1) }
            switch random.below(12) {
            case 0, 1:
                let out = h.dispatch("@alice job")
                guard let tag = out.first?.streamParts?.tag else { continue }
                made += 1
                let id = Self.taskID(made, &random)
                h.send(.streamEvent(tag, .task(taskSnapshot(id, .submitted))))
                streams.append((tag, id))
            case 2, 3, 4:
                guard !streams.isEmpty else { continue }
                let (tag, id) = streams[random.below(streams.count)]
                let states: [TaskState] = [.working, .working, .completed, .failed, .canceled, .inputRequired, .rejected]
                h.send(.streamEvent(tag, statusEvent(id, states[random.below(states.count)], "step \(random.below(9))")))
            case 5:
                h.key(.char(["j", "k", "g", "G"][random.below(4)]))
            case 6:
                guard !streams.isEmpty else { continue }
                let i = random.below(streams.count)
                h.send(.streamEnded(streams[i].tag, .closed))
                streams.remove(at: i)
            case 7:
                // Every order, including those the index does not keep (agent, duration).
                h.key(.char("o"))
            case 8:
                // Each state filter in turn, back to none: the index steps aside while one is on.
                for _ in StateFilter.allCases {
                    h.key(.char("f"))
                    Self.checkAgainstFullComputation(h.state, now: h.now, reach: 3)
                }
            case 9:
                // Written into `tasks` directly, as fixtures do: the index must notice.
                made += 1
                h.discovered(Self.taskID(made, &random), on: bob, [.working, .completed, .inputRequired][random.below(3)])
            case 10:
                // A list poll finds the task before its stream names it: the placeholder merges
                // into the found task (its row goes), instead of being renamed.
                let out = h.dispatch("@alice job")
                guard let tag = out.first?.streamParts?.tag else { continue }
                made += 1
                let id = Self.taskID(made, &random)
                if random.below(2) == 0 { h.send(.tick) }  // the placeholder's row indexed first, or not
                h.discovered(id, on: alice, [.working, .completed][random.below(2)])
                h.send(.streamEvent(tag, statusEvent(id, .working, "found first")))
                streams.append((tag, id))
            default:
                h.send(.tick)
            }
            if Self.checkAgainstFullComputation(h.state, now: h.now, reach: reaches[random.below(reaches.count)]) { served += 1 }
        }
        // The run exercised the index, with tasks coming and (retention) going.
        #expect(served > 150)
        #expect(made > 50)
        #expect(h.state.tasks.count < made)
    }

    @Test func aTaskChangedOutsideUpdateIsNotServedStale() throws {
        var h = Harness.standard()
        _ = try h.dispatchedTask("a", .working)
        h.advance(1)
        _ = try h.dispatchedTask("b", .working)
        h.send(.tick)
        #expect(Self.checkAgainstFullComputation(h.state, now: h.now, reach: 5))
        // A fixture finishes "a" behind update's back: the view must not use the old order.
        let key = TaskKey(agentID: alice, taskID: "a")
        h.advance(1)
        h.state.tasks[key]?.apply(statusEvent("a", .inputRequired), now: h.now)
        #expect(h.state.indexedTaskPane(reach: 5) == nil)
        let window = h.state.visibleTaskWindow(reach: 5, now: h.now)
        #expect(window.keys.first == key)  // waiting on a human: first in attention order
        // The next message rebuilds the index, which serves again.
        h.send(.tick)
        #expect(Self.checkAgainstFullComputation(h.state, now: h.now, reach: 5))
        #expect(h.state.indexedTaskPane(reach: 5)?.window.keys.first == key)
    }

    @Test func foldingFreesTheSlotsOfRemovedTasks() throws {
        var h = Harness.standard(maxFinished: 1)
        h.state.taskOrder.foldThreshold = 1
        for i in 0..<20 {
            let tag = try h.dispatchedTask("x\(i)", .working)
            h.send(.streamEvent(tag, statusEvent("x\(i)", .completed)))
            h.advance(1)
        }
        h.send(.tick)
        // Retention keeps one finished task (plus the selected one): the slots of the others were
        // freed and reused, not grown to one per task ever seen.
        #expect(h.state.tasks.count <= 2)
        #expect(h.state.taskOrder.keys.count < 10)
        #expect(Self.checkAgainstFullComputation(h.state, now: h.now, reach: 5))
    }
}
