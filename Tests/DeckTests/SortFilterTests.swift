import A2A
import Foundation
import Testing

@testable import Deck

@Suite struct SortFilterTests {
    /// Six tasks on alice, each updated one second after the previous.
    static func fleet() -> Harness {
        var h = Harness.standard()
        let states: [(String, TaskState)] = [
            ("done-1", .completed), ("ask-1", .inputRequired), ("run-1", .working),
            ("fail-1", .failed), ("auth-1", .authRequired), ("run-2", .working),
        ]
        for (id, s) in states {
            h.advance(1)
            h.discovered(id, s)
        }
        return h
    }

    func ids(_ h: Harness) -> [String] { h.state.visibleTasks(now: h.now).map(\.key.taskID) }

    @Test func attentionFirstByDefault() {
        let h = Self.fleet()
        #expect(h.state.ui.sort == .attention)
        #expect(ids(h) == ["auth-1", "ask-1", "fail-1", "run-2", "run-1", "done-1"])
    }

    @Test func otherOrders() {
        var h = Self.fleet()
        h.state.ui.sort = .updated
        #expect(ids(h) == ["run-2", "auth-1", "fail-1", "run-1", "ask-1", "done-1"])
        h.state.ui.sort = .state
        #expect(ids(h) == ["run-2", "run-1", "ask-1", "auth-1", "fail-1", "done-1"])
        h.state.ui.sort = .duration
        // Running tasks keep growing; the oldest running one is longest.
        #expect(ids(h).first == "ask-1" || ids(h).first == "run-1")
        #expect(ids(h).last == "done-1")
    }

    @Test func sortKeyCyclesAndColonSortSets() {
        var h = Self.fleet()
        h.key(.char("o"))
        #expect(h.state.ui.sort == .updated)
        h.key(.char(":"))
        h.type("sort agent")
        h.key(.enter)
        #expect(h.state.ui.sort == .agent)
    }

    @Test func selectionStaysOnTheSameTaskWhenRowsReSort() throws {
        var h = Self.fleet()
        h.state.ui.selectedTask = TaskKey(agentID: alice, taskID: "run-1")
        h.key(.char("j"))
        #expect(h.state.ui.selectedTask?.taskID == "done-1")
        h.key(.char("k"))
        #expect(h.state.ui.selectedTask?.taskID == "run-1")
        // run-2 asks for input: it moves to the top, the selection stays on run-1.
        h.advance(1)
        var entry = try #require(h.state.tasks[TaskKey(agentID: alice, taskID: "run-2")])
        entry.apply(statusEvent("run-2", .inputRequired), now: h.now)
        h.state.tasks[entry.key] = entry
        h.send(.tick)
        #expect(ids(h).first == "run-2")
        #expect(h.state.ui.selectedTask?.taskID == "run-1")
        #expect(h.state.viewModel(now: h.now).selectedTaskIndex == ids(h).firstIndex(of: "run-1"))
    }

    @Test func substringFilterAsTyped() {
        var h = Self.fleet()
        h.state.ui.selectedTask = TaskKey(agentID: alice, taskID: "done-1")
        h.key(.char("/"))
        h.type("RUN")
        #expect(Set(ids(h)) == ["run-1", "run-2"], "case-insensitive, applied while typing")
        #expect(h.state.ui.selectedTask?.taskID == ids(h).first, "a hidden selection moves to a visible row")
        h.key(.enter)
        #expect(h.state.ui.filter.query == "RUN")
        #expect(Set(ids(h)) == ["run-1", "run-2"])
    }

    @Test func regexFilter() {
        var h = Self.fleet()
        h.state.ui.filter.query = "/^(ask|auth)-\\d$/"
        #expect(Set(ids(h)) == ["ask-1", "auth-1"])
        h.state.ui.filter.query = "/input-req/"
        #expect(ids(h) == ["ask-1"], "state names are searched too")
    }

    @Test func invertedFilter() {
        var h = Self.fleet()
        h.state.ui.filter.query = "!run"
        #expect(Set(ids(h)) == ["done-1", "ask-1", "fail-1", "auth-1"])
        h.state.ui.filter.query = "!/(run|ask|fail|done|auth)-1/"
        #expect(ids(h) == ["run-2"])
    }

    @Test func invalidRegexMatchesNothingAndSaysSo() {
        var h = Self.fleet()
        h.state.ui.filter.query = "/(unclosed/"
        #expect(ids(h).isEmpty)
        #expect(h.state.viewModel(now: h.now).filterError != nil)
    }

    @Test func quickStateFilters() {
        var h = Self.fleet()
        h.key(.char("f"))
        #expect(h.state.ui.filter.states == .attention)
        #expect(Set(ids(h)) == ["ask-1", "auth-1", "fail-1"])
        h.key(.char("f"))
        #expect(Set(ids(h)) == ["run-1", "run-2"])
        h.key(.char("f"))
        #expect(Set(ids(h)) == ["done-1", "fail-1"])
        h.key(.char("f"))
        #expect(ids(h).count == 6)
    }

    @Test func escClearsTheFilterAndEnterOnAnAgentScopesTasks() {
        var h = Self.fleet()
        h.discovered("b-1", on: bob, .working)
        h.state.ui.focus = .agents
        h.state.ui.selectedAgent = bob
        h.key(.enter)
        #expect(h.state.ui.focus == .tasks)
        #expect(ids(h) == ["b-1"])
        h.key(.escape)
        #expect(ids(h).count == 7)
        h.state.ui.filter.query = "zzz"
        h.key(.escape)
        #expect(h.state.ui.filter.query.isEmpty)
    }
}

@Suite struct RetentionTests {
    @Test func oldestFinishedTasksBeyondTheBoundAreDropped() {
        var h = Harness.standard(maxFinished: 3)
        for i in 1...5 {
            h.advance(1)
            h.discovered("done-\(i)", .completed)
        }
        h.advance(1)
        h.discovered("run", .working)
        h.state.ui.selectedTask = TaskKey(agentID: alice, taskID: "run")
        h.send(.tick)
        let ids = Set(h.state.tasks.keys.map(\.taskID))
        #expect(ids == ["done-3", "done-4", "done-5", "run"])
    }

    @Test func runningTasksAndTheSelectionAreNeverDropped() {
        var h = Harness.standard(maxFinished: 0)
        h.discovered("old", .failed)
        h.advance(1)
        h.discovered("ask", .inputRequired)
        h.discovered("run", .working)
        h.state.ui.selectedTask = TaskKey(agentID: alice, taskID: "old")
        h.send(.tick)
        #expect(Set(h.state.tasks.keys.map(\.taskID)) == ["old", "ask", "run"])
        // Moving the selection off it (ask, old, run in attention order) lets it go.
        h.key(.char("j"))
        #expect(h.state.ui.selectedTask?.taskID == "run")
        #expect(Set(h.state.tasks.keys.map(\.taskID)) == ["ask", "run"])
    }

    @Test func tasksFinishingThroughStreamEventsStayWithinTheBound() throws {
        var h = Harness.standard(maxFinished: 2)
        h.discovered("watched", .working)
        h.state.ui.selectedTask = TaskKey(agentID: alice, taskID: "watched")
        var tags: [RequestTag] = []
        for i in 1...4 { tags.append(try h.dispatchedTask("t\(i)", .working)) }
        h.state.ui.selectedTask = TaskKey(agentID: alice, taskID: "watched")
        for (i, tag) in tags.enumerated() {
            h.advance(1)
            // A progress event finishes nothing; the final one does.
            h.send(.streamEvent(tag, statusEvent("t\(i + 1)", .working, "step")))
            h.send(.streamEvent(tag, statusEvent("t\(i + 1)", .completed)))
            let finished = h.state.tasks.values.filter { $0.state.isTerminal }.count
            #expect(finished == min(i + 1, 2))
        }
        #expect(Set(h.state.tasks.keys.map(\.taskID)) == ["watched", "t3", "t4"])
    }

    @Test func droppingATaskClosesItsStream() throws {
        var h = Harness.standard(maxFinished: 0)
        let tag = try h.dispatchedTask("t1", .working)
        h.discovered("other", .working)
        h.state.ui.selectedTask = TaskKey(agentID: alice, taskID: "other")
        // Completed while its stream is still technically open.
        let out = h.send(.streamEvent(tag, statusEvent("t1", .completed)))
        #expect(out.contains(.cancelStream(tag)))
        #expect(h.state.requests[tag] == nil)
    }
}
