import Foundation
import Testing
import TestSupport

/// `agentdeck card/send/get/cancel/tasks` against real A2A servers (official a2a-sdk 1.3.0 and 0.3.26,
/// and a blog-era 0.1 agent) on 127.0.0.1: the issue-2 proof, dialect by dialect.
@Suite("CLI against real peers", .serialized)
struct CLIAgainstPeersTests {
    /// Every dialect we speak, as a peer we can start.
    static let dialects: [PeerKind] = [.v1(compat: true), .v1(compat: false), .v03, .v01(style: .standard), .v01(style: .adhoc)]

    @Test("card is discovered and normalized", arguments: dialects)
    func cardDiscovery(kind: PeerKind) throws {
        let peer = try PeerProcess.start(kind)
        defer { peer.stop() }
        let run = try CLIProcess.run(["card", peer.baseURL, "--json"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let line = try #require(run.lines.first.flatMap(json))
        #expect(line["kind"] as? String == "card")
        #expect((line["name"] as? String)?.isEmpty == false)
        let expectedDialect: String
        switch kind {
        case .v1: expectedDialect = "1.0"
        case .v03: expectedDialect = "0.3"
        default: expectedDialect = "0.1"
        }
        #expect(line["dialect"] as? String == expectedDialect)
        // 0.1 cards live only at the legacy path: discovery must have fallen back to it.
        if case .v01 = kind { #expect((line["cardUrl"] as? String)?.hasSuffix("/.well-known/agent.json") == true) }
    }

    @Test("streaming send shows progress and assembles a multi-chunk artifact exactly", arguments: dialects)
    func streamingSend(kind: PeerKind) throws {
        let peer = try PeerProcess.start(kind)
        defer { peer.stop() }
        let run = try CLIProcess.run(["send", peer.baseURL, "chunks=4 delay=0.05", "--json"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let events = run.lines.compactMap(json)
        #expect(events.allSatisfy { $0["agent"] as? String == peer.baseURL && $0["kind"] != nil })
        #expect(events.last?["state"] as? String == "completed" || events.contains { $0["state"] as? String == "completed" })
        let chunks = events.filter { $0["kind"] as? String == "artifact" }
        // Blog-era ad-hoc agents send the whole result at the end, in one `task_result`.
        #expect(chunks.count >= (kind == .v01(style: .adhoc) ? 1 : 4))
        let text = chunks.compactMap { (($0["artifact"] as? [String: Any])?["parts"] as? [[String: Any]])?.compactMap { $0["text"] as? String }.joined() }.joined()
        #expect(text == (1...4).map { "[\($0)/4] The quick brown fox jumps over the lazy dog.\n" }.joined())
    }

    @Test("progress arrives as status events with percent", arguments: [PeerKind.v1(compat: false), .v03, .v01(style: .adhoc)])
    func progress(kind: PeerKind) throws {
        let peer = try PeerProcess.start(kind)
        defer { peer.stop() }
        let run = try CLIProcess.run(["send", peer.baseURL, "steps=3 delay=0.05", "--json"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let working = run.lines.compactMap(json).filter { $0["state"] as? String == "working" }
        #expect(working.count >= 3)
        #expect(working.contains { ($0["text"] as? String)?.contains("Step") == true || $0["progress"] != nil })
    }

    @Test("blocking send without streaming", arguments: [PeerKind.v1(compat: false), .v03, .v01(style: .standard)])
    func blockingSend(kind: PeerKind) throws {
        let peer = try PeerProcess.start(kind)
        defer { peer.stop() }
        let run = try CLIProcess.run(["send", peer.baseURL, "hello there", "--no-stream", "--json"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let last = try #require(run.lines.compactMap(json).last)
        #expect(last["state"] as? String == "completed")
        #expect(run.lines.joined().contains("Echo: hello there"))
    }

    @Test("input-required exits 3, and a follow-up on the same task completes it", arguments: [PeerKind.v1(compat: false), .v03, .v01(style: .standard)])
    func inputRequiredThenFollowUp(kind: PeerKind) throws {
        let peer = try PeerProcess.start(kind)
        defer { peer.stop() }
        let first = try CLIProcess.run(["send", peer.baseURL, "ask", "--json"])
        #expect(first.status == 3, "stderr: \(first.stderr)")
        let events = first.lines.compactMap(json)
        let taskID = try #require(events.compactMap { $0["taskId"] as? String }.last)
        let contextID = try #require(events.compactMap { $0["contextId"] as? String }.last)
        #expect(events.contains { $0["state"] as? String == "input-required" })

        let second = try CLIProcess.run(["send", peer.baseURL, "blue", "--task-id", taskID, "--context-id", contextID, "--json"])
        #expect(second.status == 0, "stderr: \(second.stderr)")
        #expect(second.lines.joined().contains("You said: blue"))
        #expect(second.lines.compactMap(json).allSatisfy { ($0["taskId"] as? String) == taskID || $0["taskId"] is NSNull })
    }

    @Test("cancel of a running task: the follower sees canceled and exits 2", arguments: [PeerKind.v1(compat: false), .v03, .v01(style: .standard)])
    func cancelRunningTask(kind: PeerKind) throws {
        let peer = try PeerProcess.start(kind)
        defer { peer.stop() }
        let sender = try CLIProcess(["send", peer.baseURL, "sleep=30", "--json"])
        defer { sender.terminate() }
        let started = try #require(sender.waitForLine { $0.contains("\"taskId\":\"") && $0.contains("working") })
        let taskID = try #require(json(started)?["taskId"] as? String)

        let cancel = try CLIProcess.run(["cancel", peer.baseURL, taskID, "--json"])
        #expect(cancel.status == 0, "stderr: \(cancel.stderr)")
        #expect(cancel.lines.compactMap(json).last?["state"] as? String == "canceled")
        #expect(sender.wait(timeout: 20) == 2)

        // Canceling again is refused with a clear message (-32002, task not cancelable).
        let again = try CLIProcess.run(["cancel", peer.baseURL, taskID])
        #expect(again.status == 1)
        #expect(again.stderr.contains("cannot be canceled"), "stderr: \(again.stderr)")
    }

    @Test("a stream cut by the server is resumed (get + resubscribe) to the end", arguments: [PeerKind.v1(compat: false), .v03])
    func streamCutAndResumed(kind: PeerKind) throws {
        let peer = try PeerProcess.start(kind)
        defer { peer.stop() }
        let run = try CLIProcess.run(["send", peer.baseURL, "steps=6 delay=0.2 cut=2", "--json"])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let states = run.lines.compactMap(json).compactMap { $0["state"] as? String }
        #expect(states.last == "completed")
    }

    @Test("get returns the task; an unknown id is a clear not-found", arguments: [PeerKind.v1(compat: false), .v03, .v01(style: .standard)])
    func getTask(kind: PeerKind) throws {
        let peer = try PeerProcess.start(kind)
        defer { peer.stop() }
        let sent = try CLIProcess.run(["send", peer.baseURL, "hello", "--json"])
        let taskID = try #require(sent.lines.compactMap(json).compactMap { $0["taskId"] as? String }.first)
        let got = try CLIProcess.run(["get", peer.baseURL, taskID, "--json"])
        #expect(got.status == 0, "stderr: \(got.stderr)")
        #expect(got.lines.compactMap(json).first?["state"] as? String == "completed")

        let missing = try CLIProcess.run(["get", peer.baseURL, "no-such-task"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("task not found"), "stderr: \(missing.stderr)")
        #expect(missing.stderr.split(separator: "\n").count == 1)
    }

    @Test func listTasksOnA1_0Agent() throws {
        let peer = try PeerProcess.start(.v1(compat: false))
        defer { peer.stop() }
        _ = try CLIProcess.run(["send", peer.baseURL, "hello", "--json"])
        _ = try CLIProcess.run(["send", peer.baseURL, "ask", "--json"])
        let all = try CLIProcess.run(["tasks", peer.baseURL, "--json"])
        #expect(all.status == 0, "stderr: \(all.stderr)")
        #expect(all.lines.compactMap(json).count == 2)
        let waiting = try CLIProcess.run(["tasks", peer.baseURL, "--state", "input-required", "--json"])
        let rows = waiting.lines.compactMap(json)
        #expect(rows.count == 1)
        #expect(rows.first?["state"] as? String == "input-required")
    }

    @Test func listTasksOnA0_3AgentSaysItIsUnsupported() throws {
        let peer = try PeerProcess.start(.v03)
        defer { peer.stop() }
        let run = try CLIProcess.run(["tasks", peer.baseURL])
        #expect(run.status == 1)
        #expect(run.stderr.contains("not offered"), "stderr: \(run.stderr)")
    }

    @Test func bearerTokenFromTheEnvironmentIsSentAndNeverPrinted() throws {
        let secret = "tok-\(UUID().uuidString)"
        let peer = try PeerProcess.start(.v1(compat: false), args: ["--require-bearer-env", "PEER_TOKEN"], env: ["PEER_TOKEN": secret])
        defer { peer.stop() }
        let denied = try CLIProcess.run(["send", peer.baseURL, "hello", "--json"])
        #expect(denied.status == 1)
        let allowed = try CLIProcess.run(["send", peer.baseURL, "hello", "--json", "--bearer-env", "MY_TOKEN"], environment: ["MY_TOKEN": secret])
        #expect(allowed.status == 0, "stderr: \(allowed.stderr)")
        #expect(!(allowed.lines.joined() + allowed.stderr + denied.stderr).contains(secret))
        let unset = try CLIProcess.run(["send", peer.baseURL, "hello", "--bearer-env", "NOT_SET_ANYWHERE"])
        #expect(unset.status == 1)
        #expect(unset.stderr.contains("NOT_SET_ANYWHERE"))
    }

    @Test func unreachableAgentIsOneClearLine() throws {
        let run = try CLIProcess.run(["card", "http://127.0.0.1:9"])
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("agentdeck: http://127.0.0.1:9"))
        #expect(run.stderr.split(separator: "\n").count == 1)
    }
}

private func json(_ line: String) -> [String: Any]? {
    (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
}
