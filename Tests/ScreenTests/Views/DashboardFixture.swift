import A2A
import Deck
import Foundation
import Screen

/// A fleet built through Deck's public API (config, `update` with card polls, task entries
/// folded from events), with a fixed clock so every screen is reproducible.
enum DashboardFixture {
    /// 2027-01-15 08:00:00 UTC.
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    static let now = t0.addingTimeInterval(300)
    static let options = DashboardView.Options(timeZone: TimeZone(identifier: "UTC") ?? .current)

    static let alice = AgentID("alice")
    static let bob = AgentID("bob")
    static let inventory = AgentID("inventory")
    static let evil = AgentID("evil")
    static let ghost = AgentID("ghost")

    /// An agent name with an OSC title change, a colour CSI and a right-to-left override.
    static let evilCardName = "\u{1B}]0;pwned\u{07}Evil\u{1B}[31m\u{202E}txt.exe"
    static let cjkName = "库存智能Agent"

    static func card(_ name: String, streaming: Bool = true, skills: [AgentSkill] = [], version: String = "1.0") -> AgentCard {
        AgentCard(
            name: name, description: "\(name) agent", version: version,
            interfaces: [AgentInterface(url: "http://127.0.0.1:9/\(name)", binding: .jsonRPC, protocolVersion: "1.0")],
            provider: AgentProvider(organization: "Example Org"),
            capabilities: AgentCapabilities(streaming: streaming), defaultInputModes: ["text/plain"],
            defaultOutputModes: ["text/plain", "application/json"], skills: skills,
            securitySchemes: [SecurityScheme(name: "bearer", kind: .http(scheme: "bearer", bearerFormat: "JWT"))])
    }

    static func endpoint(_ dialect: Dialect) -> Endpoint { Endpoint(url: "http://127.0.0.1:9/", dialect: dialect) }

    static func agentConfigs() -> [AgentConfig] {
        [
            AgentConfig(id: alice, name: "Alice", url: "http://127.0.0.1:9101/"),
            AgentConfig(id: bob, url: "http://127.0.0.1:9102/", readOnly: true),
            AgentConfig(id: inventory, name: cjkName, url: "http://127.0.0.1:9103/"),
            AgentConfig(id: evil, url: "http://127.0.0.1:9104/", insecure: true),
            AgentConfig(id: ghost, name: "Ghost", url: "http://127.0.0.1:9105/"),
        ]
    }

    /// Five agents (up, read-only, CJK-named, hostile-named and slow over unchecked TLS,
    /// unreachable) with cards polled.
    static func fleet(readOnly: Bool = false) -> DeckState {
        var state = DeckState(config: DeckConfig(agents: agentConfigs(), readOnly: readOnly, listPollInterval: nil))
        _ = state.update(.start, now: t0)
        _ = state.update(.resize(TerminalSize(columns: 120, rows: 40)), now: t0)
        let summarize = AgentSkill(
            id: "summarize", name: "Summarize", description: "Summarizes long documents.", tags: ["text"],
            examples: ["Summarize this RFC in five bullets"])
        _ = state.update(.card(alice, .fetched(
            card("Alice", skills: [summarize, AgentSkill(id: "search", name: "Search")]), endpoint: endpoint(.v1), etag: nil,
            latency: 0.048)), now: t0)
        _ = state.update(.card(bob, .fetched(
            card("Bob", streaming: false, skills: [AgentSkill(id: "translate", name: "Translate")], version: "0.3"),
            endpoint: endpoint(.v03), etag: nil, latency: 0.120)), now: t0)
        _ = state.update(.card(inventory, .fetched(
            card("Inventory", skills: [AgentSkill(id: "stock", name: "Stock check")]), endpoint: endpoint(.v01), etag: nil,
            latency: 0.3)), now: t0)
        _ = state.update(.card(evil, .fetched(card(evilCardName), endpoint: endpoint(.v1), etag: nil, latency: 2.5)), now: t0)
        _ = state.update(.card(ghost, .failed(.unreachable("connection refused"))), now: t0)
        return state
    }

    static func message(_ text: String, role: A2A.Role = .agent) -> Message {
        Message(messageID: "m-\(text.count)", role: role, parts: [.text(text)])
    }

    static func status(_ id: String, _ state: TaskState, _ text: String? = nil, progress: Double? = nil) -> StreamEvent {
        .status(StatusUpdate(
            taskID: id, contextID: "ctx-\(id)", status: TaskStatus(state: state, message: text.map { message($0) }),
            progressPercent: progress))
    }

    /// A task that went through `states` one minute apart, starting `startedAgo` seconds
    /// before `now`; the last state carries `text`.
    static func task(
        _ id: String, on agent: AgentID, skill: String? = nil, _ states: [TaskState], text: String? = nil,
        startedAgo: TimeInterval, progress: Double? = nil
    ) -> TaskEntry {
        let start = now.addingTimeInterval(-startedAgo)
        var entry = TaskEntry(key: TaskKey(agentID: agent, taskID: id), origin: .dispatched, skillID: skill, now: start)
        for (i, state) in states.enumerated() {
            let last = i == states.count - 1
            entry.apply(
                status(id, state, last ? text : nil, progress: last ? progress : nil),
                now: start.addingTimeInterval(Double(i) * min(60, startedAgo / Double(states.count + 1))))
        }
        return entry
    }

    /// The fleet with a task in every state: one waiting for input, one for credentials, a
    /// failure, a running task with progress and a half-streamed artifact, a cancel request
    /// on a task whose status text carries an escape sequence.
    static func busy(readOnly: Bool = false) -> DeckState {
        var state = fleet(readOnly: readOnly)
        var working = task(
            "t-report", on: alice, skill: "summarize", [.submitted, .working], text: "Summarizing chapter 3 of 7",
            startedAgo: 150, progress: 42)
        working.requestText = "Summarize the quarterly report"
        working.apply(.artifact(ArtifactUpdate(
            taskID: "t-report", artifact: Artifact(artifactID: "a1", name: "report.md", parts: [.text("# Report\nQ3 revenue grew ")]),
            append: false, lastChunk: false)), now: now.addingTimeInterval(-20))
        working.apply(.artifact(ArtifactUpdate(
            taskID: "t-report", artifact: Artifact(artifactID: "a1", parts: [.text("12% over Q2.\n")]),
            append: true, lastChunk: false)), now: now.addingTimeInterval(-10))
        working.apply(.artifact(ArtifactUpdate(
            taskID: "t-report", artifact: Artifact(artifactID: "a2", name: "figures", parts: [Part(.data(["revenue": 12.5]))]),
            append: false, lastChunk: true)), now: now.addingTimeInterval(-5))
        var hostile = task(
            "t-evil", on: evil, [.submitted, .working], text: "\u{1B}[2J\u{1B}[HHAHA\u{202E}gnp.exe", startedAgo: 40)
        hostile.cancel = .requested(at: now.addingTimeInterval(-3))
        var failed = task("t-stock", on: inventory, skill: "stock", [.submitted, .working, .failed], text: "Out of stock: SKU 1234", startedAgo: 200)
        failed.lastError = "agent error -32603: internal"
        let entries = [
            working, hostile, failed,
            task("t-which", on: bob, skill: "translate", [.submitted, .working, .inputRequired], text: "Which dialect: es-ES or es-MX?", startedAgo: 90),
            task("t-login", on: alice, [.submitted, .authRequired], text: "Sign in to continue", startedAgo: 60),
            task("t-done", on: alice, skill: "search", [.submitted, .working, .completed], text: "Found 3 results", startedAgo: 280),
            task("t-stop", on: alice, [.submitted, .working, .canceled], text: "Canceled by operator", startedAgo: 250),
            task("t-nope", on: inventory, [.submitted, .rejected], text: "Not my department", startedAgo: 120),
            task("t-new", on: alice, [.submitted], startedAgo: 2),
            task("t-odd", on: bob, [.submitted, TaskState(wireName: "TASK_STATE_PAUSED")], startedAgo: 30),
        ]
        for entry in entries { state.tasks[entry.key] = entry }
        state.ui.selectedTask = working.key
        history(on: &state)
        for entry in entries {
            if let outcome = TaskOutcome(finished: entry) { state.agents[entry.key.agentID]?.metrics.recordTask(outcome) }
        }
        return state
    }

    /// Five minutes of card polls every 30 s through `update` (the latencies vary around each
    /// agent's first one, which stays the median; the hostile agent misses one poll), and
    /// Alice's earlier tasks, finished and gone from the list, in the health window.
    static func history(on state: inout DeckState) {
        let base: [AgentID: TimeInterval] = [alice: 0.048, bob: 0.120, inventory: 0.3, evil: 2.5]
        let jitter = [0.9, 1.1, 1, 1, 1.3, 1, 0.95, 1, 2.7, 1]
        for (i, factor) in jitter.enumerated() {
            let at = t0.addingTimeInterval(Double(i + 1) * 30)
            for id in [alice, bob, inventory, evil] {
                let outcome: CardPollOutcome = id == evil && i == 6
                    ? .failed(.unreachable("timed out")) : .notModified(latency: (base[id] ?? 0) * factor)
                _ = state.update(.card(id, outcome), now: at)
            }
            _ = state.update(.card(ghost, .failed(.unreachable("connection refused"))), now: at)
        }
        let earlier: [(ago: TimeInterval, ending: TaskOutcome.Ending, skill: String, took: TimeInterval)] = [
            (280, .completed, "search", 4), (250, .completed, "summarize", 41), (200, .completed, "search", 3),
            (170, .completed, "search", 5), (130, .failed, "summarize", 12), (95, .completed, "summarize", 55),
            (70, .completed, "search", 2), (40, .completed, "search", 6), (10, .completed, "summarize", 38),
        ]
        for e in earlier {
            state.agents[alice]?.metrics.recordTask(TaskOutcome(
                ending: e.ending, duration: e.took, skill: e.skill, finishedAt: now.addingTimeInterval(-e.ago)))
        }
    }

    static func render(_ state: DeckState, width: Int, height: Int) -> (buffer: CellBuffer, cursor: CursorPosition?) {
        var buffer = CellBuffer(width: width, height: height)
        let cursor = DashboardView.render(state, now: now, into: &buffer, options: options)
        return (buffer, cursor)
    }

    static func lines(_ state: DeckState, width: Int, height: Int) -> [String] {
        render(state, width: width, height: height).buffer.lines()
    }

    /// Sends keys through `update`, as the runtime would.
    static func press(_ keys: [Key], on state: inout DeckState) {
        for key in keys { _ = state.update(.key(key), now: now) }
    }

    static func type(_ text: String, on state: inout DeckState) {
        press(text.map { Key.char($0) }, on: &state)
    }
}
