import A2A
import Deck
import Foundation
import Screen
import Terminal
import Testing

@testable import AgentDeckCLI

/// The live dashboard (`DashboardApp`, journaling) fed keys and agent news, then its journal
/// replayed: the replayed state and screen must be the live ones.
@Suite struct JournalReplayTests {
    static let alpha = AgentID("a01")
    static let beta = AgentID("a02")

    /// A live app with a journal and no network (no clients: commands go nowhere); agent news is
    /// posted to its inbox the way the executor posts it.
    final class LiveRig {
        let inbox = Inbox<Msg>()
        let app: DashboardApp
        let journal: JournalWriter
        let path: String

        init() throws {
            path = try makeTemporaryFolder() + "/journal.jsonl"
            let config = DeckConfig(agents: [
                AgentConfig(id: alpha, name: "Alpha", url: "http://127.0.0.1:9/alpha"),
                AgentConfig(id: beta, url: "http://127.0.0.1:9/beta"),
            ], seed: 77)
            // Started the way the runtime starts it: histories from disk, a theme, a notice.
            var state = DeckState(config: config, keyMap: KeyMap.standard.removing { $0 == .zoom })
            state.ui.histories = [.dispatch: ["earlier task"], .filter: ["old"]]
            state.ui.theme = "light"
            state.ui.status = StatusLine(text: "config readable by others", kind: .error, expiresAt: Date().addingTimeInterval(30))
            journal = try JournalWriter(
                path: path, settings: JournalSettings(),
                session: JournalSession(id: "live", started: JournalClock.now(), state: state),
                redaction: JournalRedaction(secrets: [], agentURLs: []))
            let executor = CommandExecutor(clients: [:], inbox: inbox, clipboard: { _ in })
            app = DashboardApp(state: state, executor: executor, inbox: inbox, journal: journal)
        }

        func key(_ key: Key) { _ = app.handle(.key(key)) }
        func type(_ text: String) { for c in text { key(.char(c)) } }
        func news(_ messages: Msg...) {
            inbox.post(contentsOf: messages)
            _ = app.handle(.wake)
        }
    }

    static func status(_ id: String, _ state: TaskState, _ text: String, final: Bool = false) -> StreamEvent {
        .status(StatusUpdate(taskID: id, contextID: "ctx", status: TaskStatus(
            state: state, message: Message(messageID: "s-\(text.count)", role: .agent, parts: [.text(text)])), isFinal: final))
    }

    static func render(_ state: DeckState, now: Date) -> [String] {
        var buffer = CellBuffer(width: 120, height: 40)
        DashboardView.render(state, now: now, into: &buffer)
        return buffer.lines()
    }

    @Test func aReplayedJournalReachesTheLiveStateAndScreen() throws {
        let rig = try LiveRig()
        _ = rig.app.handle(.resize(width: 120, height: 40))
        rig.app.start(TerminalInfo(width: 120, height: 40, colorCount: 256, isUTF8: true))
        let endpoint = Endpoint(url: "http://127.0.0.1:9/alpha", dialect: .v1)
        rig.news(
            .card(Self.alpha, .fetched(try SampleMsgs.card("helloworld-card.json"), endpoint: endpoint, etag: "W/\"1\"", latency: 0.02)),
            .card(Self.beta, .failed(.unreachable("connection refused"))))

        // The operator dispatches a task to the selected agent…
        rig.key(.char("n"))
        rig.type("summarize the logs")
        rig.key(.enter)
        let tag = try #require(rig.app.state.requests.keys.max(), "the dispatch sent nothing")
        // …which streams to completion,
        rig.news(
            .streamOpened(tag),
            .streamEvent(tag, .task(A2ATask(id: "task-1", contextID: "ctx", status: TaskStatus(state: .submitted)))),
            .streamEvent(tag, Self.status("task-1", .working, "Step 1/2 (50%)")))
        rig.news(
            .streamEvent(tag, .artifact(ArtifactUpdate(taskID: "task-1", artifact: Artifact(artifactID: "r", name: "report", parts: [.text("chunk 1\n")])))),
            .streamEvent(tag, Self.status("task-1", .completed, "Done", final: true)),
            .streamEnded(tag, .closed))
        // …a second one fails at the agent,
        rig.key(.char("n"))
        rig.type("deploy")
        rig.key(.enter)
        let second = try #require(rig.app.state.requests.keys.max())
        rig.news(.result(second, .failure(.agent(.rpc(RPCError(code: -32603, message: "boom", dialect: .v1))))),
                 .streamEnded(second, .failed(.transport("reset"))))
        // …and the operator looks around: panes, selection, sort, a filter, zoom.
        for key: Key in [.tab, .char("j"), .char("k"), .char("o"), .tab, .backTab, .tab, .tab, .char("z"), .char("v"), .char("j"), .escape] { rig.key(key) }
        rig.key(.char("/"))
        rig.type("sum")
        rig.key(.enter)
        _ = rig.app.handle(.tick(now: .now))
        rig.journal.close()

        let reading = try JournalReader.read(path: rig.path)
        #expect(reading.unreadableLines == 0 && !reading.tornLastLine)
        let log = try #require(reading.sessions.last)
        var replay = JournalReplay(log)
        replay.advanceToEnd()

        #expect(replay.state == rig.app.state, "the replayed state differs from the live one")
        let now = replay.now.addingTimeInterval(1)
        let live = Self.render(rig.app.state, now: now)
        #expect(Self.render(replay.state, now: now) == live)
        #expect(live.joined().contains("summarize the logs") || live.joined().contains("task-1"), "the screen shows the task")
    }

    @Test func theOperatorCannotSendAnythingFromAReplay() throws {
        let rig = try LiveRig()
        let endpoint = Endpoint(url: "http://127.0.0.1:9/alpha", dialect: .v1)
        rig.app.start(TerminalInfo(width: 120, height: 40, colorCount: 256, isUTF8: true))
        rig.news(.card(Self.alpha, .fetched(try SampleMsgs.card("helloworld-card.json"), endpoint: endpoint, etag: nil, latency: 0.02)))
        rig.journal.close()
        var replay = JournalReplay(try #require(try JournalReader.read(path: rig.path).sessions.last))
        replay.advanceToEnd()
        let before = replay.state.requests.count
        for key: Key in [.char("n"), .char("R"), .ctrl("r"), .char(":"), .char("c"), .char("r")] {
            let outcome = replay.operatorKey(key)
            #expect(!outcome.quit)
            #expect(replay.state.ui.prompt == nil, "\(key) opened a prompt in a replay")
        }
        #expect(replay.state.requests.count == before, "a replay key created a request")
        #expect(replay.state.ui.status?.text.contains("not available") == true)
        // Looking around works, and q quits.
        _ = replay.operatorKey(.char("v"))
        #expect(replay.state.ui.showRaw)
        _ = replay.operatorKey(.escape)
        #expect(!replay.state.ui.showRaw)
        #expect(replay.operatorKey(.char("q")).quit)
    }
}

@Suite struct JournalReplayScreenTests {
    /// A run recorded read-write replays under a read-only label: the header says [RO].
    @Test func aReplayIsLabelledReadOnlyWhateverTheRecordedMode() {
        let start = JournalClock.now()
        let config = DeckConfig(agents: [AgentConfig(id: AgentID("a01"), url: "http://127.0.0.1:9/")])
        #expect(!config.readOnly)
        let log = JournalSessionLog(
            session: JournalSession(id: "x", started: start, config: config, keyMap: .standard),
            entries: [.msg(.resize(TerminalSize(columns: 100, rows: 30)), at: start)], missingStart: false)
        var replay = JournalReplay(log)
        replay.advanceToEnd()
        let app = JournalReplayApp(replay: replay, speed: nil, redaction: JournalRedaction(secrets: [], agentURLs: []), notes: [], clipboard: { _ in })
        var buffer = CellBuffer(width: 100, height: 30)
        app.render(into: &buffer)
        let lines = buffer.lines()
        #expect(lines[0].hasPrefix("AgentDeck [RO]"), "header: \(lines[0])")
        #expect(lines[0].contains("REPLAY"))
    }
}

@Suite struct JournalReplayClockTests {
    /// `--speed` plays entries as their time comes: advancing to an instant applies exactly the
    /// entries up to it.
    @Test func advancingToAnInstantAppliesOnlyTheEntriesUpToIt() {
        let start = JournalClock.now()
        let config = DeckConfig(agents: [AgentConfig(id: AgentID("a01"), url: "http://127.0.0.1:9/")])
        let entries: [JournalEntry] = (0..<10).map { i in
            .msg(.resize(TerminalSize(columns: 80 + i, rows: 24)), at: start.addingTimeInterval(Double(i)))
        }
        let log = JournalSessionLog(
            session: JournalSession(id: "x", started: start, config: config, keyMap: .standard), entries: entries,
            missingStart: false)
        var replay = JournalReplay(log)
        replay.advance(until: start.addingTimeInterval(3.5))
        #expect(replay.state.ui.size.columns == 83)
        #expect(replay.nextDate == start.addingTimeInterval(4))
        #expect(!replay.isFinished)
        replay.advanceToEnd()
        #expect(replay.state.ui.size.columns == 89)
        #expect(replay.isFinished && replay.nextDate == nil)
        #expect(replay.now == start.addingTimeInterval(9))
    }
}

/// Opt-in figures (AGENTDECK_BENCH=1): printed, never asserted as timings.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["AGENTDECK_BENCH"] != nil))
struct JournalBenchmarks {
    @Test func writerThroughputForStreamEvents() throws {
        let path = try makeTemporaryFolder() + "/journal.jsonl"
        let journal = try JournalWriter(path: path, settings: JournalSettings(), session: makeSession(),
                                        redaction: JournalRedaction(secrets: ["Bearer abcdefghijklmnop"], agentURLs: []))
        let event = Msg.streamEvent(RequestTag(3), .artifact(ArtifactUpdate(
            taskID: "0b7c5a9e-1f0e-4a53-9d7c-5f8e2b9a1c44", contextID: "ctx-1",
            artifact: Artifact(artifactID: "chunks", name: "chunks", parts: [.text("[17/1000] The quick brown fox jumps over the lazy dog.\n")]),
            append: true)))
        let count = 100_000
        let now = JournalClock.now()
        let clock = ContinuousClock()
        let recordTime = clock.measure { for _ in 0..<count { journal.record(.msg(event, at: now)) } }
        let closeTime = clock.measure { journal.close() }
        let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let reading = try JournalReader.read(path: path)
        #expect(reading.sessions.first?.messageCount == count)
        func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
        print("journal.record (UI thread cost): \(String(format: "%.0f", seconds(recordTime) / Double(count) * 1e9)) ns/event")
        print("journal writer drain (encode+redact+write): \(String(format: "%.0f", Double(count) / max(1e-9, seconds(closeTime + recordTime)))) events/s")
        print("journal bytes per artifact event: \(size / count)")
    }
}

@Suite struct JournalReplayPaceTests {
    @Test func playsAtSpeedAndStandsStillWhilePaused() {
        let t0 = ContinuousClock.now
        var clock = JournalReplayClock(speed: 4, startingAt: t0)
        #expect(clock.played(at: t0.advanced(by: .seconds(2))) == 8)
        #expect(clock.instant(forRecorded: 8) == t0.advanced(by: .seconds(2)))
        clock.togglePause(at: t0.advanced(by: .seconds(2)))
        #expect(clock.isPaused)
        #expect(clock.played(at: t0.advanced(by: .seconds(60))) == 8, "paused: no time passes")
        #expect(clock.instant(forRecorded: 12) == nil, "paused: no deadline")
        clock.togglePause(at: t0.advanced(by: .seconds(10)))
        #expect(clock.played(at: t0.advanced(by: .seconds(11))) == 12, "resumes where it stopped")
        #expect(clock.instant(forRecorded: 16) == t0.advanced(by: .seconds(12)))
    }
}
