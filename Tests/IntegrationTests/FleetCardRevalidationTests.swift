import Foundation
import Testing
import TestSupport
import Wire

/// The card polls of the real fleet binary's agents through `AgentClient`, as the dashboard
/// sends them: after the card and one conditional poll through libcurl, unchanged cards are
/// revalidated on the engine's fast path, and the poll results are the same `.notModified`
/// the dashboard always got; when the fleet dies, the polls fail as libcurl reports it.
@Suite("Fleet card revalidation", .serialized)
struct FleetCardRevalidationTests {
    static let agents = 3

    private func poll(_ client: AgentClient) async -> CardPoll {
        await withCheckedContinuation { continuation in
            client.pollCard { continuation.resume(returning: $0) }
        }
    }

    @Test func unchangedCardsOfTheFleetAreRevalidatedOnTheFastPath() async throws {
        let fleet = try CLIProcess(
            // The idle fleet's default life is 60 s: a test starved by a loaded run outlived it
            // (every poll after the first refused). It is crashed at the end anyway.
            // Free ports of the fleet's own choosing: a port one free-port probe found is not
            // reserved, and the soak test's fleet took the same range in a full run.
            ["--scenario", "idle", "--agents", "\(Self.agents)", "--duration", "600"], executable: "agentdeck-fleet")
        defer { fleet.crash() }
        let deadline = Date().addingTimeInterval(20)
        while fleet.lines.count < Self.agents && Date() < deadline { usleep(20_000) }
        try #require(fleet.lines.count >= Self.agents, "fleet did not start: \(fleet.stderr)")

        let engine = HTTPEngine()
        let clients = fleet.lines.prefix(Self.agents).map { AgentClient(target: AgentTarget(url: $0), engine: engine) }
        for client in clients {
            guard case .card = await poll(client) else {
                Issue.record("no card from \(client.target.url)")
                continue
            }
            for _ in 0..<4 {
                let outcome = await poll(client)
                guard case .notModified(let latency) = outcome else {
                    Issue.record("\(client.target.url): \(outcome)")
                    continue
                }
                #expect(latency > 0)
            }
        }
        // Per agent: one conditional poll through libcurl (its 304 opens the fast path), three fast.
        var counts = engine.revalidationCounts
        #expect(counts.answered == 3 * Self.agents)
        #expect(counts.handedToLibcurl == 0)
        #expect(counts.connectionsOpened == Self.agents)
        #expect(counts.openConnections == Self.agents)

        fleet.crash()
        for client in clients {
            guard case .failed(.transport, _) = await poll(client) else {
                Issue.record("\(client.target.url) still answered after the fleet died")
                continue
            }
        }
        counts = engine.revalidationCounts
        #expect(counts.openConnections == 0)
        engine.shutdown()
    }
}
