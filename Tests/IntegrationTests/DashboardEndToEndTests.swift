import Foundation
import Testing
import TestSupport

/// The dashboard as an operator uses it: a real terminal (tmux) running the built `agentdeck`
/// against real a2a-sdk agents on 127.0.0.1. Waits poll the screen; nothing sleeps blindly.
@Suite("Dashboard end to end (tmux)", .serialized)
struct DashboardEndToEndTests {
    let agentdeck = BuiltProducts.path("agentdeck")

    private func open(_ urls: [String], flags: [String] = [], width: Int = 120, height: Int = 40) throws -> TmuxSession {
        let command = ([agentdeck] + flags + urls).map { "'\($0)'" }.joined(separator: " ")
        return try TmuxSession(command: command, width: width, height: height)
    }

    @Test func opensShowsAgentsAndStreamsADispatchedTaskToItsArtifact() throws {
        let peer = try PeerProcess.start(.v1(compat: false))
        defer { peer.stop() }
        let screen = try open([peer.baseURL])
        defer { screen.kill() }

        let opened = try screen.waitFor("Progress Demo Agent")
        #expect(opened.ok, "agent never shown:\n\(opened.screen)")
        #expect(opened.screen.contains("[RW]"))
        #expect(opened.screen.contains("● up"))

        try screen.dispatch("chunks=3 delay=0.4")
        let working = try screen.waitFor { $0.contains("working") && $0.contains("[1/3]") }
        #expect(working.ok, "no live progress:\n\(working.screen)")
        let done = try screen.waitFor { $0.contains("completed") && $0.contains("[3/3] The quick brown fox") }
        #expect(done.ok, "artifact never completed:\n\(done.screen)")
        #expect(done.screen.contains("[2/3] The quick brown fox"))
    }

    @Test
    func answersAnInputRequiredTaskOnTheSameTask() throws {
        let peer = try PeerProcess.start(.v1(compat: false))
        defer { peer.stop() }
        let screen = try open([peer.baseURL])
        defer { screen.kill() }
        try #require(try screen.waitFor("● up").ok)

        try screen.dispatch("ask")
        let asked = try screen.waitFor { TmuxSession.hasTaskRow($0, "? input-req") }
        try #require(asked.ok, "never asked for input:\n\(asked.screen)")
        try screen.send("r")
        let replyOpen = try screen.waitFor { TmuxSession.bottomLine($0).hasPrefix("reply ") }
        try #require(replyOpen.ok, "reply prompt did not open:\n\(replyOpen.screen)")
        try screen.type("blue")
        try screen.send("Enter")
        let answered = try screen.waitFor { $0.contains("completed") && $0.contains("You said: blue") }
        #expect(answered.ok, "the answer did not complete the task:\n\(answered.screen)")
    }

    @Test
    func cancelsARunningTaskAfterConfirmationAndTheAgentConfirms() throws {
        let peer = try PeerProcess.start(.v1(compat: false))
        defer { peer.stop() }
        let screen = try open([peer.baseURL])
        defer { screen.kill() }
        try #require(try screen.waitFor("● up").ok)

        try screen.dispatch("sleep=60")
        let working = try screen.waitFor { TmuxSession.hasTaskRow($0, "▶ working") }
        try #require(working.ok, "the task never ran:\n\(working.screen)")
        // Any key but y keeps the task.
        try screen.send("c")
        let asked = try screen.waitFor("[y/N]")
        try #require(asked.ok, "no confirmation:\n\(asked.screen)")
        #expect(asked.screen.contains("Progress Demo Agent"))
        try screen.send("n")
        #expect(try screen.waitFor(timeout: 3) { !$0.contains("[y/N]") }.ok)
        #expect(try !TmuxSession.hasTaskRow(screen.capture(), "⊘ canceled"))

        try screen.send("c")
        try #require(try screen.waitFor("[y/N]").ok)
        try screen.send("y")
        let canceled = try screen.waitFor { TmuxSession.hasTaskRow($0, "⊘ canceled") }
        #expect(canceled.ok, "not canceled:\n\(canceled.screen)")

        // The agent itself reports the task canceled.
        let listed = try CLIProcess.run(["tasks", peer.baseURL, "--json"])
        let states = listed.lines.compactMap { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] }
            .compactMap { $0["state"] as? String }
        #expect(states == ["canceled"])
    }

    /// `y` and `Y` copy with OSC 52: tmux (set-clipboard on) receives the sequence from the
    /// program and keeps the text in its paste buffer, as it would for a terminal over SSH.
    @Test func yankCopiesTaskAndContextIDsThroughOSC52() throws {
        let peer = try PeerProcess.start(.v1(compat: false))
        defer { peer.stop() }
        let screen = try open([peer.baseURL])
        defer { screen.kill() }
        try screen.setServerOption("set-clipboard", "on")
        try #require(try screen.waitFor("● up").ok)

        try screen.dispatch("ask")
        let asked = try screen.waitFor { TmuxSession.hasTaskRow($0, "? input-req") }
        try #require(asked.ok, "no task:\n\(asked.screen)")
        let taskID = try #require(Self.detailValue(asked.screen, "Task"), "no task id in:\n\(asked.screen)")

        try screen.send("y")
        let copiedTask = try screen.waitFor { _ in screen.newestPasteBuffer() == taskID }
        #expect(copiedTask.ok, "paste buffer: \(screen.newestPasteBuffer() ?? "none"), want \(taskID)")

        try screen.send("Y")
        let context = try #require(Self.detailValue(try screen.capture(), "Context"))
        let copiedContext = try screen.waitFor { _ in screen.newestPasteBuffer() == context }
        #expect(copiedContext.ok, "paste buffer: \(screen.newestPasteBuffer() ?? "none"), want \(context)")
        #expect(context != taskID)
    }

    /// A field of the task detail pane (`Task`, `Context`), joined across the pane's wrapped lines.
    private static func detailValue(_ screen: String, _ label: String) -> String? {
        var value: String?
        for line in screen.split(separator: "\n") {
            let cells = line.split(separator: "│", omittingEmptySubsequences: false)
            guard cells.count >= 4 else { continue }
            let detail = String(cells[cells.count - 2])
            if value == nil {
                if detail.hasPrefix(label + " ") { value = detail.dropFirst(label.count).trimmingCharacters(in: .whitespaces) }
            } else if detail.hasPrefix("         "), !detail.trimmingCharacters(in: .whitespaces).isEmpty {
                value! += detail.trimmingCharacters(in: .whitespaces)
            } else {
                break
            }
        }
        return value
    }

    @Test func readOnlyRefusesEveryMutatingKeyAndNothingReachesTheAgent() throws {
        let peer = try PeerProcess.start(.v1(compat: false))
        defer { peer.stop() }
        let screen = try open([peer.baseURL], flags: ["--read-only"])
        defer { screen.kill() }
        let opened = try screen.waitFor("● up")
        try #require(opened.ok)
        #expect(opened.screen.contains("[RO]"))
        #expect(!opened.screen.contains("n new"))
        #expect(!opened.screen.contains("c cancel"))

        // Dispatch, reply, cancel: none opens a prompt, none sends.
        for key in ["n", "r", "c"] {
            try screen.send(key)
            let refused = try screen.waitFor(timeout: 5) { $0.contains("read-only") && !TmuxSession.bottomLine($0).hasPrefix("dispatch ") }
            #expect(refused.ok, "\(key) was not refused as read-only:\n\(refused.screen)")
            try screen.type("steps=1")
            try screen.send("Enter")
        }
        try screen.send("?")
        let help = try screen.waitFor("any key closes this help")
        #expect(help.ok, "the help overlay did not open:\n\(help.screen)")
        #expect(!help.screen.lowercased().contains("dispatch"))
        #expect(!help.screen.lowercased().contains("cancel task"))
        try screen.send("Escape")

        let listed = try CLIProcess.run(["tasks", peer.baseURL, "--json"])
        #expect(listed.status == 0, "stderr: \(listed.stderr)")
        #expect(listed.lines.isEmpty, "the agent received a task in read-only mode: \(listed.lines)")
    }

    @Test func survivesResizeAndShowsTooSmall() throws {
        let peer = try PeerProcess.start(.v1(compat: false))
        defer { peer.stop() }
        let screen = try open([peer.baseURL])
        defer { screen.kill() }
        try #require(try screen.waitFor("● up").ok)

        try screen.resize(width: 80, height: 24)
        let small = try screen.waitFor(timeout: 5) { $0.split(separator: "\n").first?.contains("[RW]") == true && $0.contains("Agents") }
        #expect(small.ok, "80×24 broken:\n\(small.screen)")
        try screen.resize(width: 40, height: 10)
        #expect(try screen.waitFor("too small").ok)
        try screen.resize(width: 120, height: 40)
        #expect(try screen.waitFor("Progress Demo Agent").ok)
        #expect(try !screen.paneIsDead())
    }

    @Test func exitsOnHangupWithoutHanging() throws {
        let peer = try PeerProcess.start(.v1(compat: false))
        defer { peer.stop() }
        let screen = try open([peer.baseURL])
        try #require(try screen.waitFor("● up").ok)
        let pid = try screen.panePID()
        // Killing the session hangs up the pane's terminal: SIGHUP.
        screen.kill()
        let deadline = Date().addingTimeInterval(5)
        while kill(pid, 0) == 0 && Date() < deadline { usleep(50_000) }
        #expect(kill(pid, 0) != 0, "agentdeck still running after SIGHUP")
    }

    @Test func quitsWithQAndRestoresTheTerminal() throws {
        let peer = try PeerProcess.start(.v1(compat: false))
        defer { peer.stop() }
        let screen = try open([peer.baseURL])
        defer { screen.kill() }
        try #require(try screen.waitFor("● up").ok)
        try screen.send("q")
        #expect(try screen.waitFor(timeout: 5) { _ in (try? screen.paneIsDead()) == true }.ok)
    }
}
