import Deck
import Foundation
import Screen
import Terminal

/// `agentdeck replay` in the terminal: a `JournalReplay` played at `speed` times the recorded
/// pace (or all at once), drawn by the same views as the live dashboard, with a REPLAY badge.
final class JournalReplayApp: TerminalApp {
    private var replay: JournalReplay
    private let speed: Double?
    /// nil when everything is played at once (`--at-end`).
    private var clock: JournalReplayClock?
    private let redaction: JournalRedaction
    private let notes: [String]
    private var viewOptions = DashboardView.Options()
    private var rawCache = RawViewCache()
    private var announcedEnd = false
    private let clipboard: (String) -> Void

    /// - Parameter speed: nil plays everything at once (`--at-end`).
    init(replay: JournalReplay, speed: Double?, redaction: JournalRedaction, notes: [String], clipboard: @escaping (String) -> Void) {
        self.replay = replay
        self.replay.followRecordedSize = false
        self.speed = speed
        self.redaction = redaction
        self.notes = notes
        self.clipboard = clipboard
    }

    func start(_ info: TerminalInfo) {
        if !info.isUTF8 { viewOptions = DashboardView.Options(charset: .ascii, asciiBars: true) }
        replay.operatorResize(TerminalSize(columns: info.width, rows: info.height))
        clock = speed.map { JournalReplayClock(speed: $0, startingAt: .now) }
        catchUp()
    }

    func handle(_ event: TerminalEvent) -> AppResponse {
        switch event {
        case .key(.char(" ")) where clock != nil && replay.state.ui.prompt == nil && replay.state.baseKeyMap.action(for: .char(" ")) == nil:
            // Space pauses and resumes the playback (unless the key map gives it another job).
            clock?.togglePause(at: .now)
        case .key(let key):
            let outcome = replay.operatorKey(key)
            if let text = outcome.copy { clipboard(text) }
            if outcome.quit { return .quit }
        case .resize(let width, let height):
            replay.operatorResize(TerminalSize(columns: width, rows: height))
        case .wake, .tick:
            catchUp()
        }
        return .redraw
    }

    /// Applies every entry whose time has come at this speed.
    private func catchUp() {
        if let clock {
            replay.advance(until: replay.firstDate.addingTimeInterval(clock.played(at: .now)))
        } else {
            replay.advanceToEnd()
        }
        if replay.isFinished, !announcedEnd {
            announcedEnd = true
            let summary = (["replay finished: \(replay.log.messageCount) events"] + notes).joined(separator: "; ")
            replay.announce(summary, isProblem: !notes.isEmpty, until: replay.now.addingTimeInterval(3600))
        }
    }

    func render(into buffer: inout CellBuffer) {
        DashboardView.render(replay.state, now: replay.now, into: &buffer, options: viewOptions)
        if replay.state.ui.showRaw {
            let content = rawCache.content(replay.state, store: replay.rawStore, redaction: redaction)
            RawView.render(title: content.title, lines: content.lines, scroll: replay.state.ui.rawScroll, into: &buffer, options: viewOptions)
        }
        // The header's mode is the recorded run's; a replay is read-only whatever that was. The
        // state keeps the recorded mode (replay must reach the live run's state), so the label
        // is overwritten here: "AgentDeck " is 10 cells, then the 4-cell mode.
        if !DashboardLayout.isTooSmall(width: buffer.width, height: buffer.height) {
            buffer.put([Span("[RO]", style: Style(.warning).bold)], x: 10, y: 0, maxWidth: 4)
        }
        // The live run's key hints would offer n/r/c: a replay offers only what works in it.
        if replay.state.ui.prompt == nil, !DashboardLayout.isTooSmall(width: buffer.width, height: buffer.height) {
            let row = Rect(x: 0, y: buffer.height - 1, width: buffer.width, height: 1)
            buffer.clear(row)
            buffer.put([Span("replay, read-only: ", style: Style(.warning)), Span(Self.hints, style: Style(.dim))],
                       x: 0, y: row.y, maxWidth: row.width)
        }
        let badge = " REPLAY \(Self.format.string(from: replay.now))\(speed.map { $0 == 1 ? "" : " x\(Self.number($0))" } ?? "")"
            + (replay.isFinished ? " (end) " : clock?.isPaused == true ? " PAUSED " : " ")
        let width = CellWidth.of(badge)
        if buffer.width > width + 20 {
            buffer.put(badge, x: buffer.width - width, y: 0, style: Style(.warning, attributes: [.reverse, .bold]))
        }
    }

    var nextDeadline: ContinuousClock.Instant? {
        guard let clock, let next = replay.nextDate else { return nil }
        return clock.instant(forRecorded: next.timeIntervalSince(replay.firstDate))
    }

    private static let hints = "? help  q quit  Space pause  Tab pane  j/k move  Enter open  / filter  z zoom  v raw JSON"

    private static let format: DateFormatter = {
        let f = DateFormatter()
        f.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return f
    }()

    private static func number(_ n: Double) -> String {
        n == n.rounded() ? String(Int(n)) : String(n)
    }
}
