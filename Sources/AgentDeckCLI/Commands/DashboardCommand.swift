import ArgumentParser
import CShim
import Deck
import Foundation
import Screen
import Terminal
import Wire

/// `agentdeck [AGENT_URL ...]`: the live console.
struct DashboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Open the live console on agents from the command line and the config.")

    @Argument(help: "Agent base URLs or card URLs (added to those in the config).")
    var agentURLs: [String] = []

    @Option(help: "Config file (default $XDG_CONFIG_HOME/agentdeck/config.yaml).")
    var config: String?

    @Flag(name: .customLong("read-only"), help: "Monitoring only: nothing can be sent, replied or canceled.")
    var readOnly = false

    @Option(help: "Theme name (see themes/) or path to a theme file.")
    var theme: String?

    @Option(name: .customLong("poll-interval"), help: "Seconds between card polls (default: config, else 30).")
    var pollInterval: Double?

    func run() throws {
        // First, before any state exists: the dashboard runs without glibc's thread cache (it
        // returns here at once when it already does; see agentdeck_malloc_tuning.h).
        agentdeck_reexec_without_thread_cache(CommandLine.unsafeArgv)
        let environment = ProcessInfo.processInfo.environment
        var setup: DashboardSetup
        do {
            setup = try DashboardSetup.make(
                urls: agentURLs, configPath: config, readOnlyFlag: readOnly, themeName: theme,
                pollInterval: pollInterval, environment: environment)
        } catch let failure as CLIFailure {
            StandardError.errorLine(failure.description)
            throw ExitCode(1)
        }
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            StandardError.errorLine("the dashboard needs a terminal; for scripts use `agentdeck watch --json` or card/send/get")
            throw ExitCode(1)
        }

        // The network thread must never run the UI's signal handler: start it with those signals
        // blocked (it inherits this thread's mask); the run loop unblocks them for this thread.
        _ = agentdeck_block_ui_signals_in_this_thread()
        let engine = HTTPEngine()
        let inbox = Inbox<Msg>()
        let spill = setup.openSpillFile()
        var state = setup.initialState(spill: spill)
        let journal = setup.openJournal(for: &state, environment: environment)
        let rawStore = RawStore(spill: spill)
        let rawSink = RawSink(store: rawStore, journal: journal)
        let executor = CommandExecutor(
            clients: setup.clients(engine: engine), inbox: inbox, clipboard: OSC52.copy, local: setup.localServices(engine: engine),
            raw: rawSink,
            quietPolls: QuietPollGate(slowLatency: state.config.slowPollThreshold))
        let app = DashboardApp(state: state, executor: executor, inbox: inbox, environment: environment, journal: journal,
                               rawStore: rawStore, rawSink: rawSink, redaction: setup.redaction)

        let reason: ExitReason
        do {
            var options = RunOptions()
            options.backend.mouse = setup.mouse
            let backend = try NcursesBackend.openInteractive(theme: setup.theme, options: options.backend)
            // `:theme` swaps the theme the backend draws with (on the UI thread, like every draw).
            app.switchTheme = { [unowned backend] theme in backend.theme = theme }
            reason = try RunLoop(app: app, backend: backend, wakeFD: inbox.wakeFD, options: options).run()
        } catch {
            StandardError.errorLine("cannot open the terminal: \(error)")
            throw ExitCode(1)
        }
        executor.closeAll()
        engine.shutdown()
        journal?.close()
        if case .signal(let number) = reason { throw ExitCode(128 + number) }
        if case .hangup = reason { throw ExitCode(129) }
    }
}

/// Copies text to the operator's clipboard with OSC 52: works over SSH and inside tmux
/// (with `set-clipboard on`), because the terminal emulator does the copying.
enum OSC52 {
    static func copy(_ text: String) {
        let payload = Data(text.utf8).base64EncodedString()
        let sequence = "\u{1B}]52;c;\(payload)\u{07}"
        FileHandle.standardOutput.write(Data(sequence.utf8))
    }
}
