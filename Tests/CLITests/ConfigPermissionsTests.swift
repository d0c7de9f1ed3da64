import Foundation
import Testing
import TestSupport
@testable import AgentDeckCLI

@Suite struct ConfigPermissionsTests {
    static let plain = try! ConfigLoader.parse("agents:\n  - http://127.0.0.1:9001\n")
    static let withCredentials = try! ConfigLoader.parse("agents:\n  - http://ops:hunter2@127.0.0.1:9001\n  - http://127.0.0.1:9002/?token=abc123\n")

    @Test func aPrivateFileGetsNoWarning() {
        #expect(ConfigPermissions.warnings(path: "c.yaml", mode: 0o600, config: Self.withCredentials).isEmpty)
        #expect(ConfigPermissions.warnings(path: "c.yaml", mode: 0o644, config: Self.plain).isEmpty,
                "a readable file without credentials holds nothing secret")
    }

    @Test func credentialsReadableByOthersAreWarnedAbout() throws {
        let warnings = ConfigPermissions.warnings(path: "c.yaml", mode: 0o644, config: Self.withCredentials)
        let warning = try #require(warnings.first)
        #expect(warnings.count == 1)
        #expect(warning.contains("readable by other users") && warning.contains("2 agent URLs") && warning.contains("chmod 600"))
        #expect(!warning.contains("hunter2") && !warning.contains("abc123"), "the warning itself must not leak them")
    }

    @Test func aFileOthersCanWriteIsWarnedAboutEvenWithoutSecrets() throws {
        let warnings = ConfigPermissions.warnings(path: "c.yaml", mode: 0o666, config: Self.plain)
        #expect(warnings.count == 1)
        #expect(try #require(warnings.first).contains("writable by other users"))
    }

    /// `agentdeck info` reads the real file's mode and says so.
    @Test func infoReportsTheWarningForARealFile() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("agentdeck-perm-\(UUID().uuidString).yaml").path
        defer { unlink(path) }
        try "agents:\n  - http://ops:hunter2@127.0.0.1:9001\n".write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o644)
        let open = try CLIProcess.run(["info", "--config", path])
        #expect(open.status == 0, "stderr: \(open.stderr)")
        #expect(open.lines.contains { $0.hasPrefix("warning:") && $0.contains("readable by other users") }, "\(open.lines)")
        #expect(!open.lines.joined().contains("hunter2"))
        chmod(path, 0o600)
        let closed = try CLIProcess.run(["info", "--config", path])
        #expect(!closed.lines.contains { $0.hasPrefix("warning:") }, "\(closed.lines)")
    }
}
