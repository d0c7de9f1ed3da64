import ArgumentParser
import Deck
import Foundation
import Screen
import Terminal

/// `agentdeck replay [JOURNAL]`: the dashboard, read-only, on a past run, for post-mortems.
/// Nothing touches the network. A line cut off by a killed dashboard is skipped with a note;
/// unreadable lines are counted and reported, never fatal.
struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Reopen the dashboard read-only on a past run from its journal (no network).")

    @Argument(help: "Journal file (default: the journal in $XDG_STATE_HOME/agentdeck/).")
    var journal: String?

    @Option(help: "Play at this many times the recorded pace (default 1).")
    var speed: Double?

    @Flag(name: .customLong("at-end"), help: "Open on the last recorded moment instead of playing.")
    var atEnd = false

    @Option(help: "Which run in the file: 1 is the first, -1 (default) the last.")
    var session: Int = -1

    @Flag(help: "List the runs in the journal and what was skipped, then exit (no terminal).")
    var list = false

    @Option(help: "Theme name or path to a theme file.")
    var theme: String?

    func validate() throws {
        if let speed, !(speed > 0 && speed <= 1e6) { throw ValidationError("--speed must be a number above 0") }
        if speed != nil, atEnd { throw ValidationError("--speed and --at-end exclude each other") }
        if session == 0 { throw ValidationError("--session counts from 1 (or from -1 at the end)") }
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let path = journal ?? JournalSettings().filePath(environment: environment)
        let reading: JournalReading
        do {
            let keep: JournalRunChoice = list ? .none : session == -1 ? .last : session > 0 ? .index(session - 1) : .all
            reading = try JournalReader.read(path: path, keep: keep)
        } catch {
            StandardError.errorLine("\(error)")
            throw ExitCode(1)
        }
        if list {
            StandardOutput.line(Self.listing(reading))
            return
        }
        for note in reading.notes { StandardError.errorLine("replay: \(note)") }
        guard !reading.sessions.isEmpty else {
            StandardError.errorLine("\(path) holds no recorded run")
            throw ExitCode(1)
        }
        let index = session > 0 ? session - 1 : reading.sessions.count + session
        guard reading.sessions.indices.contains(index) else {
            StandardError.errorLine("\(path) holds \(reading.sessions.count) run(s); --session \(session) is not one of them")
            throw ExitCode(1)
        }
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            StandardError.errorLine("replay needs a terminal; `agentdeck replay --list` works without one")
            throw ExitCode(1)
        }
        let log = reading.sessions[index]
        let redaction = JournalRedaction(secrets: [], agentURLs: log.session.config.agents.map(\.url))
        let app = JournalReplayApp(
            replay: JournalReplay(log), speed: atEnd ? nil : (speed ?? 1), redaction: redaction, notes: reading.notes,
            clipboard: OSC52.copy)
        let resolved = ThemeFile.resolve(ThemeLocator.locate(theme, environment: environment), environment: environment)
        let idle = Inbox<Int>()  // nothing wakes a replay but its own clock and the keyboard
        let reason: ExitReason
        do {
            reason = try runTerminal(app: app, theme: resolved.theme, wakeFD: idle.wakeFD)
        } catch {
            StandardError.errorLine("cannot open the terminal: \(error)")
            throw ExitCode(1)
        }
        if case .signal(let number) = reason { throw ExitCode(128 + number) }
        if case .hangup = reason { throw ExitCode(129) }
    }

    /// One line per run, then one per problem found.
    static func listing(_ reading: JournalReading) -> String {
        let format = DateFormatter()
        format.dateFormat = "yyyy-MM-dd HH:mm:ss"
        var lines: [String] = []
        for (i, log) in reading.sessions.enumerated() {
            let agents = log.session.config.agents.count
            let seconds = Int(log.lastDate.timeIntervalSince(log.session.started).rounded())
            lines.append("run \(i + 1): \(format.string(from: log.session.started)), \(seconds) s, \(agents) agent\(agents == 1 ? "" : "s"), "
                + "\(log.messageCount) events\(log.session.config.readOnly ? ", read-only" : "")")
        }
        if reading.sessions.isEmpty { lines.append("no recorded run") }
        lines += reading.notes.map { "note: \($0)" }
        return lines.joined(separator: "\n")
    }
}
