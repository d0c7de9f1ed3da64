import Foundation
import Testing
import TestSupport

/// The terminal survives whatever happens to the console: signals end it cleanly with the screen
/// given back (normal screen, cursor shown, echo restored), and resize storms down to 20×5 never
/// crash it. The real dashboard in tmux, against a real a2a-sdk agent.
@Suite("Dashboard terminal behaviour (tmux)", .serialized)
struct DashboardTerminalTests {
    let agentdeck = BuiltProducts.path("agentdeck")

    /// Opens the dashboard under a shell script that, once agentdeck exits, writes its exit status
    /// and whether the tty echoes again to `result`, then prints a marker on the screen.
    private func open(_ peer: PeerProcess) throws -> (screen: TmuxSession, result: String, cleanup: () -> Void) {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("agentdeck-term-\(UUID().uuidString)").path
        let script = base + ".sh", result = base + ".result"
        let text = """
            #!/bin/sh
            '\(agentdeck)' '\(peer.baseURL)'
            echo "exit=$?" > '\(result)'
            if stty -a | grep -q ' echo '; then echo echo-on >> '\(result)'; else echo echo-off >> '\(result)'; fi
            echo marker-after-exit
            """
        try text.write(toFile: script, atomically: true, encoding: .utf8)
        let screen = try TmuxSession(command: "sh '\(script)'", width: 100, height: 30)
        try screen.pipeOutput(to: base + ".out")
        return (screen, result, { unlink(script); unlink(result); unlink(base + ".out") })
    }

    /// The file's lines once it has `count` of them (or what it has after 10 s).
    private static func waitForLines(_ path: String, count: Int) -> [String] {
        let deadline = Date().addingTimeInterval(10)
        var lines: [String] = []
        while Date() < deadline {
            lines = ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
            if lines.count >= count { break }
            usleep(50_000)
        }
        return lines
    }

    /// The bytes the terminal received end with the screen handed back: after the last switch to
    /// the alternate screen (smcup) come the switch back (rmcup) and cursor-visible (cnorm).
    private static func restoredTheScreen(_ outputPath: String) -> Bool {
        guard let bytes = FileManager.default.contents(atPath: outputPath) else { return false }
        let text = String(decoding: bytes, as: UTF8.self)
        guard let enter = text.range(of: "\u{1B}[?1049h", options: .backwards) else { return false }
        let tail = text[enter.upperBound...]
        return tail.contains("\u{1B}[?1049l") && tail.contains("\u{1B}[?25h")
    }

    @Test(arguments: [("TERM", SIGTERM, 143), ("INT", SIGINT, 130)])
    func aSignalEndsTheConsoleAndGivesTheTerminalBack(_ name: String, _ signal: Int32, _ status: Int) throws {
        let peer = try PeerProcess.start(.v1(compat: false))
        defer { peer.stop() }
        let (screen, result, cleanup) = try open(peer)
        defer { screen.kill(); cleanup() }
        try #require(try screen.waitFor("● up").ok)
        #expect(try screen.paneFormat("alternate_on") == "1", "the dashboard should use the alternate screen")

        let shell = try screen.panePID()
        let console = try #require(Self.child(of: shell, named: "agentdeck"), "no agentdeck under the pane's shell")
        kill(console, signal)
        let ended = Self.waitForLines(result, count: 2)
        #expect(ended == ["exit=\(status)", "echo-on"], "exit status and tty echo after SIG\(name)")
        #expect(Self.restoredTheScreen(result.replacingOccurrences(of: ".result", with: ".out")),
                "after its last frame the console must leave the alternate screen and show the cursor")
    }

    @Test func resizeStormsDownTo20x5NeverCrashAndTheScreenComesBack() throws {
        let peer = try PeerProcess.start(.v1(compat: false))
        defer { peer.stop() }
        let (screen, result, cleanup) = try open(peer)
        defer { screen.kill(); cleanup() }
        try #require(try screen.waitFor("● up").ok)

        // A storm: 60 resizes as fast as tmux takes them, through tiny and odd sizes.
        let sizes = [(20, 5), (80, 24), (21, 6), (132, 43), (40, 10), (20, 5), (79, 23), (1000 / 9, 37)]
        for i in 0..<60 {
            let (w, h) = sizes[i % sizes.count]
            try screen.resize(width: w, height: h)
        }
        try screen.resize(width: 20, height: 5)
        let tiny = try screen.waitFor(timeout: 10) { $0.contains("too small") || $0.contains("small") }
        #expect(tiny.ok, "20×5 should say the terminal is too small:\n\(tiny.screen)")
        #expect(try !screen.screenHasExited())

        try screen.resize(width: 100, height: 30)
        let back = try screen.waitFor(timeout: 10) { $0.contains("Progress Demo Agent") && $0.contains("[RW]") }
        #expect(back.ok, "the dashboard did not come back after the storm:\n\(back.screen)")
        try screen.send("q")
        #expect(Self.waitForLines(result, count: 2) == ["exit=0", "echo-on"], "exit status and tty echo after the storm")
        #expect(Self.restoredTheScreen(result.replacingOccurrences(of: ".result", with: ".out")))
    }

    /// The first child process of `parent` whose command name is `name`.
    static func child(of parent: Int32, named name: String) -> Int32? {
        let deadline = Date().addingTimeInterval(5)
        while Date() < deadline {
            let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
            for entry in entries {
                guard let pid = Int32(entry),
                    let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                    let open = stat.firstIndex(of: "("), let close = stat.lastIndex(of: ")")
                else { continue }
                let comm = stat[stat.index(after: open)..<close]
                let fields = stat[stat.index(close, offsetBy: 2)...].split(separator: " ")
                if comm == name, fields.count > 1, Int32(fields[1]) == parent { return pid }
            }
            usleep(50_000)
        }
        return nil
    }
}

extension TmuxSession {
    /// The pane's program (the shell around agentdeck) has exited.
    func screenHasExited() throws -> Bool { try paneIsDead() }
}
