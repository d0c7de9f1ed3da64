import Foundation
import Testing
import TestSupport

/// Credentials an operator put in an agent URL (`user:pass@`, `?token=`) are used, but never
/// shown: not in JSON lines, not in error messages, not on the dashboard's screen.
@Suite("Credentials in agent URLs stay hidden", .serialized)
struct CredentialExposureTests {
    static let password = "hunter2-secret"
    static let token = "tok-9f8e7d"

    static func credentialed(_ base: String) -> String {
        base.replacingOccurrences(of: "http://", with: "http://ops:\(password)@") + "/?token=\(token)"
    }

    static func leaks(_ text: String) -> Bool { text.contains(password) || text.contains(token) }

    @Test func cliOutputAndErrorsNeverShowThem() throws {
        let peer = try PeerProcess.start(.v1(compat: false))
        defer { peer.stop() }
        let sent = try CLIProcess.run(["send", Self.credentialed(peer.baseURL), "chunks=1", "--json"])
        #expect(sent.status == 0, "stderr: \(sent.stderr)")
        #expect(!sent.lines.isEmpty)
        #expect(!Self.leaks(sent.lines.joined() + sent.stderr), "\(sent.lines) \(sent.stderr)")
        #expect(sent.lines.allSatisfy { $0.contains("http://***@127.0.0.1") })

        // A port nobody listens on: the failure message is about that URL.
        let port = try #require(ProcessFigures.freePort())
        let failed = try CLIProcess.run(["card", Self.credentialed("http://127.0.0.1:\(port)")])
        #expect(failed.status != 0)
        #expect(!failed.stderr.isEmpty)
        #expect(!Self.leaks(failed.stderr + failed.lines.joined()), "\(failed.stderr)")
    }

    @Test func theDashboardNeverShowsThem() throws {
        let peer = try PeerProcess.start(.v1(compat: false))
        defer { peer.stop() }
        let command = [BuiltProducts.path("agentdeck"), Self.credentialed(peer.baseURL)].map { "'\($0)'" }.joined(separator: " ")
        let screen = try TmuxSession(command: command, width: 160, height: 40)
        defer { screen.kill() }
        let up = try screen.waitFor("● up")
        #expect(up.ok, "the agent behind a credentialed URL never came up:\n\(up.screen)")
        #expect(up.screen.contains("***@127.0.0.1"), "the agents pane should show the masked URL:\n\(up.screen)")
        #expect(!Self.leaks(up.screen))
        try screen.send("Tab")
        try screen.send("Tab")  // the agents pane: the detail shows the agent
        #expect(!Self.leaks(try screen.capture()))
    }
}
