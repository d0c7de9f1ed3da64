import Deck
import Foundation
import Screen
import Terminal

/// The console as a `TerminalApp`: keys, resizes, ticks and network news become `Msg`s for the pure
/// `update()`; its commands go to the executor; frames come from the pure views.
final class DashboardApp: TerminalApp {
    private(set) var state: DeckState
    private let executor: CommandExecutor
    private let inbox: Inbox<Msg>
    private var quitting = false
    private var lastCursor: (x: Int, y: Int)?
    private var viewOptions = DashboardView.Options()
    /// Draws with a new theme (`:theme`); set once the terminal is open.
    var switchTheme: ((Theme) -> Void)?
    private var needsRepaint = false
    private let environment: [String: String]
    /// Every `Msg` applied, at the instant used as `now`, and every mutating request sent.
    private let journal: JournalWriter?
    private let rawStore: RawStore
    /// Holds a task list's raw JSON until its result is applied (then journaled, or not).
    private let rawSink: RawSink?
    private let redaction: JournalRedaction
    private var rawCache = RawViewCache()
    private let heapTrimmer = HeapTrimmer()
    /// The last dashboard frame built, with what it was built from: a frame with the same key
    /// reuses its cells (card polls that change nothing visible cost a view model, not a frame).
    private var lastDashboard: (key: DashboardFrameKey, buffer: CellBuffer, cursor: (x: Int, y: Int)?)?
    /// The wall-clock second of the last frame rendered: news that changes nothing on screen
    /// (`UpdateEffect.changesView`) still redraws once the second turns, for what time alone
    /// moves (task ages, health interval boundaries, an expired status line).
    private var lastFrameSecond: Int?

    init(state: DeckState, executor: CommandExecutor, inbox: Inbox<Msg>, environment: [String: String] = ProcessInfo.processInfo.environment,
         journal: JournalWriter? = nil, rawStore: RawStore = RawStore(), rawSink: RawSink? = nil,
         redaction: JournalRedaction = JournalRedaction(secrets: [], agentURLs: [])) {
        self.state = state
        self.executor = executor
        self.inbox = inbox
        self.environment = environment
        self.journal = journal
        self.rawStore = rawStore
        self.rawSink = rawSink
        self.redaction = redaction
    }

    func start(_ info: TerminalInfo) {
        if !info.isUTF8 { viewOptions = DashboardView.Options(charset: .ascii, asciiBars: true) }
        apply(.start)
    }

    func handle(_ event: TerminalEvent) -> AppResponse {
        var changed = true
        switch event {
        case .key(.mouse(let event)):
            guard let action = MouseRouting.action(for: event, in: state, now: Date()) else { return .none }
            apply(.pointer(action))
        case .key(let key):
            apply(.key(key))
        case .resize(let width, let height):
            apply(.resize(TerminalSize(columns: width, rows: height)))
        case .wake:
            changed = applyInbox() || clockTurned
        case .tick:
            // Lazily posted news waits for this (`Inbox.planWakeUp`): take it before the timers.
            let newsChanged = applyInbox()
            changed = apply(.tick) || newsChanged || clockTurned
        }
        if quitting { executor.closeAll() }
        // A new theme redefines colour pairs under cells ncurses thinks unchanged: send it all.
        defer { needsRepaint = false }
        return AppResponse(redraw: changed || needsRepaint, quit: quitting, repaint: needsRepaint)
    }

    /// Applies what the network posted; true when any of it may have changed the view (the raw
    /// view is read from its store, not the state: any news may change it).
    private func applyInbox() -> Bool {
        let messages = inbox.drain()
        var changed = false
        for message in messages where apply(message) { changed = true }
        // The raw payloads of this news, taken into the store here (see `RawStore.settle`), after
        // the news: a task it added is in the list, whose key's strings the store shares.
        let tasks = state.tasks
        rawStore.settle { key in tasks.index(forKey: key).map { tasks.keys[$0] } }
        return changed || (state.ui.showRaw && !messages.isEmpty)
    }

    /// The wall-clock second moved on since the last frame.
    private var clockTurned: Bool {
        lastFrameSecond != Int(Date().timeIntervalSince1970.rounded(.down))
    }

    func render(into buffer: inout CellBuffer) {
        lastFrameSecond = Int(Date().timeIntervalSince1970.rounded(.down))
        renderDashboard(into: &buffer)
        if state.ui.showRaw {
            let content = rawCache.content(state, store: rawStore, redaction: redaction)
            RawView.render(title: content.title, lines: content.lines, scroll: state.ui.rawScroll, into: &buffer, options: viewOptions)
            lastCursor = nil
        }
    }

    var cursor: (x: Int, y: Int)? { lastCursor }

    private func renderDashboard(into buffer: inout CellBuffer) {
        let now = Date()
        let model = state.viewModel(now: now)
        let key = DashboardFrameKey(model, now: now, options: viewOptions, width: buffer.width, height: buffer.height)
        if let last = lastDashboard, last.key == key {
            buffer = last.buffer
            lastCursor = last.cursor
            return
        }
        lastCursor = DashboardView.render(model, now: now, into: &buffer, options: viewOptions).map { ($0.x, $0.y) }
        lastDashboard = (key, buffer, lastCursor)
    }

    /// The Deck's next timer on the `DeadlineGrid`, or sooner when lazily posted news waits in the
    /// inbox (the inbox is told, so it wakes this thread for news this plan would not see in time).
    var nextDeadline: ContinuousClock.Instant? {
        let deck = state.nextDeadline.map { date in
            let seconds = max(0, DeadlineGrid.standard.wakeUp(for: date).timeIntervalSinceNow)
            return ContinuousClock.now.advanced(by: .milliseconds(Int64(seconds * 1000)))
        }
        return inbox.planWakeUp(deck)
    }

    /// Feeds one message to `update` at a journal instant (whole milliseconds), journaling it
    /// first: a replay feeds the same message at the same instant. True when the view may have
    /// changed (`UpdateEffect`).
    @discardableResult
    private func apply(_ msg: Msg) -> Bool {
        let now = JournalClock.now()
        if let journal { record(msg, at: now, in: journal) }
        guard case .key = msg else {
            let effect = state.updateReportingView(msg, now: now)
            run(effect.commands, at: now)
            return effect.changesView
        }
        // Only a key (Enter on a prompt) changes the histories; any that changed is kept across runs.
        let histories = state.ui.histories
        run(state.update(msg, now: now), at: now)
        if state.ui.histories != histories { executor.storeHistories(state.ui.histories, previous: histories) }
        return true
    }

    /// Journals `msg` as `update` is about to use it: of a task list, the tasks it skips (known
    /// and followed by a stream) keep only their id and state, and their raw JSON is left out —
    /// their stream's events say the same. A replay of the shorter line reaches the same state.
    private func record(_ msg: Msg, at now: Date, in journal: JournalWriter) {
        guard case .result(let tag, .success(.taskPage)) = msg else {
            journal.record(.msg(msg, at: now))
            return
        }
        let skipped = state.listedTasksSkipped(by: msg)
        rawSink?.journalListed(tag, skipping: skipped, at: now)
        journal.record(.msg(DeckState.listResult(msg, reducing: skipped), at: now))
    }

    private func run(_ commands: [Command], at now: Date) {
        heapTrimmer.afterUpdate(
            finishedTasksReleased: state.finishedTasksReleased, tasksInFlight: state.hasTaskRequestsInFlight,
            listedTasks: state.listedTasksApplied)
        for command in commands {
            if command.isMutating, let journal {
                switch command {
                case .call(let agent, let request, let tag), .stream(let agent, let request, let tag):
                    journal.record(.request(agent: agent, tag: tag, request: request, at: now))
                default: break
                }
            }
            switch command {
            case .quit: quitting = true
            case .loadTheme(let name): apply(.local(loadTheme(name)))
            default: executor.execute(command)
            }
        }
    }

    private func loadTheme(_ name: String) -> LocalOutcome {
        guard let switchTheme else { return .themeFailed(name: name, reason: "no terminal to draw on") }
        switch ThemeLocator.load(name, environment: environment) {
        case .success(let theme):
            switchTheme(theme)
            needsRepaint = true
            return .themeLoaded(theme.name)
        case .failure(let failure):
            return .themeFailed(name: name, reason: failure.reason)
        }
    }
}
