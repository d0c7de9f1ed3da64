import Foundation
import Testing
import TestSupport

/// A fleet that crashes and comes back, again and again, under the real dashboard: the console's
/// open descriptors and memory must stay flat. `make test` runs a short soak
/// (AGENTDECK_SOAK_CYCLES, default 12); `make soak` runs 100 cycles and prints the figures.
@Suite("Soak: agents killed and restarted", .serialized)
struct SoakTests {
    static let cycles = Int(ProcessInfo.processInfo.environment["AGENTDECK_SOAK_CYCLES"] ?? "") ?? 12
    static let agents = 3

    /// Starts three demo agents on fixed ports and waits for their card URLs.
    private func startFleet(port: Int) throws -> (CLIProcess, [String]) {
        let fleet = try CLIProcess(
            ["--scenario", "demo", "--agents", "\(Self.agents)", "--port", "\(port)"], executable: "agentdeck-fleet")
        let deadline = Date().addingTimeInterval(20)
        while fleet.lines.count < Self.agents && Date() < deadline { usleep(20_000) }
        guard fleet.lines.count >= Self.agents else {
            fleet.crash()
            throw FleetDidNotStart(description: "fleet did not start on port \(port): \(fleet.stderr)")
        }
        return (fleet, Array(fleet.lines.prefix(Self.agents)))
    }

    @Test func fleetKilledAndRestartedManyTimesKeepsDescriptorsAndMemoryFlat() throws {
        let port = try #require(ProcessFigures.freePort())
        var (fleet, urls) = try startFleet(port: port)
        let command = ([BuiltProducts.path("agentdeck"), "--poll-interval", "1"] + urls).map { "'\($0)'" }.joined(separator: " ")
        let screen = try TmuxSession(command: command, width: 120, height: 40)
        defer { screen.kill() }
        let pid = try screen.panePID()
        let allUp = "●\(Self.agents) "

        var figures: [(cycle: Int, fds: Int, rssKiB: Int)] = []
        for cycle in 1...Self.cycles {
            let up = try screen.waitFor(timeout: 20) { $0.contains(allUp) }
            try #require(up.ok, "cycle \(cycle): agents not back up:\n\(up.screen)")
            // A live stream for the crash to cut.
            try screen.dispatch("sleep=30")
            let working = try screen.waitFor(timeout: 10) { $0.contains("│▶ working") }
            try #require(working.ok, "cycle \(cycle): the task never ran:\n\(working.screen)")

            fleet.crash()
            let down = try screen.waitFor(timeout: 20) { $0.contains("●0 ") }
            try #require(down.ok, "cycle \(cycle): the crash was not noticed:\n\(down.screen)")
            let fds = try #require(ProcessFigures.openDescriptors(pid), "the console exited")
            let rss = try #require(ProcessFigures.residentKiB(pid))
            figures.append((cycle, fds, rss))
            (fleet, _) = try startFleet(port: port)
        }
        fleet.crash()
        #expect(try !screen.paneIsDead())

        let warm = figures[min(2, figures.count - 1)]
        let last = try #require(figures.last)
        print("soak_cycles: \(Self.cycles)")
        print("soak_fds_after_cycle_\(warm.cycle): \(warm.fds)")
        print("soak_fds_after_cycle_\(last.cycle): \(last.fds)")
        print("soak_rss_after_cycle_\(warm.cycle): \(warm.rssKiB) KiB")
        print("soak_rss_after_cycle_\(last.cycle): \(last.rssKiB) KiB")
        // Descriptors: exactly flat but for a connection or two in flight at the sample.
        #expect(last.fds <= warm.fds + 2, "descriptors grew: \(figures.map(\.fds))")
        // Memory: one finished task per cycle is kept (retention bounds it); allow 16 KiB each
        // plus allocator noise, never growth per connection.
        let allowance = 4096 + 16 * (last.cycle - warm.cycle)
        #expect(last.rssKiB <= warm.rssKiB + allowance, "RSS grew: \(figures.map(\.rssKiB)) KiB")
    }
}

struct FleetDidNotStart: Error, CustomStringConvertible {
    var description: String
}
