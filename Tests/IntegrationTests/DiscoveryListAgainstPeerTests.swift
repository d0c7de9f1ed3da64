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
    @Test func theListLeavesHistoriesOutAndGetTaskBringsThem() async throws {
        let peer = try PeerProcess.start(.v1(compat: false))
        defer { peer.stop() }
        let engine = HTTPEngine()
        defer { engine.shutdown() }
        let client = AgentClient(target: AgentTarget(url: peer.baseURL), engine: engine)
        _ = try await client.discover().get()

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
