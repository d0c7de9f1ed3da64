import Foundation
import Testing
import TestSupport
@testable import FleetKit

/// The `agentdeck-fleet` binary itself: stdout handshake, signals, bounds, load runs.
@Suite(.serialized) struct ProcessTests {
    /// The binary sits beside the test bundle in the build directory.
    static var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("agentdeck-fleet")
    }

    final class Launched: @unchecked Sendable {
        let process = Process()
        let stdout = Pipe()
        let stderr = Pipe()
    }

    static func launch(_ arguments: [String]) throws -> Launched {
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw CocoaError(.fileNoSuchFile, userInfo: [NSLocalizedDescriptionKey: "\(binary.path) missing: build the agentdeck-fleet product first (swift build)"])
        }
        let l = Launched()
        l.process.executableURL = binary
        l.process.arguments = arguments
        l.process.standardOutput = l.stdout
        l.process.standardError = l.stderr
        l.process.standardInput = FileHandle.nullDevice
        try l.process.run()
        return l
    }

    /// Reads stdout until `count` lines arrived (or EOF), off the cooperative pool.
    static func lines(_ l: Launched, count: Int) async -> [String] {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var text = ""
                while text.filter({ $0 == "\n" }).count < count {
                    let chunk = l.stdout.fileHandleForReading.availableData
                    if chunk.isEmpty { break }
                    text += String(decoding: chunk, as: UTF8.self)
                }
                continuation.resume(returning: text.split(separator: "\n").map(String.init))
            }
        }
    }

    static func wait(_ l: Launched) async -> (status: Int32, stderr: String) {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let err = readToEndRetryingInterrupts(l.stderr.fileHandleForReading)
                l.process.waitUntilExit()
                continuation.resume(returning: (l.process.terminationStatus, String(decoding: err, as: UTF8.self)))
            }
        }
    }

    @Test func printsCardURLsThenStopsCleanlyOnSIGTERMClosingOpenStreams() async throws {
        let fleet = try Self.launch(["--agents", "3", "--delegate-every", "0"])
        let urls = await Self.lines(fleet, count: 3)
        #expect(urls.count == 3)
        #expect(urls.allSatisfy { $0.hasPrefix("http://127.0.0.1:") && $0.hasSuffix("/.well-known/agent-card.json") })
        let base = try #require(urls.first.map { String($0.dropLast("/.well-known/agent-card.json".count)) + "/" })
        #expect(await Curl.request(urls[0]).json?["name"]?.stringValue == "Inventory Intelligence Agent")

        // An open stream must end cleanly (a complete chunked body) when the fleet stops.
        async let stream = Curl.rpc(base, "SendStreamingMessage",
                                    #"{"message":{"messageId":"m","role":"ROLE_USER","parts":[{"text":"sleep=300"}]}}"#,
                                    version: "1.0")
        for _ in 0..<250 {
            if await Curl.rpc(base, "ListTasks", "{}", version: "1.0").json?["result"]?["totalSize"]?.intValue == 1 { break }
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        kill(fleet.process.processIdentifier, SIGTERM)
        let ended = await stream
        #expect(ended.exitCode == 0)  // curl saw the end of the chunked body, not a broken transfer
        #expect(ended.events.first?["result"]?["task"] != nil)
        let (status, _) = await Self.wait(fleet)
        #expect(status == 0)
    }

    @Test func refusesNonLoopbackHostsAndTooManyAgents() async throws {
        let open = try Self.launch(["--host", "0.0.0.0"])
        let (status, stderr) = await Self.wait(open)
        #expect(status != 0)
        #expect(stderr.contains("loopback"))
        let many = try Self.launch(["--scenario", "load", "--agents", "5000"])
        #expect(await Self.wait(many).status != 0)
    }

    @Test func loadRunEndsByItselfWithinItsDuration() async throws {
        let load = try Self.launch(["--scenario", "load", "--agents", "20", "--rate", "200", "--tasks", "20",
                                    "--duration", "2", "--chaos-5xx", "0.05"])
        let urls = await Self.lines(load, count: 20)
        #expect(urls.count == 20)
        #expect(urls.contains { $0.hasSuffix("/.well-known/agent.json") })  // a blog-era agent among them
        let (status, stderr) = await Self.wait(load)
        #expect(status == 0)
        #expect(stderr.contains("load: started"))
    }

    @Test func idleAndStreamRunsEndByThemselvesAndStatsCountWrittenEvents() async throws {
        let idle = try Self.launch(["--scenario", "idle", "--agents", "5", "--duration", "1"])
        #expect(await Self.lines(idle, count: 5).count == 5)
        let (idleStatus, idleErr) = await Self.wait(idle)
        #expect(idleStatus == 0)
        #expect(!idleErr.contains("load: started"), "nothing runs in the idle fleet")

        let stream = try Self.launch(["--scenario", "stream", "--agents", "5", "--tasks", "5", "--rate", "50",
                                      "--duration", "2", "--stats"])
        let urls = await Self.lines(stream, count: 5)
        #expect(urls.count == 5)
        #expect(urls.allSatisfy { $0.hasSuffix("/.well-known/agent-card.json") }, "no blog-era agent among them")
        let (status, stderr) = await Self.wait(stream)
        #expect(status == 0)
        #expect(stderr.contains("load: started 5 tasks"), "tasks live longer than the run: no second round")
        // Nobody subscribed over HTTP (the driver reads its tasks in-process): the tally says 0.
        #expect(stderr.contains("sse_events_written 0"))
    }

    @Test func fixedPortGivesConsecutivePorts() async throws {
        let first = Int.random(in: 20_000...60_000)
        let fleet = try Self.launch(["--agents", "3", "--port", String(first), "--delegate-every", "0"])
        let urls = await Self.lines(fleet, count: 3)
        kill(fleet.process.processIdentifier, SIGTERM)
        let (status, stderr) = await Self.wait(fleet)
        if urls.isEmpty {
            // Only acceptable reason: one of the three ports was taken; the fleet must say so.
            #expect(status != 0 && !stderr.isEmpty)
        } else {
            #expect(urls.compactMap { URL(string: $0)?.port } == [first, first + 1, first + 2])
            #expect(status == 0)
        }
    }
}
