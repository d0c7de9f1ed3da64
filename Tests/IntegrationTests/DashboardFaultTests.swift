import Foundation
import Testing
import TestSupport

/// Faults an operator meets: an agent that crashes mid-stream and comes back. The real dashboard
/// in tmux against a real a2a-sdk agent whose task store survives restarts (`--store`).
@Suite("Dashboard faults (tmux)", .serialized)
struct DashboardFaultTests {
    let agentdeck = BuiltProducts.path("agentdeck")

    @Test func agentKilledMidStreamAndRestartedIsShownDownThenEveryTaskReconciled() throws {
        let store = FileManager.default.temporaryDirectory.appendingPathComponent("agentdeck-store-\(UUID().uuidString).json").path
        defer { unlink(store) }
        let first = try PeerProcess.start(.v1(compat: false), args: ["--store", store])
        let port = first.port
        let command = [agentdeck, "--poll-interval", "1", first.baseURL].map { "'\($0)'" }.joined(separator: " ")
        let screen = try TmuxSession(command: command, width: 120, height: 40)
        defer { screen.kill() }
        try #require(try screen.waitFor("● up").ok)

        // One task finishes with an artifact; one is still streaming when the agent dies.
        try screen.dispatch("chunks=2 delay=0.1")
        try #require(try screen.waitFor { TmuxSession.hasTaskRow($0, "✓ completed") }.ok)
        try screen.dispatch("sleep=120")
        let running = try screen.waitFor { TmuxSession.hasTaskRow($0, "▶ working") }
        try #require(running.ok, "the long task never ran:\n\(running.screen)")

        first.crash()
        let down = try screen.waitFor(timeout: 20) { $0.contains("●0 ✗1") && $0.split(separator: "\n").contains { $0.contains("unreach") && $0.contains("Progress Demo Agent") } }
        #expect(down.ok, "the agent was not shown down:\n\(down.screen)")
        #expect(try !screen.paneIsDead(), "the console died with the agent")

        let second = try PeerProcess.start(.v1(compat: false), args: ["--store", store, "--port", "\(port)"])
        defer { second.stop() }
        #expect(second.port == port)
        let reconciled = try screen.waitFor(timeout: 40) { screen in
            let rows = TmuxSession.taskRows(screen)
            return screen.contains("● up") && rows.count == 2 && !rows.contains { $0.hasPrefix("│▶") }
        }
        #expect(reconciled.ok, "tasks not reconciled after the restart:\n\(reconciled.screen)")

        // What the dashboard shows is what the agent reports.
        let listed = try CLIProcess.run(["tasks", second.baseURL, "--json"])
        let reported = listed.lines.compactMap { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] }
        let states = Set(reported.compactMap { $0["state"] as? String })
        #expect(states == ["completed", "failed"], "agent reports \(reported)")
        let rows = TmuxSession.taskRows(reconciled.screen)
        #expect(rows.contains { $0.hasPrefix("│✓ completed") })
        #expect(rows.contains { $0.hasPrefix("│✗ failed") && $0.contains("agent restarted") }, "rows: \(rows)")
    }
}
