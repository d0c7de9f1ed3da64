import Foundation
import Testing
import TestSupport

/// Command mode in a real terminal (tmux) against real a2a-sdk agents on 127.0.0.1: `:agent add`
/// starts polling a second agent at once, `:theme` recolours the running dashboard, and the `:`
/// history survives a restart. Waits poll the screen; nothing sleeps blindly.
@Suite("Command mode end to end (tmux)", .serialized)
struct CommandModeEndToEndTests {
    let agentdeck = BuiltProducts.path("agentdeck")

    /// Private config, state and data folders: the test never reads or writes the user's.
    struct Home {
        let root: String
        init() throws {
            root = NSTemporaryDirectory() + "agentdeck-cmd-\(getpid())-\(UUID().uuidString.prefix(8))"
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        }
        var environment: [String: String] {
            ["XDG_CONFIG_HOME": root + "/config", "XDG_STATE_HOME": root + "/state", "XDG_DATA_HOME": root + "/data", "HOME": root,
             // `swift test` may set NO_COLOR for its children: the theme switch must be visible.
             "NO_COLOR": ""]
        }
        func remove() { try? FileManager.default.removeItem(atPath: root) }
    }

    private func open(_ urls: [String], home: Home) throws -> TmuxSession {
        let command = ([agentdeck] + urls).map { "'\($0)'" }.joined(separator: " ")
        return try TmuxSession(command: command, width: 120, height: 40, environment: home.environment)
    }

    private func command(_ screen: TmuxSession, _ line: String) throws {
        try screen.send(":")
        try #require(try screen.waitFor(":").ok)
        try screen.type(line)
        try screen.send("Enter")
    }

    @Test func agentAddThemeSwitchAndHistoryAcrossRuns() throws {
        let first = try PeerProcess.start(.v1(compat: false))
        defer { first.stop() }
        let second = try PeerProcess.start(.v03)
        defer { second.stop() }
        let home = try Home()
        defer { home.remove() }

        let screen = try open([first.baseURL], home: home)
        defer { screen.kill() }
        let opened = try screen.waitFor("● up")
        try #require(opened.ok, "the first agent never came up:\n\(opened.screen)")
        #expect(opened.screen.contains("Agents (1)"))

        // :agent add polls the new agent at once: it comes up without waiting a poll interval (30 s).
        try command(screen, "agent add \(second.baseURL) Second")
        let added = try screen.waitFor(timeout: 10) { screen in
            screen.contains("Agents (2)") && screen.split(separator: "\n").contains { $0.contains("● up") && $0.contains("Second") }
        }
        #expect(added.ok, "the added agent is not up:\n\(added.screen)")

        // :theme light recolours what is on screen; the text stays the same.
        let before = try screen.captureStyled()
        try command(screen, "theme light")
        let switched = try screen.waitFor("theme light")
        #expect(switched.ok, "no confirmation:\n\(switched.screen)")
        let after = try screen.captureStyled()
        #expect(after != before, "the colours did not change")

        // A bad name says so and keeps the light theme.
        try command(screen, "theme no-such-theme")
        let refused = try screen.waitFor("keeping theme light: no theme named no-such-theme")
        #expect(refused.ok, "no clear message:\n\(refused.screen)")

        try command(screen, "q")
        #expect(try screen.waitFor(timeout: 5) { _ in (try? screen.paneIsDead()) == true }.ok, "did not quit")

        // The : history was kept: the next run offers it with Up.
        let stored = try String(contentsOfFile: home.root + "/state/agentdeck/history/command", encoding: .utf8)
        #expect(stored.contains("theme light\n") && stored.contains("agent add \(second.baseURL) Second\n"))
        let again = try open([first.baseURL], home: home)
        defer { again.kill() }
        try #require(try again.waitFor("● up").ok)
        try again.send(":")
        try again.send("Up")
        try again.send("Up")
        let recalled = try again.waitFor("theme no-such-theme")
        #expect(recalled.ok, "history not offered after a restart:\n\(recalled.screen)")
    }

    /// `mouse: true`: a click selects the agent under it, the wheel moves on. The events are the
    /// bytes an xterm sends (SGR 1006), typed into the real terminal.
    @Test func mouseClickSelectsAndTheWheelMoves() throws {
        let home = try Home()
        defer { home.remove() }
        try FileManager.default.createDirectory(atPath: home.root + "/config/agentdeck", withIntermediateDirectories: true)
        // Nothing listens on port 9: the agents are listed (unreachable) without any peer.
        try """
            mouse: true
            agents:
              - http://127.0.0.1:9/one
              - http://127.0.0.1:9/two
              - http://127.0.0.1:9/three
            """.write(toFile: home.root + "/config/agentdeck/config.yaml", atomically: true, encoding: .utf8)
        let screen = try open([], home: home)
        defer { screen.kill() }
        let opened = try screen.waitFor("URL      http://127.0.0.1:9/one")
        try #require(opened.ok, "the first agent is not selected at start:\n\(opened.screen)")

        // Row "two" is the fifth screen line (header, border, column header, one, two): y = 5, 1-based.
        try screen.type("\u{1B}[<0;10;5M")
        let clicked = try screen.waitFor("URL      http://127.0.0.1:9/two")
        #expect(clicked.ok, "the click did not select the agent under it:\n\(clicked.screen)")
        try screen.type("\u{1B}[<65;10;5M")
        let wheeled = try screen.waitFor("URL      http://127.0.0.1:9/three")
        #expect(wheeled.ok, "the wheel did not move down:\n\(wheeled.screen)")
    }
}
