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
    /// Every `Msg` applied, at the instant used as `now`, and every mutating request sent.
    private let journal: JournalWriter?
    private let rawStore: RawStore
    private let redaction: JournalRedaction
    private var rawCache = RawViewCache()

    init(state: DeckState, executor: CommandExecutor, inbox: Inbox<Msg>, journal: JournalWriter? = nil,
         rawStore: RawStore = RawStore(), redaction: JournalRedaction = JournalRedaction(secrets: [], agentURLs: [])) {
        self.state = state
        self.executor = executor
        self.inbox = inbox
        self.journal = journal
        self.rawStore = rawStore
        self.redaction = redaction
    }

    func start(_ info: TerminalInfo) {
        if !info.isUTF8 { viewOptions = DashboardView.Options(charset: .ascii, asciiBars: true) }
        apply(.start)
    }

    func handle(_ event: TerminalEvent) -> AppResponse {
        var changed = true
        switch event {
        case .key(let key):
            apply(.key(key))
        case .resize(let width, let height):
            apply(.resize(TerminalSize(columns: width, rows: height)))
        case .wake:
            let messages = inbox.drain()
            changed = !messages.isEmpty
            for message in messages { apply(message) }
        case .tick:
            apply(.tick)
        }
        if quitting { executor.closeAll() }
        return AppResponse(redraw: changed, quit: quitting)
    }

    func render(into buffer: inout CellBuffer) {
        lastCursor = DashboardView.render(state, now: Date(), into: &buffer, options: viewOptions).map { ($0.x, $0.y) }
        if state.ui.showRaw {
            let content = rawCache.content(state, store: rawStore, redaction: redaction)
            RawView.render(title: content.title, lines: content.lines, scroll: state.ui.rawScroll, into: &buffer, options: viewOptions)
            lastCursor = nil
        }
    }

    var cursor: (x: Int, y: Int)? { lastCursor }

    var nextDeadline: ContinuousClock.Instant? {
        guard let date = state.nextDeadline else { return nil }
        let seconds = max(0, date.timeIntervalSinceNow)
        return ContinuousClock.now.advanced(by: .milliseconds(Int64(seconds * 1000)))
    }

    /// Feeds one message to `update` at a journal instant (whole milliseconds), journaling it
    /// first: replay feeds the same message at the same instant.
    private func apply(_ msg: Msg) {
        let now = JournalClock.now()
        journal?.record(.msg(msg, at: now))
        for command in state.update(msg, now: now) {
            if case .quit = command { quitting = true }
            if command.isMutating, let journal {
                switch command {
                case .call(let agent, let request, let tag), .stream(let agent, let request, let tag):
                    journal.record(.request(agent: agent, tag: tag, request: request, at: now))
                default: break
                }
            }
            executor.execute(command)
        }
    }
}
