import Foundation
import Testing
import TestSupport

@testable import AgentDeckCLI

#if canImport(Glibc)
import Glibc
#endif

/// The journal of the real dashboard (tmux) against real a2a-sdk agents: what it holds, what it
/// never holds (credentials), what survives `kill -9`, and `agentdeck replay` on it.
@Suite("Journal end to end (tmux)", .serialized)
struct JournalEndToEndTests {
    let agentdeck = BuiltProducts.path("agentdeck")

    /// A state folder for the journal and a config file, per test.
    private func folder() throws -> String {
        let path = NSTemporaryDirectory() + "agentdeck-journal-e2e-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    private func open(_ arguments: [String], environment: [String: String], width: Int = 120, height: Int = 40) throws -> TmuxSession {
        let command = ([agentdeck] + arguments).map { "'\($0)'" }.joined(separator: " ")
        return try TmuxSession(command: command, width: width, height: height, environment: environment)
    }

    /// Every file of the journal (live and rotated) as one text.
    private func journalText(_ state: String) throws -> String {
        let dir = state + "/agentdeck"
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasPrefix("journal.jsonl") }.sorted()
        return try files.map { try String(contentsOfFile: dir + "/" + $0, encoding: .utf8) }.joined()
    }

    @Test func aRunWithCredentialsJournalsEverythingButTheCredentials() throws {
        let bearer = "bt-\(UUID().uuidString)"
        let queryToken = "qt\(UInt64.random(in: 1_000_000_000...UInt64.max))"
        let peer = try PeerProcess.start(.v1(compat: false), args: ["--require-bearer-env", "PEER_TOKEN"], env: ["PEER_TOKEN": bearer])
        defer { peer.stop() }
        let base = try folder()
        let config = base + "/config.yaml"
        try """
            agents:
              - url: "\(peer.baseURL)/.well-known/agent-card.json?token=\(queryToken)"
                name: Guarded
                auth:
                  bearerTokenEnv: PEER_TOKEN
            """.write(toFile: config, atomically: true, encoding: .utf8)
        let env = ["PEER_TOKEN": bearer, "XDG_STATE_HOME": base + "/state"]
        let screen = try open(["--config", config], environment: env)
        defer { screen.kill() }

        let up = try screen.waitFor("● up")
        try #require(up.ok, "agent never up:\n\(up.screen)")
        try screen.dispatch("chunks=3 delay=0.1")
        let done = try screen.waitFor { $0.contains("completed") && $0.contains("[3/3]") }
        try #require(done.ok, "the task never completed (auth refused?):\n\(done.screen)")

        // The raw view shows the task's JSON as the agent sent it, with nothing secret on screen.
        try screen.send("v")
        let raw = try screen.waitFor { $0.contains("Raw JSON") && $0.contains("TASK_STATE_") }
        #expect(raw.ok, "no raw view:\n\(raw.screen)")
        #expect(!raw.screen.contains(bearer) && !raw.screen.contains(queryToken))
        try screen.send("Escape")
        try screen.send("q")
        #expect(try screen.waitFor(timeout: 10) { _ in (try? screen.paneIsDead()) == true }.ok)

        let text = try journalText(base + "/state")
        #expect(!text.contains(bearer), "the bearer token reached the journal")
        #expect(!text.contains(queryToken), "the URL's token reached the journal")
        #expect(text.contains("token=***"))
        // It is the run: the card, the dispatch request, the events as decoded and as received.
        #expect(text.contains("\"kind\":\"card\""))
        #expect(text.contains("\"request\":{\"agent\""))
        #expect(text.contains("[3/3] The quick brown fox"))
        #expect(text.contains("\"raw\":{\"agent\""))

        let list = try CLIProcess.run(["replay", "--list", base + "/state/agentdeck/journal.jsonl"], timeout: 30)
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.lines.first?.hasPrefix("run 1:") == true, "\(list.lines)")
        #expect(!list.lines.contains { $0.hasPrefix("note:") }, "a cleanly closed journal has nothing to note: \(list.lines)")

        let info = try CLIProcess.run(["info", "--config", config], environment: env, timeout: 30)
        #expect(info.lines.contains { $0.hasPrefix("journal: \(base)/state/agentdeck/journal.jsonl") }, "\(info.lines)")
    }

    @Test func killedUnderLoadTheJournalLosesAtMostTheLastSecondAndReplays() throws {
        let peer = try PeerProcess.start(.v1(compat: false))
        defer { peer.stop() }
        let base = try folder()
        let env = ["XDG_STATE_HOME": base + "/state"]
        let screen = try open([peer.baseURL], environment: env)
        defer { screen.kill() }
        try #require(try screen.waitFor("● up").ok)
        // Six long streams of up to 200 events a second each, still running when the kill comes.
        for _ in 0..<6 { try screen.dispatch("chunks=1000 delay=0.005") }
        let busy = try screen.waitFor(timeout: 20) { $0.components(separatedBy: "working").count > 6 && $0.contains("/1000]") }
        try #require(busy.ok, "the streams never ran:\n\(busy.screen)")
        usleep(1_500_000)

        let pid = try screen.panePID()
        try #require(pid > 0)
        let killedAt = Date()
        #expect(Glibc.kill(pid, SIGKILL) == 0)
        #expect(try screen.waitFor(timeout: 10) { _ in (try? screen.paneIsDead()) == true }.ok)

        let path = base + "/state/agentdeck/journal.jsonl"
        let reading = try JournalReader.read(path: path)
        #expect(reading.unreadableLines == 0, "only the last line may be damaged")
        let log = try #require(reading.sessions.last)
        let lastEvent = try #require(log.entries.last { if case .msg(.streamEvent, _) = $0 { true } else { false } })
        let lost = killedAt.timeIntervalSince(lastEvent.date)
        let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        print("journal_kill9: last stream event \(String(format: "%.3f", lost)) s before the kill; \(log.messageCount) messages, \(bytes) bytes, torn last line: \(reading.tornLastLine)")
        #expect(lost < 1.0, "the journal's last stream event is \(lost) s older than the kill")
        #expect(log.messageCount > 100)

        // The post-mortem: replay opens on the last moment, read-only, the three tasks working.
        let replay = try open(["replay", "--at-end", path], environment: env)
        defer { replay.kill() }
        let shown = try replay.waitFor { $0.contains("REPLAY") && $0.components(separatedBy: "working").count > 6 }
        #expect(shown.ok, "the replay does not show the run:\n\(shown.screen)")
        if reading.tornLastLine { #expect(shown.screen.contains("cut off")) }
        #expect(shown.screen.contains("replay, read-only"), "the key hints should say what a replay offers")
        // Nothing can be sent from it.
        try replay.send("n")
        #expect(try replay.waitFor("not available").ok)
        try replay.send("q")
        #expect(try replay.waitFor(timeout: 10) { _ in (try? replay.paneIsDead()) == true }.ok)

        // Played at 20× the recorded pace, it runs through to the same end.
        let played = try open(["replay", "--speed", "20", path], environment: env)
        defer { played.kill() }
        let end = try played.waitFor(timeout: 30) { $0.contains("(end)") && $0.contains("replay finished") }
        #expect(end.ok, "the played replay never reached the end:\n\(end.screen)")
        #expect(end.screen.components(separatedBy: "working").count > 6)
    }
}
