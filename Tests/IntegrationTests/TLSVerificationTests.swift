import Foundation
import Testing
import TestSupport

/// TLS is verified unless an agent is explicitly marked insecure, and the agents pane says so.
/// Against `tls_card.py`: HTTPS on 127.0.0.1 with a self-signed certificate.
@Suite("TLS verification", .serialized)
struct TLSVerificationTests {
    @Test func aSelfSignedCertificateIsRefusedUnlessTheAgentIsMarkedInsecure() throws {
        let peer = try PeerProcess.start(.script("tls_card"))
        defer { peer.stop() }
        #expect(peer.baseURL.hasPrefix("https://"))

        let refused = try CLIProcess.run(["card", peer.baseURL])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("certificate"), "stderr: \(refused.stderr)")

        let accepted = try CLIProcess.run(["card", peer.baseURL, "--insecure"])
        #expect(accepted.status == 0, "stderr: \(accepted.stderr)")
        #expect(accepted.lines.first?.contains("TLS Self-Signed Agent") == true, "\(accepted.lines)")
    }

    @Test func theDashboardFlagsAnInsecureAgentAndRefusesAVerifiedOne() throws {
        let peer = try PeerProcess.start(.script("tls_card"))
        defer { peer.stop() }
        let config = FileManager.default.temporaryDirectory.appendingPathComponent("agentdeck-tls-\(UUID().uuidString).yaml").path
        defer { unlink(config) }
        try """
            agents:
              - url: \(peer.baseURL)
                name: Unchecked
                insecure: true
              - url: \(peer.baseURL)/.well-known/agent-card.json
                name: Checked
            """.write(toFile: config, atomically: true, encoding: .utf8)
        chmod(config, 0o600)
        let command = [BuiltProducts.path("agentdeck"), "--config", config].map { "'\($0)'" }.joined(separator: " ")
        let screen = try TmuxSession(command: command, width: 140, height: 30)
        defer { screen.kill() }
        let seen = try screen.waitFor(timeout: 20) { s in
            let rows = s.split(separator: "\n")
            return rows.contains { $0.contains("Unchecked") && $0.contains("● up") && $0.contains("⚠tls") }
                && rows.contains { $0.contains("Checked") && !$0.contains("Unchecked") && $0.contains("certificate") }
        }
        #expect(seen.ok, "want Unchecked up with ⚠tls, Checked refused over its certificate:\n\(seen.screen)")
    }
}
