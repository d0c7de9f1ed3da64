import A2A
import Foundation
import Testing
import TestSupport
import Wire

@testable import Deck

/// The dashboard's discovery list asks for no histories (`historyLength: 0`, see
/// `DeckState.listHistoryLength`) and fetches a finished task's history with GetTask when the
/// operator selects it: both hold against a real a2a-sdk 1.3 agent.
@Suite struct DiscoveryListAgainstPeerTests {
    /// Runs `body` with a client that has discovered a fresh a2a-sdk 1.3 agent (no compat).
    private func withPeerClient(_ body: (AgentClient) async throws -> Void) async throws {
        let peer = try PeerProcess.start(.v1(compat: false))
        defer { peer.stop() }
        let engine = HTTPEngine()
        defer { engine.shutdown() }
        let client = AgentClient(target: AgentTarget(url: peer.baseURL), engine: engine)
        _ = try await client.discover().get()
        try await body(client)
    }

    @Test func theListLeavesHistoriesOutAndGetTaskBringsThem() async throws {
        try await withPeerClient { client in
            let message = Message(messageID: "m-history-1", role: .user, parts: [.text("chunks=2 delay=0")])
            guard case .success(.task(let sent)) = await client.call(.send(SendParams(message: message, blocking: true))) else {
                Issue.record("the agent did not answer the send with a task")
                return
            }
            #expect(sent.status.state == .completed)

            let query = ListTasksQuery(pageSize: DeckState.listPageSize, historyLength: DeckState.listHistoryLength)
            guard case .success(.taskPage(let page)) = await client.call(.list(query)) else {
                Issue.record("ListTasks failed")
                return
            }
            let listed = try #require(page.tasks.first { $0.id == sent.id })
            #expect(listed.status.state == .completed)
            #expect(listed.history.isEmpty)

            guard case .success(.task(let full)) = await client.call(.get(taskID: sent.id, historyLength: nil)) else {
                Issue.record("GetTask failed")
                return
            }
            #expect(full.history.contains { $0.messageID == "m-history-1" })
        }
    }

    /// Incremental discovery (`ListWatermark`): after a page, the agent is asked only for tasks whose
    /// status changed at or after the newest one listed, and a2a-sdk answers with just those.
    @Test func theNextListAsksOnlyForTasksChangedSinceTheNewestListed() async throws {
        try await withPeerClient { client in
            func send(_ id: String) async throws -> A2ATask {
                let message = Message(messageID: id, role: .user, parts: [.text("chunks=1 delay=0")])
                guard case .success(.task(let task)) = await client.call(.send(SendParams(message: message, blocking: true))) else {
                    throw PeerFailure("the agent did not answer \(id) with a task")
                }
                return task
            }
            func list(_ watermark: ListWatermark) async throws -> [A2ATask] {
                let query = ListTasksQuery(pageSize: DeckState.listPageSize, historyLength: DeckState.listHistoryLength,
                                           statusTimestampAfter: watermark.filter)
                guard case .success(.taskPage(let page)) = await client.call(.list(query)) else { throw PeerFailure("ListTasks failed") }
                return page.tasks
            }

            // Each task more than the watermark's margin after the one before.
            let pause = UInt64((ListWatermark.margin + 0.3) * 1e9)
            let first = try await send("m-mark-1")
            try await Task.sleep(nanoseconds: pause)
            let second = try await send("m-mark-2")
            var watermark = ListWatermark()
            let whole = try await list(watermark)
            #expect(Set(whole.map(\.id)) == [first.id, second.id])
            watermark.note(whole, tookEveryTask: true)
            #expect(watermark.filter != nil)

            try await Task.sleep(nanoseconds: pause)
            let third = try await send("m-mark-3")
            let changed = try await list(watermark)
            // The third task and the newest already listed (within the margin), not the first.
            #expect(Set(changed.map(\.id)) == [second.id, third.id])
            watermark.note(changed, tookEveryTask: true)
            #expect(try await list(watermark).map(\.id) == [third.id])
        }
    }
}

private struct PeerFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
