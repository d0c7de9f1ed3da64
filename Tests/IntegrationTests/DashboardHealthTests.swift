import Foundation
import Testing
import TestSupport

/// Fleet health on the real dashboard (tmux) against a real a2a-sdk agent: the card-poll
/// latency, the success rate and the pulse in the agents row, the health block in the agent
/// detail, the fleet totals in the header. Waits poll the screen; nothing sleeps blindly.
@Suite("Dashboard fleet health (tmux)", .serialized)
struct DashboardHealthTests {
    let agentdeck = BuiltProducts.path("agentdeck")

    private static func agentRow(_ screen: String) -> String? {
        screen.split(separator: "\n").first { $0.contains("Progress Demo Agent") && $0.contains("● up") }.map(String.init)
    }

    @Test func successRateLatencyAndPulseFollowRealTasks() throws {
        let peer = try PeerProcess.start(.v1(compat: false))
        defer { peer.stop() }
        let command = [agentdeck, "--poll-interval", "1", peer.baseURL].map { "'\($0)'" }.joined(separator: " ")
        let screen = try TmuxSession(command: command, width: 120, height: 40)
        defer { screen.kill() }

        // Polled: a measured median latency, no task yet.
        let polled = try screen.waitFor { Self.agentRow($0)?.contains("ms") == true }
        try #require(polled.ok, "no latency in the agents row:\n\(polled.screen)")
        let before = try #require(Self.agentRow(polled.screen))
        #expect(!before.contains("%"), "no success rate before any task finished: \(before)")

        // Three tasks: two complete, one fails → 67%.
        try screen.dispatch("steps=1")
        try #require(try screen.waitFor { TmuxSession.taskRows($0, "✓ completed").count == 1 }.ok)
        try screen.dispatch("fail")
        try #require(try screen.waitFor { TmuxSession.taskRows($0, "✗ failed").count == 1 }.ok)
        try screen.dispatch("steps=1")
        let done = try screen.waitFor { TmuxSession.taskRows($0, "✓ completed").count == 2 && Self.agentRow($0)?.contains("67%") == true }
        #expect(done.ok, "the row never showed 2 of 3 completed:\n\(done.screen)")
        let row = try #require(Self.agentRow(done.screen))
        #expect(row.contains { "▁▂▃▄▅▆▇█".contains($0) }, "no pulse in \(row)")
        let header = try #require(done.screen.split(separator: "\n").first.map(String.init))
        #expect(header.contains("/min") && header.contains("67% ok"), "header: \(header)")

        // The agent detail (agents pane focused) shows the health block.
        try screen.send("Tab")
        try screen.send("Tab")
        let detail = try screen.waitFor { $0.contains("── Health, last 15m") }
        #expect(detail.ok, "no health block:\n\(detail.screen)")
        #expect(detail.screen.contains("67% of 3 completed"))
        #expect(detail.screen.contains("1 failed"))
        #expect(detail.screen.contains("Latency  p50 "))
    }
}
