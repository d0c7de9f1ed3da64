import Foundation
import Testing
import TestSupport

/// The dashboard runs without glibc's per-thread cache of freed blocks (docs/DECISIONS.md,
/// "Memory: no thread cache"): it runs itself again with `glibc.malloc.tcache_count=0` added to
/// GLIBC_TUNABLES, keeping any tunables the user set, and leaves a user's own tcache setting alone.
/// Checked on the real dashboard in tmux, through the environment its process image started with.
@Suite("Dashboard malloc tuning (tmux)", .serialized)
struct DashboardMallocTuningTests {
    let agentdeck = BuiltProducts.path("agentdeck")

    /// The environment the dashboard's process image was started with (`/proc/PID/environ`),
    /// once its screen is up.
    private func startingEnvironment(extra: [String: String]) throws -> [String: String] {
        // Port 9 (discard) on loopback: nothing answers, the dashboard shows the agent down.
        let screen = try TmuxSession(command: "'\(agentdeck)' http://127.0.0.1:9/", width: 100, height: 30, environment: extra)
        defer { screen.kill() }
        try #require(try screen.waitFor("AgentDeck").ok)
        let pid = try screen.panePID()
        let raw = try #require(FileManager.default.contents(atPath: "/proc/\(pid)/environ"))
        var environment: [String: String] = [:]
        for entry in raw.split(separator: 0) {
            let text = String(decoding: entry, as: UTF8.self)
            guard let equals = text.firstIndex(of: "=") else { continue }
            environment[String(text[..<equals])] = String(text[text.index(after: equals)...])
        }
        return environment
    }

    @Test func theDashboardRunsWithoutTheThreadCache() throws {
        let environment = try startingEnvironment(extra: [:])
        #expect(environment["GLIBC_TUNABLES"] == "glibc.malloc.tcache_count=0")
        // What the tuned run puts back for the processes it starts: no tunables before.
        #expect(environment["AGENTDECK_PREVIOUS_GLIBC_TUNABLES"] == "")
    }

    /// Run again under its own file name: `ps`, htop and `pkill agentdeck` still find it.
    @Test func theTunedProcessKeepsItsName() throws {
        let screen = try TmuxSession(command: "'\(agentdeck)' http://127.0.0.1:9/", width: 100, height: 30)
        defer { screen.kill() }
        try #require(try screen.waitFor("AgentDeck").ok)
        let pid = try screen.panePID()
        let name = try String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(name == "agentdeck")
        let environment = String(decoding: FileManager.default.contents(atPath: "/proc/\(pid)/environ") ?? Data(), as: UTF8.self)
        #expect(environment.contains("AGENTDECK_PREVIOUS_GLIBC_TUNABLES="), "it was run again")
    }

    @Test func theUsersOtherTunablesAreKept() throws {
        let environment = try startingEnvironment(extra: ["GLIBC_TUNABLES": "glibc.malloc.arena_max=2"])
        // glibc 2.36 cuts the variable at the first ':' as it parses it (in place, after reading
        // every tunable): the image shows ours, which is put first.
        #expect(environment["GLIBC_TUNABLES"]?.hasPrefix("glibc.malloc.tcache_count=0") == true)
        #expect(environment["AGENTDECK_PREVIOUS_GLIBC_TUNABLES"] == "glibc.malloc.arena_max=2")
    }

    @Test func theUsersOwnThreadCacheSettingStands() throws {
        let environment = try startingEnvironment(extra: ["GLIBC_TUNABLES": "glibc.malloc.tcache_count=7"])
        #expect(environment["GLIBC_TUNABLES"] == "glibc.malloc.tcache_count=7")
        #expect(environment["AGENTDECK_PREVIOUS_GLIBC_TUNABLES"] == nil, "not run again")
    }
}
