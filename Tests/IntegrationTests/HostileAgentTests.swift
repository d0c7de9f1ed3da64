import Foundation
import Testing
import TestSupport

/// The real `agentdeck` binary against `tests/peers/hostile_agent.py`, an A2A agent that tries to
/// hurt its client (issue 7). For every attack the CLI must: not crash (exit 0/1, never a signal),
/// put no agent-supplied control sequence into the bytes it writes, end by itself (a timeout, not a
/// hang), stay within a memory bound, and never hand the operator's credential to another origin.
@Suite("CLI against a hostile agent", .serialized)
struct HostileAgentTests {
    /// Generous bounds: they catch unbounded growth (the flood would reach gigabytes), not tuning.
    static let memoryBoundKiB = 256 * 1024
    static let floodMemoryBoundKiB = 160 * 1024

    // MARK: Terminal injection

    @Test("card with escape sequences, C0/C1 controls and bidi overrides: shown as placeholders")
    func escapeCardHuman() throws {
        let peer = try PeerProcess.start(.script("hostile_agent"))
        defer { peer.stop() }
        let run = try RawCLIRun.run(["card", cardURL(peer, "esc")])
        #expect(run.ending == .exited(0), "\(run.ending): \(run.stderrText)")
        expectTerminalSafe(run)
        // The sanitizer's placeholders stand where the sequences were: the text is shown, defused.
        #expect(run.stdoutText.contains("hostile\u{241B}"), "ESC sequences should become ␛")
        #expect(run.stdoutText.contains("\u{21C4}evil"), "bidi overrides should become ⇄")
        #expect(run.stdoutText.contains("Hostile hostile"))
    }

    @Test("--json keeps the agent's text exactly, with every terminal-active character \\u-escaped")
    func escapeCardJSON() throws {
        let peer = try PeerProcess.start(.script("hostile_agent"))
        defer { peer.stop() }
        let run = try RawCLIRun.run(["card", cardURL(peer, "esc"), "--json"])
        #expect(run.ending == .exited(0), "\(run.ending): \(run.stderrText)")
        expectTerminalSafe(run)
        let line = try #require(jsonLines(run).first)
        let name = try #require(line["name"] as? String)
        // Escaping is lossless: a script gets the agent's exact name back after JSON decoding.
        #expect(name.contains("\u{1B}]0;pwned\u{07}"))
        #expect(name.contains("\u{9B}31m"))
        #expect(name.contains("\u{202E}evil"))
    }

    @Test("streamed task with hostile status text, artifact, task id and message", arguments: [false, true])
    func escapeStream(json: Bool) throws {
        let peer = try PeerProcess.start(.script("hostile_agent"))
        defer { peer.stop() }
        let run = try RawCLIRun.run(["send", cardURL(peer, "esc"), "hi"] + (json ? ["--json"] : []))
        #expect(run.ending == .exited(0), "\(run.ending): \(run.stderrText)")
        expectTerminalSafe(run)
        if json {
            let events = jsonLines(run)
            #expect(events.contains { $0["state"] as? String == "completed" })
            #expect(events.contains { ($0["taskId"] as? String)?.contains("\u{1B}[2J") == true })
        } else {
            #expect(run.stdoutText.contains("[completed]"))
            #expect(run.stdoutText.contains("\u{241B}"))
        }
    }

    @Test("an RPC error message with escape sequences: one sanitized stderr line, exit 1")
    func escapeErrorMessage() throws {
        let peer = try PeerProcess.start(.script("hostile_agent"))
        defer { peer.stop() }
        let run = try RawCLIRun.run(["get", cardURL(peer, "esc"), "some-task"])
        #expect(run.ending == .exited(1), "\(run.ending): \(run.stderrText)")
        expectTerminalSafe(run)
        expectOneClearErrorLine(run, containing: "Task not found hostile\u{241B}")
    }

    @Test("5xx with an HTML body full of escapes, on the card and on a call: one sanitized line")
    func serverErrors() throws {
        let peer = try PeerProcess.start(.script("hostile_agent"))
        defer { peer.stop() }
        let card = try RawCLIRun.run(["card", cardURL(peer, "5xx")])
        #expect(card.ending == .exited(1), "\(card.ending): \(card.stderrText)")
        expectTerminalSafe(card)
        expectOneClearErrorLine(card, containing: "HTTP 503")

        let call = try RawCLIRun.run(["send", cardURL(peer, "rpc500"), "hi", "--no-stream"])
        #expect(call.ending == .exited(1), "\(call.ending): \(call.stderrText)")
        expectTerminalSafe(call)
        expectOneClearErrorLine(call, containing: "HTTP 500")
    }

    @Test("invalid UTF-8 inside JSON strings becomes U+FFFD; output stays valid UTF-8", arguments: [false, true])
    func invalidUTF8(json: Bool) throws {
        let peer = try PeerProcess.start(.script("hostile_agent"))
        defer { peer.stop() }
        let flag = json ? ["--json"] : []
        let card = try RawCLIRun.run(["card", cardURL(peer, "badutf8")] + flag)
        #expect(card.ending == .exited(0), "\(card.ending): \(card.stderrText)")
        expectTerminalSafe(card)
        #expect(card.stdoutText.contains("bad\u{FFFD}"))

        let send = try RawCLIRun.run(["send", cardURL(peer, "badutf8"), "hi"] + flag)
        #expect(send.ending == .exited(0), "\(send.ending): \(send.stderrText)")
        expectTerminalSafe(send)
        #expect(send.stdoutText.contains("bad\u{FFFD}"))
    }

    // MARK: Size

    @Test("a 10 MB card is refused by the card size cap, in bounded memory")
    func tenMegabyteCard() throws {
        let peer = try PeerProcess.start(.script("hostile_agent"))
        defer { peer.stop() }
        let run = try RawCLIRun.run(["card", cardURL(peer, "bigcard")])
        #expect(run.ending == .exited(1), "\(run.ending): \(run.stderrText)")
        expectOneClearErrorLine(run, containing: "larger than")
        #expect(run.peakRSSKiB > 0 && run.peakRSSKiB < Self.memoryBoundKiB, "peak RSS (0: never measured) \(run.peakRSSKiB) KiB")
    }

    @Test("a gzip bomb (300 KB inflating to 64 MB) stops at the card size cap after decoding")
    func gzipBomb() throws {
        let peer = try PeerProcess.start(.script("hostile_agent"))
        defer { peer.stop() }
        let run = try RawCLIRun.run(["card", cardURL(peer, "gzip")])
        #expect(run.ending == .exited(1), "\(run.ending): \(run.stderrText)")
        expectOneClearErrorLine(run, containing: "larger than")
        #expect(run.peakRSSKiB > 0 && run.peakRSSKiB < Self.memoryBoundKiB, "peak RSS (0: never measured) \(run.peakRSSKiB) KiB")
    }

    @Test("a streamed 10 MB artifact is dropped with a warning, the task still completes")
    func tenMegabyteStreamedField() throws {
        let peer = try PeerProcess.start(.script("hostile_agent"))
        defer { peer.stop() }
        let run = try RawCLIRun.run(["send", cardURL(peer, "bigfield"), "hi", "--json"])
        #expect(run.ending == .exited(0), "\(run.ending): \(run.stderrText)")
        // One 10 MB `data:` line trips the line cap before the event cap: either says it was dropped.
        #expect(run.stderrText.contains("event discarded"), "the operator should hear that an event was dropped")
        #expect(jsonLines(run).last?["state"] as? String == "completed")
        #expect(run.peakRSSKiB > 0 && run.peakRSSKiB < Self.memoryBoundKiB, "peak RSS (0: never measured) \(run.peakRSSKiB) KiB")
    }

    @Test("a 10 MB field in a blocking answer is printed whole with --json, in bounded memory")
    func tenMegabyteBlockingField() throws {
        let peer = try PeerProcess.start(.script("hostile_agent"))
        defer { peer.stop() }
        let run = try RawCLIRun.run(["send", cardURL(peer, "bigfield"), "hi", "--no-stream", "--json"])
        #expect(run.ending == .exited(0), "\(run.ending): \(run.stderrText)")
        let task = try #require(jsonLines(run).last)
        let artifacts = try #require(task["artifacts"] as? [[String: Any]])
        let text = (artifacts.first?["parts"] as? [[String: Any]])?.first?["text"] as? String
        #expect(text?.utf8.count == 10 * 1024 * 1024)
        #expect(run.peakRSSKiB > 0 && run.peakRSSKiB < Self.memoryBoundKiB, "peak RSS (0: never measured) \(run.peakRSSKiB) KiB")

        // Without --json the line is cut by the sanitizer: nobody wants 10 MB on a terminal.
        let human = try RawCLIRun.run(["send", cardURL(peer, "bigfield"), "hi", "--no-stream"])
        #expect(human.ending == .exited(0), "\(human.ending): \(human.stderrText)")
        #expect(human.stdout.count < 1 << 20, "human output \(human.stdout.count) bytes")
    }

    @Test("a card with 100,000 skills is listed and the command ends")
    func hundredThousandSkills() throws {
        let peer = try PeerProcess.start(.script("hostile_agent"))
        defer { peer.stop() }
        let run = try RawCLIRun.run(["card", cardURL(peer, "skills"), "--json"], deadline: 45)
        #expect(run.ending == .exited(0), "\(run.ending): \(run.stderrText)")
        #expect((jsonLines(run).first?["skills"] as? [Any])?.count == 100_000)
        #expect(run.peakRSSKiB > 0 && run.peakRSSKiB < Self.memoryBoundKiB, "peak RSS (0: never measured) \(run.peakRSSKiB) KiB")
    }

    // MARK: Structure

    @Test("JSON nested 100,000 levels: refused by the depth limit, no stack overflow")
    func deepNesting() throws {
        let peer = try PeerProcess.start(.script("hostile_agent"))
        defer { peer.stop() }
        let card = try RawCLIRun.run(["card", cardURL(peer, "deep")])
        #expect(card.ending == .exited(1), "\(card.ending): \(card.stderrText)")
        expectOneClearErrorLine(card, containing: "nesting deeper")

        // In a stream, the deep events are warnings; the good ones around them still count.
        let send = try RawCLIRun.run(["send", cardURL(peer, "deepstream"), "hi", "--json"])
        #expect(send.ending == .exited(0), "\(send.ending): \(send.stderrText)")
        #expect(send.stderrText.contains("nesting deeper"))
        #expect(jsonLines(send).last?["state"] as? String == "completed")
    }

    @Test("wrong JSON types everywhere: no crash, the card is read as far as it makes sense")
    func wrongTypes() throws {
        let peer = try PeerProcess.start(.script("hostile_agent"))
        defer { peer.stop() }
        let card = try RawCLIRun.run(["card", cardURL(peer, "types"), "--json"])
        #expect(card.ending == .exited(0) || card.ending == .exited(1), "\(card.ending): \(card.stderrText)")
        expectTerminalSafe(card)
        if card.ending == .exited(1) { expectOneClearErrorLine(card, containing: "") }

        let send = try RawCLIRun.run(["send", cardURL(peer, "types"), "hi", "--json"])
        #expect(send.ending == .exited(0) || send.ending == .exited(1), "\(send.ending): \(send.stderrText)")
        expectTerminalSafe(send)
    }

    // MARK: Time

    @Test("an SSE line that never ends: dropped at the line cap, then the idle timeout ends the stream")
    func endlessLine() throws {
        let peer = try PeerProcess.start(.script("hostile_agent"))
        defer { peer.stop() }
        let run = try RawCLIRun.run(["send", cardURL(peer, "noend"), "hi", "--idle-timeout", "3"], deadline: 40)
        #expect(run.ending == .exited(1), "\(run.ending): \(run.stderrText)")
        #expect(run.stderrText.contains("idle timeout"), "stderr: \(run.stderrText)")
        #expect(run.peakRSSKiB > 0 && run.peakRSSKiB < Self.memoryBoundKiB, "peak RSS (0: never measured) \(run.peakRSSKiB) KiB")
    }

    @Test("a stream trickling one byte per second does not count as alive")
    func oneBytePerSecondStream() throws {
        let peer = try PeerProcess.start(.script("hostile_agent"))
        defer { peer.stop() }
        let run = try RawCLIRun.run(["send", cardURL(peer, "slow"), "hi", "--idle-timeout", "3", "--timeout", "5"], deadline: 40)
        #expect(run.ending == .exited(1), "\(run.ending): \(run.stderrText)")
        expectTerminalSafe(run)
    }

    @Test("a card trickling one byte per second fails at --timeout")
    func oneBytePerSecondCard() throws {
        let peer = try PeerProcess.start(.script("hostile_agent"))
        defer { peer.stop() }
        let run = try RawCLIRun.run(["card", cardURL(peer, "slow"), "--timeout", "3"], deadline: 30)
        #expect(run.ending == .exited(1), "\(run.ending): \(run.stderrText)")
        expectOneClearErrorLine(run, containing: "timed out")
    }

    @Test("a server that accepts and never answers fails at --timeout")
    func neverAnswers() async throws {
        let peer = try PeerProcess.start(.script("hostile_agent"))
        defer { peer.stop() }
        let silent = try await HTTPProbe.get(peer.url("/silent-url")).text
        let run = try RawCLIRun.run(["card", silent + "/agent-card.json", "--timeout", "2"], deadline: 30)
        #expect(run.ending == .exited(1), "\(run.ending): \(run.stderrText)")
        expectOneClearErrorLine(run, containing: "timed out")
    }

    @Test("an endless SSE flood: the queue bound drops the stream, memory stays bounded")
    func flood() throws {
        let peer = try PeerProcess.start(.script("hostile_agent"))
        defer { peer.stop() }
        let run = try RawCLIRun.run(
            ["send", cardURL(peer, "flood"), "hi", "--json"], deadline: 40, stopAfter: 25, maxCaptureBytes: 4 << 20)
        #expect(run.ending != .hung)
        #expect(run.stdout.count > 100_000, "the CLI should have been printing the flood")
        #expect(run.peakRSSKiB > 0 && run.peakRSSKiB < Self.floodMemoryBoundKiB, "peak RSS (0: never measured) \(run.peakRSSKiB) KiB")
        if !run.stoppedByCaller {
            // Printing cannot keep up with a loopback flood: the follower drops the stream, says so,
            // and then asks the agent about the task (this one does not know it: exit 1).
            #expect(run.ending == .exited(1), "\(run.ending): \(run.stderrText)")
            #expect(run.stderrText.contains("stream dropped"), "stderr: \(run.stderrText)")
        }
    }

    // MARK: Credentials

    @Test("a redirect to another origin: the bearer token is not sent there, and never printed")
    func redirectToOtherOrigin() async throws {
        let peer = try PeerProcess.start(.script("hostile_agent"))
        defer { peer.stop() }
        let secret = "tok-\(UUID().uuidString)"
        let run = try RawCLIRun.run(["card", cardURL(peer, "redirect"), "--bearer-env", "HOSTILE_TOKEN"],
                                    environment: ["HOSTILE_TOKEN": secret])
        #expect(run.ending == .exited(1), "\(run.ending): \(run.stderrText)")
        expectOneClearErrorLine(run, containing: "HTTP 307")
        #expect(!(run.stdoutText + run.stderrText).contains(secret))
        let recorded = try await recordedOnOtherOrigin(peer)
        #expect(recorded.allSatisfy { $0["authorization"] is NSNull }, "other origin got: \(recorded)")
    }

    @Test("a card naming an endpoint on another origin: calls go there without the credential")
    func endpointOnOtherOrigin() async throws {
        let peer = try PeerProcess.start(.script("hostile_agent"))
        defer { peer.stop() }
        let secret = "tok-\(UUID().uuidString)"
        let run = try RawCLIRun.run(["send", cardURL(peer, "foreign"), "hi", "--json", "--bearer-env", "HOSTILE_TOKEN"],
                                    environment: ["HOSTILE_TOKEN": secret])
        #expect(run.ending == .exited(0), "\(run.ending): \(run.stderrText)")
        expectTerminalSafe(run)
        #expect(!(run.stdoutText + run.stderrText).contains(secret))
        let recorded = try await recordedOnOtherOrigin(peer)
        #expect(!recorded.isEmpty, "the call should have reached the other origin")
        #expect(recorded.allSatisfy { $0["authorization"] is NSNull }, "other origin got: \(recorded)")
    }

    // MARK: Helpers

    private func cardURL(_ peer: PeerProcess, _ mode: String) -> String {
        peer.url("/m/\(mode)/agent-card.json")
    }

    private func recordedOnOtherOrigin(_ peer: PeerProcess) async throws -> [[String: Any]] {
        let body = try await HTTPProbe.get(peer.url("/recorded")).body
        return try #require(try JSONSerialization.jsonObject(with: body) as? [[String: Any]])
    }

    private func jsonLines(_ run: RawCLIRun) -> [[String: Any]] {
        run.stdoutText.split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any]
        }
    }

    /// No byte of stdout or stderr may drive a terminal.
    private func expectTerminalSafe(_ run: RawCLIRun, sourceLocation: SourceLocation = #_sourceLocation) {
        for (name, bytes) in [("stdout", run.stdout), ("stderr", run.stderr)] {
            let problems = TerminalSafety.violations(in: bytes)
            #expect(problems.isEmpty, "\(name): \(problems.prefix(5))", sourceLocation: sourceLocation)
        }
    }

    /// A failure is said once, on one line, by agentdeck (stream warnings may come before it).
    private func expectOneClearErrorLine(
        _ run: RawCLIRun, containing fragment: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let lines = run.stderrText.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        let errors = lines.filter { !$0.hasPrefix("agentdeck: warning:") }
        #expect(errors.count == 1, "stderr: \(run.stderrText)", sourceLocation: sourceLocation)
        #expect(lines.allSatisfy { $0.hasPrefix("agentdeck: ") }, "stderr: \(run.stderrText)", sourceLocation: sourceLocation)
        #expect(errors.first?.contains(fragment) == true, "stderr: \(run.stderrText)", sourceLocation: sourceLocation)
        #expect(run.stderr.last == 0x0A, "stderr should end with a newline", sourceLocation: sourceLocation)
    }
}

/// Finds what must not reach a terminal in raw output bytes.
enum TerminalSafety {
    static func violations(in bytes: [UInt8]) -> [String] {
        guard let text = String(bytes: bytes, encoding: .utf8) else { return ["invalid UTF-8"] }
        var found: [String] = []
        for scalar in text.unicodeScalars {
            let v = scalar.value
            let bad: Bool
            switch v {
            case 0x0A: bad = false
            case 0x00..<0x20, 0x7F: bad = true                       // C0 (ESC, BEL, CR, ...) and DEL
            case 0x80..<0xA0: bad = true                             // C1 (CSI, OSC, NEL, ST, ...)
            case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: bad = true  // bidi
            case 0x2028, 0x2029: bad = true                          // line breaks a terminal may honour
            default: bad = false
            }
            if bad { found.append(String(format: "U+%04X", v)) }
        }
        return found
    }
}
