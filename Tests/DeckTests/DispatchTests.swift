import A2A
import Foundation
import Testing

@testable import Deck

@Suite struct DispatchTests {
    @Test func dispatchShowsAPendingSelectedRowAtOnceAndStreams() throws {
        var h = Harness.standard()
        let out = h.dispatch("@alice #summarize condense the report")

        #expect(out.count == 1)
        let parts = try #require(out.first?.streamParts)
        #expect(parts.agent == alice)
        guard case .stream(let params) = parts.request else {
            Issue.record("expected a streaming send, got \(parts.request)")
            return
        }
        #expect(params.message.text == "condense the report")
        #expect(params.skillID == "summarize")
        #expect(params.message.taskID == nil)
        #expect(params.message.role == .user)

        let row = try #require(h.selected)
        #expect(row.isPlaceholder)
        #expect(row.state == .submitted)
        #expect(row.origin == .dispatched)
        #expect(row.requestText == "condense the report")
        #expect(row.skillID == "summarize")
        #expect(row.stream == .live)
        #expect(h.state.ui.prompt == nil)
        #expect(h.state.viewModel(now: h.now).tasks.first?.key == row.key)
    }

    @Test func firstEventGivesTheRealIdAndSelectionFollows() throws {
        var h = Harness.standard()
        let tag = try #require(h.dispatch("@alice hello").first?.streamParts?.tag)
        let placeholder = try #require(h.state.ui.selectedTask)

        h.send(.streamOpened(tag))
        h.advance(1)
        h.send(.streamEvent(tag, .task(taskSnapshot("task-42", context: "ctx-9", .submitted))))

        let key = TaskKey(agentID: alice, taskID: "task-42")
        #expect(h.state.tasks[placeholder] == nil)
        let entry = try #require(h.state.tasks[key])
        #expect(!entry.isPlaceholder)
        #expect(entry.contextID == "ctx-9")
        #expect(entry.requestText == "hello")
        #expect(h.state.ui.selectedTask == key)
        #expect(h.state.requests[tag]?.purpose == .dispatch(key))
    }

    @Test func eventsUpdateTheTaskAndItsTimeline() throws {
        var h = Harness.standard()
        let tag = try h.dispatchedTask("t1", .submitted)
        h.advance(2)
        h.send(.streamEvent(tag, statusEvent("t1", .working, "thinking")))
        h.advance(3)
        h.send(.streamEvent(tag, statusEvent("t1", .completed, "done")))
        h.send(.streamEnded(tag, .closed))

        let entry = try #require(h.state.tasks[TaskKey(agentID: alice, taskID: "t1")])
        #expect(entry.state == .completed)
        #expect(entry.statusText == "done")
        #expect(entry.timeline.transitions.map(\.state) == [.submitted, .working, .completed])
        #expect(entry.timeline.timeIn(.working, now: h.now) == 3)
        #expect(entry.timeline.totalDuration(now: h.now.addingTimeInterval(100)) == 5)
        #expect(entry.stream == .ended)
        #expect(h.state.requests[tag] == nil)
    }

    @Test func nonStreamingAgentGetsANonBlockingSendThenPolls() throws {
        var h = Harness.standard()
        let out = h.dispatch("@bob translate this")
        let parts = try #require(out.first?.callParts)
        guard case .send(let params) = parts.request else {
            Issue.record("expected send, got \(parts.request)")
            return
        }
        #expect(params.blocking == false)
        #expect(h.selected?.isPolled == true)

        h.send(.result(parts.tag, .success(.task(taskSnapshot("b1", .working)))))
        let key = TaskKey(agentID: bob, taskID: "b1")
        #expect(h.state.ui.selectedTask == key)
        #expect(h.state.deadlines[.taskPoll(key)] == h.now.addingTimeInterval(h.state.config.taskPollInterval))

        // Nothing is due yet.
        h.advance(1)
        #expect(h.send(.tick).isEmpty)
        h.advance(1)
        let poll = try #require(h.send(.tick).first?.callParts)
        #expect(poll.request == .get(taskID: "b1", historyLength: nil))

        h.send(.result(poll.tag, .success(.task(taskSnapshot("b1", .completed)))))
        #expect(h.state.tasks[key]?.state == .completed)
        #expect(h.state.deadlines[.taskPoll(key)] == nil)
    }

    @Test func aDirectMessageAnswerCompletesThePendingRow() throws {
        var h = Harness.standard()
        let tag = try #require(h.dispatch("@alice hi").first?.streamParts?.tag)
        let reply = Message(messageID: "r1", role: .agent, parts: [.text("hello back")])
        h.send(.streamEvent(tag, .message(reply)))
        h.send(.streamEnded(tag, .closed))
        let entry = try #require(h.selected)
        #expect(entry.state == .completed)
        #expect(entry.statusText == "hello back")
        // Nothing to reconcile: no get was emitted for a task that never existed.
        #expect(h.state.requests.isEmpty)
    }

    @Test func aFailedSendMarksThePendingRowFailedWithTheReason() throws {
        var h = Harness.standard()
        let tag = try #require(h.dispatch("@alice hi").first?.streamParts?.tag)
        let out = h.send(.streamEnded(tag, .failed(.transport("connection refused"))))
        #expect(out.isEmpty)
        let entry = try #require(h.selected)
        #expect(entry.lastError == "connection refused")
        #expect(entry.state == .failed)
        #expect(h.state.ui.status?.kind == .error)
    }

    @Test func v01AgentsGetAClientChosenTaskID() throws {
        var h = Harness.standard(bobDialect: .v01)
        let parts = try #require(h.dispatch("@bob hola").first?.callParts)
        guard case .send(let params) = parts.request else {
            Issue.record("expected send")
            return
        }
        let id = try #require(params.message.taskID)
        #expect(h.state.ui.selectedTask == TaskKey(agentID: bob, taskID: id))
        #expect(h.selected?.isPlaceholder == false)
    }

    @Test func plainTextGoesToTheSelectedAgent() throws {
        var h = Harness.standard()
        h.key(.backTab)  // tasks → agents
        #expect(h.state.ui.focus == .agents)
        h.key(.char("j"))  // alice → bob
        #expect(h.state.ui.selectedAgent == bob)
        let parts = try #require(h.dispatch("bonjour").first?.callParts)
        #expect(parts.agent == bob)
    }

    @Test func emptyLineOrNoAgentSendsNothing() {
        var h = Harness.standard()
        h.state.ui.selectedAgent = nil
        h.state.ui.focus = .agents
        #expect(h.dispatch("nobody to send to").isEmpty)
        #expect(h.state.ui.status?.kind == .error)
        #expect(h.state.tasks.isEmpty)
        h.state.ui.selectedAgent = alice
        #expect(h.dispatch("   ").isEmpty)
        #expect(h.state.tasks.isEmpty)
    }

    @Test func messageIDsAreDeterministicForASeed() {
        var a = Harness.standard()
        var b = Harness.standard()
        #expect(a.dispatch("@alice x") == b.dispatch("@alice x"))
        #expect(a.state == b.state)
    }
}
