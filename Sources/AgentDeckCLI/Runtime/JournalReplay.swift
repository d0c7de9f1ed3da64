import Deck
import Foundation

/// Plays one journaled run back into a fresh `DeckState`: the same config, the same messages at
/// the same instants, so `update` (deterministic) reaches the same states the live dashboard
/// had. Nothing goes to the network: the commands `update` returns are dropped.
///
/// The operator may look around while it plays (select, scroll, open, filter, help, raw view),
/// but nothing that would send anything: the replay is read-only whatever the live run was.
struct JournalReplay {
    private(set) var state: DeckState
    let log: JournalSessionLog
    /// The next entry to apply.
    private(set) var position = 0
    /// The instant of the last entry applied: the replay's "now".
    private(set) var now: Date
    let rawStore: RawStore
    /// Apply journaled `.resize`s (tests at the live size); the terminal app uses its own size.
    var followRecordedSize = true

    /// The actions an operator may take in a replay: none of them sends anything.
    static let allowedActions: Set<Action> = [
        .quit, .help, .nextPane, .prevPane, .up, .down, .pageUp, .pageDown, .home, .end, .open, .back,
        .filter, .zoom, .cycleSort, .cycleStateFilter, .copy, .raw,
    ]

    init(_ log: JournalSessionLog, rawStore: RawStore = RawStore()) {
        self.log = log
        self.rawStore = rawStore
        state = log.session.initialState()
        now = log.entries.first?.date ?? log.session.started
    }

    var isFinished: Bool { position >= log.entries.count }
    var firstDate: Date { log.entries.first?.date ?? log.session.started }
    var nextDate: Date? { isFinished ? nil : log.entries[position].date }

    /// Applies every entry up to and including `until`.
    mutating func advance(until: Date) {
        while position < log.entries.count, log.entries[position].date <= until { step() }
    }

    mutating func advanceToEnd() {
        while position < log.entries.count { step() }
    }

    private mutating func step() {
        let entry = log.entries[position]
        position += 1
        now = max(now, entry.date)
        switch entry {
        case .msg(let msg, let at):
            if case .resize = msg, !followRecordedSize { return }
            _ = state.update(msg, now: at)
        case .raw(let payload, _):
            rawStore.add(payload)
        case .session, .request, .gap:
            break
        }
    }

    /// An operator's key. Returns true when it asks to quit, and the text to copy, if any.
    mutating func operatorKey(_ key: Key) -> (quit: Bool, copy: String?) {
        if let prompt = state.ui.prompt, prompt.mode != .filter {
            // A prompt the recorded operator opened (dispatch, reply…): the journal types into it.
            return (false, nil)
        }
        if state.ui.prompt == nil, !state.ui.showHelp, !state.ui.showRaw,
           let action = state.effectiveKeyMap.action(for: key) ?? state.baseKeyMap.action(for: key),
           !Self.allowedActions.contains(action)
        {
            state.ui.status = StatusLine(text: "replay: \(key) (\(action.summary)) is not available, nothing is sent",
                                         kind: .error, expiresAt: now.addingTimeInterval(5))
            return (false, nil)
        }
        var quit = false
        var copy: String?
        for command in state.update(.key(key), now: now) {
            switch command {
            case .quit: quit = true
            case .copyToClipboard(let text): copy = text
            default: break  // never to the network
            }
        }
        return (quit, copy)
    }

    /// A line on the status bar for the operator (replay notes), shown until `until`.
    mutating func announce(_ text: String, isProblem: Bool, until: Date) {
        state.ui.status = StatusLine(text: text, kind: isProblem ? .error : .info, expiresAt: until)
    }

    /// The operator's terminal changed size.
    mutating func operatorResize(_ size: TerminalSize) {
        _ = state.update(.resize(size), now: now)
    }
}
