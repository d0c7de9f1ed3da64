import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real terminal for end-to-end tests: a detached tmux session running one command.
/// Tests poll the screen for expected text instead of sleeping.
public final class TmuxSession: @unchecked Sendable {
    public let name: String
    public let socket: String
    private var closed = false

    /// Starts `command` in a new detached session of the given size. `environment` is exported
    /// inside the session (LANG=C.UTF-8 is always set: tmux and ncurses need a UTF-8 locale).
    public init(command: String, width: Int = 120, height: Int = 40, environment: [String: String] = [:]) throws {
        name = "adtest-\(UUID().uuidString.prefix(8))"
        // A tmux server per session: with one server per test process, a session started just as
        // the previous one was killed reached its server while it was exiting (it had no session
        // left) and failed with "server exited unexpectedly" (seen in a CI run).
        socket = "agentdeck-tests-\(getpid())-\(name)"
        // Config, journals, histories and saved artifacts: a scratch folder, never the real home.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("agentdeck-tests-\(getpid())").path
        var env = ["LANG": "C.UTF-8", "TERM": "xterm-256color",
                   "XDG_STATE_HOME": scratch + "/state", "XDG_DATA_HOME": scratch + "/data",
                   "XDG_CONFIG_HOME": scratch + "/config"]
        env.merge(environment) { _, new in new }
        let exports = env.map { "export \($0.key)=\(Self.shellQuote($0.value));" }.joined(separator: " ")
        // Keep the pane after the program exits so tests can read its last screen and exit status.
        try Self.tmux(["-L", socket, "new-session", "-d", "-s", name, "-x", "\(width)", "-y", "\(height)",
                       "sh", "-c", "\(exports) exec \(command)"])
        try Self.tmux(["-L", socket, "set-option", "-t", name, "remain-on-exit", "on"])
    }

    deinit { kill() }

    /// Sends keys the way `tmux send-keys` names them ("Enter", "Tab", "C-c", "Escape", or text).
    public func send(_ keys: String...) throws {
        try Self.tmux(["-L", socket, "send-keys", "-t", name] + keys)
    }

    /// Sends literal text (no key-name lookup).
    public func type(_ text: String) throws {
        try Self.tmux(["-L", socket, "send-keys", "-t", name, "-l", text])
    }

    /// The visible screen as lines of text.
    public func capture() throws -> String {
        try Self.tmux(["-L", socket, "capture-pane", "-p", "-t", name])
    }

    /// The visible screen with its colours and attributes as escape sequences (`capture-pane -e`).
    public func captureStyled() throws -> String {
        try Self.tmux(["-L", socket, "capture-pane", "-p", "-e", "-t", name])
    }

    public func resize(width: Int, height: Int) throws {
        try Self.tmux(["-L", socket, "resize-window", "-t", name, "-x", "\(width)", "-y", "\(height)"])
    }

    /// True once the program in the pane has exited.
    public func paneIsDead() throws -> Bool {
        try Self.tmux(["-L", socket, "display-message", "-p", "-t", name, "#{pane_dead}"]).trimmingCharacters(in: .whitespacesAndNewlines) == "1"
    }

    /// A tmux format variable of the pane (`pane_dead_status`, `alternate_on`, `cursor_flag`…).
    public func paneFormat(_ variable: String) throws -> String {
        try Self.tmux(["-L", socket, "display-message", "-p", "-t", name, "#{\(variable)}"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The pid of the program in the pane.
    public func panePID() throws -> Int32 {
        Int32(try Self.tmux(["-L", socket, "display-message", "-p", "-t", name, "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    /// Sets a tmux server option (e.g. `set-clipboard on`).
    public func setServerOption(_ option: String, _ value: String) throws {
        try Self.tmux(["-L", socket, "set-option", "-s", option, value])
    }

    /// The newest paste buffer: where tmux puts text an application copied with OSC 52 when
    /// `set-clipboard` is on. Nil while there is none.
    public func newestPasteBuffer() -> String? {
        try? Self.tmux(["-L", socket, "show-buffer"])
    }

    /// Appends every byte the program writes to the terminal to `path` (for raw-output checks).
    public func pipeOutput(to path: String) throws {
        try Self.tmux(["-L", socket, "pipe-pane", "-o", "-t", name, "cat >> \(Self.shellQuote(path))"])
    }

    /// Polls the screen until `predicate` holds or `timeout` passes; returns the last screen either way.
    @discardableResult
    public func waitFor(timeout: Double = 15, _ predicate: (String) -> Bool) throws -> (ok: Bool, screen: String) {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while Date() < deadline {
            screen = try capture()
            if predicate(screen) { return (true, screen) }
            usleep(100_000)
        }
        return (false, screen)
    }

    /// Waits until the screen contains `text`.
    @discardableResult
    public func waitFor(_ text: String, timeout: Double = 15) throws -> (ok: Bool, screen: String) {
        try waitFor(timeout: timeout) { $0.contains(text) }
    }

    public func kill() {
        guard !closed else { return }
        closed = true
        _ = try? Self.tmux(["-L", socket, "kill-session", "-t", name])
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        public init(description: String) { self.description = description }
    }

    /// Runs one tmux command. posix_spawn with output to files, not pipes: the first command on a
    /// socket starts the tmux server, which inherits the child's descriptors, so a pipe would
    /// never reach end-of-file and the test would hang. The server also inherits the signal mask,
    /// and test threads block most signals: start it with none blocked, or kill-server is ignored.
    @discardableResult
    public static func tmux(_ args: [String]) throws -> String {
        let base = FileManager.default.temporaryDirectory.path + "/agentdeck-tmux-\(getpid())-\(UUID().uuidString.prefix(8))"
        let outPath = base + ".out", errPath = base + ".err"
        defer { unlink(outPath); unlink(errPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv: [UnsafeMutablePointer<CChar>?] = (["tmux"] + args).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawnp(&pid, "tmux", &actions, &attributes, argv, environ) == 0 else {
            throw Failure(description: "cannot start tmux (is it installed? `make test` installs it)")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let output = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        guard status == 0 else {
            let error = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
            throw Failure(description: "tmux \(args.joined(separator: " ")) failed: \(error)")
        }
        return output
    }

    static func shellQuote(_ s: String) -> String {
        "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// Where the package's built products are (the test bundle sits beside them).
/// AGENTDECK_PRODUCTS=<folder> runs the end-to-end tests against other binaries of the same
/// source, e.g. the release build `make release` links statically (BENCHMARKS.md, round 7).
public enum BuiltProducts {
    public static var directory: URL {
        if let products = ProcessInfo.processInfo.environment["AGENTDECK_PRODUCTS"], !products.isEmpty {
            return URL(fileURLWithPath: products)
        }
        // .build/<triple>/debug/AgentDeckPackageTests.xctest → .build/<triple>/debug
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("agentdeck").path) { return url }
        }
        return URL(fileURLWithPath: RepoRoot.path + "/.build/debug")
    }

    public static func path(_ executable: String) -> String {
        directory.appendingPathComponent(executable).path
    }
}

/// The repository root, found from this file's location.
public enum RepoRoot {
    public static let path: String = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }()
}
