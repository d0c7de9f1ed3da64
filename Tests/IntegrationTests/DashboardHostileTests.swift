import Foundation
import Testing
import TestSupport

/// The real dashboard against the hostile peer: every agent-supplied control sequence is shown as
/// a placeholder and none reaches the terminal (checked on the raw bytes tmux received), each
/// broken agent's row says why, a flooding stream keeps memory bounded and the console responsive.
@Suite("Dashboard against a hostile agent (tmux)", .serialized)
struct DashboardHostileTests {
    /// Modes in row order: flood first (selected at start), then the escape-sequence agent.
    static let modes = ["flood", "esc", "5xx", "redirect", "bigcard", "deep", "types", "badutf8", "skills", "gzip"]

    /// Byte sequences an agent's text must never put on the wire to the terminal.
    static let forbidden: [(String, [UInt8])] = [
        ("OSC (title, clipboard)", [0x1B, 0x5D]), ("DCS", [0x1B, 0x50]), ("BEL", [0x07]), ("NUL", [0x00]),
        ("the agent's clear-screen", Array("\u{1B}[2J\u{1B}[H".utf8)),
        ("RLO", Array("\u{202E}".utf8)), ("LRI", Array("\u{2066}".utf8)), ("PDI", Array("\u{2069}".utf8)),
        ("RLM", Array("\u{200F}".utf8)), ("ALM", Array("\u{061C}".utf8)),
    ] + (0x80...0x9F).map { ("C1 U+00\(String($0, radix: 16, uppercase: true))", [0xC2, UInt8($0)]) }

    private static func row(_ screen: String, _ mode: String) -> String? {
        screen.split(separator: "\n").map(String.init).first { $0.contains("/m/\(mode)/") || $0.contains("Hostile \(mode)") }
    }

    @Test func controlSequencesNeverReachTheTerminalAndBrokenAgentsSayWhy() throws {
        let peer = try PeerProcess.start(.script("hostile_agent"))
        defer { peer.stop() }
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("agentdeck-hostile-\(UUID().uuidString).out").path
        defer { unlink(log) }
        let urls = Self.modes.map { peer.url("/m/\($0)/agent-card.json") }
        let command = ([BuiltProducts.path("agentdeck")] + urls).map { "'\($0)'" }.joined(separator: " ")
        let screen = try TmuxSession(command: command, width: 160, height: 45)
        defer { screen.kill() }
        try screen.pipeOutput(to: log)

        let settled = try screen.waitFor(timeout: 30) { s in
            s.contains("Hostile hostile") && Self.row(s, "5xx")?.contains("HTTP 503") == true
                && Self.row(s, "bigcard")?.contains("larger than") == true && Self.row(s, "gzip")?.contains("larger than") == true
                && Self.row(s, "deep")?.contains("unreadable card") == true && Self.row(s, "redirect")?.contains("HTTP 307") == true
        }
        #expect(settled.ok, "broken agents should each show their reason:\n\(settled.screen)")

        // The flood agent is selected: start its endless stream.
        try screen.dispatch("flood me")
        let flooding = try screen.waitFor(timeout: 10) { $0.contains("flood-0") && $0.contains("streaming…") }
        #expect(flooding.ok, "the flood never started:\n\(flooding.screen)")
        // Then the escape-sequence agent: agents pane, next row, dispatch.
        try screen.send("Escape")
        try screen.send("j")
        try screen.dispatch("hello")
        let done = try screen.waitFor(timeout: 20) { $0.contains("✓ completed Hostile hostile") }
        #expect(done.ok, "the hostile task should complete, its text shown as placeholders:\n\(done.screen)")
        #expect(done.screen.contains("␛"), "escape sequences are shown as a visible placeholder")

        // Still responsive under the flood: the help opens and closes.
        try screen.send("?")
        #expect(try screen.waitFor(timeout: 10) { $0.contains("any key closes this help") }.ok, "no answer to a key during the flood")
        try screen.send("Escape")

        let pid = try screen.panePID()
        let rss = try #require(ProcessFigures.residentKiB(pid), "the console died")
        print("hostile_dashboard_rss: \(rss) KiB")
        #expect(rss < 200 * 1024, "memory under the flood: \(rss) KiB")
        #expect(try !screen.paneIsDead())

        let bytes = try #require(FileManager.default.contents(atPath: log))
        #expect(bytes.count > 1000, "the terminal output was not recorded")
        for (name, pattern) in Self.forbidden {
            #expect(!Self.contains(bytes, pattern), "\(name) reached the terminal")
        }
    }

    static func contains(_ data: Data, _ pattern: [UInt8]) -> Bool {
        guard let first = pattern.first else { return false }
        return data.withUnsafeBytes { raw -> Bool in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard bytes.count >= pattern.count else { return false }
            for i in 0...(bytes.count - pattern.count) where bytes[i] == first {
                if (1..<pattern.count).allSatisfy({ bytes[i + $0] == pattern[$0] }) { return true }
            }
            return false
        }
    }
}
