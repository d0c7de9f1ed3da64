import A2A
import ArgumentParser
import Deck
import Foundation
import Wire

/// `agentdeck watch --json`: the dashboard's fleet and task events as JSON lines, no terminal.
/// The same state machine runs headless and read-only: card polls, ListTasks discovery,
/// subscriptions to active tasks.
struct WatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Print fleet and task events as JSON lines (read-only, no terminal needed).")

    @Argument(help: "Agent base URLs or card URLs (added to those in the config).")
    var agentURLs: [String] = []

    @Option(help: "Config file (default $XDG_CONFIG_HOME/agentdeck/config.yaml).")
    var config: String?

    @Flag(help: "One JSON object per line (the only format).")
    var json = false

    @Option(name: .customLong("poll-interval"), help: "Seconds between card polls.")
    var pollInterval: Double?

    @Option(help: "Stop after this many seconds (default: run until interrupted).")
    var duration: Double?

    func run() throws {
        let setup: DashboardSetup
        do {
            // Watching never changes anything: read-only at the Deck and at the wire.
            setup = try DashboardSetup.make(
                urls: agentURLs, configPath: config, readOnlyFlag: true, themeName: nil, pollInterval: pollInterval,
                environment: ProcessInfo.processInfo.environment)
        } catch let failure as CLIFailure {
            StandardError.errorLine(failure.description)
            throw ExitCode(1)
        }
        let engine = HTTPEngine()
        let inbox = Inbox<Msg>()
        let executor = CommandExecutor(clients: setup.clients(engine: engine), inbox: inbox, clipboard: { _ in })
        var watcher = HeadlessWatcher(state: setup.initialState(), executor: executor, inbox: inbox)
        watcher.run(until: duration.map { Date().addingTimeInterval($0) })
        executor.closeAll()
        engine.shutdown()
    }
}

/// Drives `update()` without a screen: waits on the inbox and the next deadline, prints events.
struct HeadlessWatcher {
    var state: DeckState
    let executor: CommandExecutor
    let inbox: Inbox<Msg>

    mutating func run(until end: Date?) {
        apply(.start)
        while end.map({ Date() < $0 }) ?? true {
            let deadline = [state.nextDeadline, end].compactMap { $0 }.min()
            let timeout = deadline.map { Int32(max(0, min(60_000, $0.timeIntervalSinceNow * 1000))) } ?? 60_000
            var pfd = pollfd(fd: inbox.wakeFD, events: Int16(POLLIN), revents: 0)
            _ = poll(&pfd, 1, timeout)
            for message in inbox.drain() {
                report(message)
                apply(message)
            }
            if let due = state.nextDeadline, due <= Date() { apply(.tick) }
        }
    }

    private mutating func apply(_ msg: Msg) {
        for command in state.update(msg, now: Date()) { executor.execute(command) }
    }

    /// The JSON line for what just arrived, if it is news for a watcher.
    private func report(_ message: Msg) {
        switch message {
        case .card(let agent, let outcome):
            guard let entry = state.agents[agent] else { return }
            var o = JSONObject()
            o["agent"] = .string(entry.config.url)
            o["taskId"] = .null
            switch outcome {
            case .fetched(let card, let endpoint, _, let latency):
                o["kind"] = "agent-up"
                o["name"] = .string(card.name)
                o["dialect"] = endpoint.map { .string($0.dialect.description) } ?? .null
                o["latencyMs"] = .number((latency * 1000).rounded())
                if entry.card != nil, entry.card != card { o["cardChanged"] = true }
            case .notModified:
                return
            case .failed(let failure):
                o["kind"] = "agent-down"
                o["reason"] = .string(failure.summary)
            }
            StandardOutput.line(JSONValue.object(o).jsonString)
        case .streamEvent(let tag, let event):
            guard let agent = state.requests[tag]?.agentID, let entry = state.agents[agent] else { return }
            StandardOutput.line(EventLine.json(agent: entry.config.url, event: event).jsonString)
        case .result(let tag, .success(.taskPage(let page))):
            guard let agent = state.requests[tag]?.agentID, let entry = state.agents[agent] else { return }
            for task in page.tasks where state.tasks[TaskKey(agentID: agent, taskID: task.id)] == nil {
                StandardOutput.line(EventLine.json(agent: entry.config.url, event: .task(task)).jsonString)
            }
        default:
            return
        }
    }
}
