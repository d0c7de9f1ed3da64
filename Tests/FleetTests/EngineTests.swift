import Foundation
import Testing
@testable import FleetKit

@Suite struct EngineTests {
    private func userMessage(_ text: String, taskId: String? = nil, contextId: String? = nil) -> Message {
        Message(messageId: UUID().uuidString, contextId: contextId, taskId: taskId, role: .user, parts: [.text(text)])
    }

    private func collect(_ events: AsyncStream<TaskEvent>?) async -> [TaskEvent] {
        guard let events else { return [] }
        var all: [TaskEvent] = []
        for await e in events { all.append(e) }
        return all
    }

    private func state(_ event: TaskEvent?) -> TaskState? {
        switch event {
        case let .snapshot(t)?: return t.status.state
        case let .status(_, _, s, _)?: return s.state
        default: return nil
        }
    }

    @Test func streamStartsWithSnapshotAndEndsOnCompletion() async throws {
        let engine = TaskEngine(personality: directedAgent("a", .v1))
        let sent = try await engine.send(userMessage("steps=2 delay=0"), stream: true)
        let events = await collect(sent.events)
        #expect(state(events.first) == .submitted)
        #expect(state(events.last) == .completed)
        #expect(events.filter { if case .artifact = $0 { return true } else { return false } }.count == 2)
        let task = try await engine.task(sent.task.id)
        #expect(task.status.state == .completed)
        #expect(task.artifacts.first?.parts.compactMap(\.text).joined() == "chunk 1 of 2\nchunk 2 of 2\n")
        #expect(task.metadata.first { $0.0 == "progress" }?.1 == .double(100))
        // Earlier status messages move into history behind the user's message.
        #expect(task.history.first?.role == .user)
        #expect(task.history.count == 4)
    }

    @Test func cancelEndsARunningTaskAndRefusesTheSecondTime() async throws {
        let engine = TaskEngine(personality: directedAgent("a", .v1))
        let sent = try await engine.send(userMessage("sleep=300"), stream: true)
        let canceled = try await engine.cancel(sent.task.id)
        #expect(canceled.status.state == .canceled)
        #expect(canceled.status.message?.text == PeerText.canceled)
        let events = await collect(sent.events)
        #expect(state(events.last) == .canceled)
        await #expect(throws: EngineError.taskNotCancelable) { try await engine.cancel(sent.task.id) }
        await #expect(throws: EngineError.taskNotFound) { try await engine.cancel("nope") }
        await #expect(throws: EngineError.taskNotFound) { try await engine.task("nope") }
    }

    @Test func inputRequiredContinuesOnTheSameTask() async throws {
        let engine = TaskEngine(personality: directedAgent("a", .v1))
        let first = try await engine.send(userMessage("ask"), stream: true)
        #expect(state(await collect(first.events).last) == .inputRequired)
        let reply = userMessage("blue", taskId: first.task.id, contextId: first.task.contextId)
        let second = try await engine.send(reply, stream: true)
        let events = await collect(second.events)
        #expect(state(events.first) == .inputRequired)  // the continuation starts with the task as it stood
        #expect(state(events.last) == .completed)
        let task = try await engine.task(first.task.id)
        #expect(task.artifacts.first?.parts.first?.text == "You said: blue")
        #expect(task.contextId == first.task.contextId)
        // A finished task takes no more messages.
        await #expect(throws: EngineError.self) {
            try await engine.send(userMessage("again", taskId: first.task.id), stream: false)
        }
    }

    @Test func resubscribeGivesSnapshotThenUpdatesAndRefusesFinishedTasks() async throws {
        let engine = TaskEngine(personality: directedAgent("a", .v1))
        let sent = try await engine.send(userMessage("sleep=300"), stream: false)
        let sub = try await engine.resubscribe(sent.task.id)
        _ = try await engine.cancel(sent.task.id)
        let events = await collect(sub)
        if case .snapshot = events.first {} else { Issue.record("first event must be a snapshot") }
        #expect(state(events.last) == .canceled)
        await #expect(throws: EngineError.terminalTask(id: sent.task.id, state: .canceled)) { try await engine.resubscribe(sent.task.id) }
    }

    @Test func blogEraClientChoosesTheTaskId() async throws {
        let engine = TaskEngine(personality: directedAgent("a", .v01))
        let sent = try await engine.send(userMessage("hi"), newTaskId: "client-1", stream: true)
        #expect(sent.task.id == "client-1")
        _ = await collect(sent.events)
        await #expect(throws: EngineError.self) { try await engine.send(userMessage("hi"), newTaskId: "client-1", stream: false) }
    }

    @Test func storeStaysBoundedDroppingOldFinishedTasks() async throws {
        let engine = TaskEngine(personality: directedAgent("a", .v1), maxTasks: 3)
        var ids: [String] = []
        for _ in 0..<5 {
            let sent = try await engine.send(userMessage("reject"), stream: true)
            _ = await collect(sent.events)
            ids.append(sent.task.id)
        }
        #expect(await engine.allTasks().count == 3)
        #expect(await engine.exists(ids[4]))
        #expect(!(await engine.exists(ids[0])))
    }

    @Test func closeAllStreamsEndsOpenStreams() async throws {
        let engine = TaskEngine(personality: directedAgent("a", .v1))
        let sent = try await engine.send(userMessage("sleep=300"), stream: true)
        await engine.closeAllStreams()
        let events = await collect(sent.events)
        #expect(events.count >= 1)
        #expect(await engine.openStreamCount == 0)
    }

    @Test func delegationStartsTasksTaggedWithThePeer() async throws {
        let endpoints = [AgentEndpoint(personality: .inventory), AgentEndpoint(personality: .pricing)]
        let delegation = Delegation(endpoints: endpoints, interval: 1)
        let result = try #require(await delegation.delegateOnce())
        let target = try #require(endpoints.first { $0.personality.name == result.agent })
        let task = try await target.engine.task(result.taskId)
        let peer = try #require(task.history.first?.metadata?["delegatedBy"]?.stringValue)
        #expect(peer != result.agent)
        #expect(target.personality.delegatedPrompts.contains { $0.from == peer && $0.text == task.history.first?.text })
    }
}
