import Deck
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Screen
import Testing
@testable import Terminal
import TestSupport

/// End to end in a real terminal: tmux runs this test binary again with
/// `AGENTDECK_TMUX_CHILD=1`, which enables `tmuxChildEntry` (a tiny app on `runTerminal`);
/// the parent types keys, resizes the window and reads the screen with `capture-pane`,
/// always polling for the expected text (bounded) instead of sleeping.
@Suite("tmux", .serialized)
struct TmuxSmokeTests {
    static let environment = ProcessInfo.processInfo.environment
    static let isChild = environment["AGENTDECK_TMUX_CHILD"] == "1"
    static let tmuxPath = ["/usr/bin/tmux", "/usr/local/bin/tmux"].first { FileManager.default.isExecutableFile(atPath: $0) }

    // MARK: The child: runs inside tmux

    @Test(.enabled(if: isChild, "only inside tmux, started by the tmux tests"))
    func tmuxChildEntry() throws {
        let resultPath = try #require(Self.environment["AGENTDECK_TMUX_RESULT"])
        let reason: String
        do {
            reason = String(describing: try runTerminal(app: SmokeApp(), theme: .default, wakeFD: -1))
        } catch {
            reason = "error: \(error)"
        }
        try reason.write(toFile: resultPath, atomically: true, encoding: .utf8)
    }

    // MARK: The parent

    @Test(.enabled(if: !isChild && tmuxPath != nil, "needs tmux"))
    func keysResizeAndQuit() throws {
        let session = try SmokeTmuxSession(name: "keys")
        defer { session.kill() }
        let first = try session.waitForScreen(containing: "keys: 0")
        #expect(first[0].hasPrefix("┌─ Agents 日本 "))
        #expect(first[0].hasSuffix("┐"))
        // Wide characters occupy two columns each: the bar lands at column 1 + 14.
        let cjkLine = try #require(first.first { $0.contains("日本語テキスト") })
        #expect(cjkLine.hasPrefix("│日本語テキスト|"))
        #expect(CellWidth.of(String(cjkLine.prefix { $0 != "|" })) == 15)
        #expect(first[23].hasPrefix("└") && first[23].hasSuffix("┘"))
        #expect(first.contains { $0.contains("size 80x24") })

        let bytesBefore = session.outputBytes()
        session.send(["x"])
        _ = try session.waitForScreen(containing: "keys: 1 last: x ")
        let bytesForOneKey = try session.waitForStableOutput(after: bytesBefore)
        print("tmux: one key press redrew with \(bytesForOneKey) bytes to the terminal")
        #expect(bytesForOneKey > 0 && bytesForOneKey < 400, "ncurses should send only the changed cells")

        session.send(["-l", "日"])
        _ = try session.waitForScreen(containing: "keys: 2 last: 日 ")
        session.send(["PageUp"])
        _ = try session.waitForScreen(containing: "keys: 3 last: PgUp ")

        session.resize(width: 100, height: 30)
        // The size line is near the top: wait until the frame's last row has arrived too.
        let resized = try session.waitForScreen { $0.contains { $0.contains("size 100x30") } && $0.last?.isEmpty == false }
        #expect(resized.count == 30)
        #expect(resized[29].hasPrefix("└") && resized[29].hasSuffix("┘"))
        #expect(CellWidth.of(resized[29]) == 100)

        session.send(["q"])
        #expect(try session.waitForResult() == "quit")
    }

    @Test(.enabled(if: !isChild && tmuxPath != nil, "needs tmux"))
    func controlCQuitsCleanly() throws {
        let session = try SmokeTmuxSession(name: "ctrlc")
        defer { session.kill() }
        _ = try session.waitForScreen(containing: "keys: 0")
        session.send(["C-c"])
        #expect(try session.waitForResult() == "signal(\(SIGINT))")
    }

    @Test(.enabled(if: !isChild && tmuxPath != nil, "needs tmux"))
    func killedSessionIsAHangup() throws {
        let session = try SmokeTmuxSession(name: "hup")
        _ = try session.waitForScreen(containing: "keys: 0")
        session.kill()
        #expect(try session.waitForResult() == "hangup")
    }
}

extension TmuxSmokeTests {
    @Test(.enabled(if: !isChild && tmuxPath != nil, "needs tmux"))
    func unknownTermIsAnErrorNotAnExit() throws {
        let session = try SmokeTmuxSession(name: "term", environment: "TERM=no-such-terminal")
        defer { session.kill() }
        #expect(try session.waitForResult() == "error: unknown terminal type TERM=no-such-terminal: try TERM=xterm-256color")
    }

    @Test(.enabled(if: !isChild && tmuxPath != nil, "needs tmux"))
    func redirectedOutputIsNotATerminal() throws {
        let session = try SmokeTmuxSession(name: "redirect", redirect: "> /dev/null")
        defer { session.kill() }
        #expect(try session.waitForResult().hasPrefix("error: the dashboard needs a terminal"))
    }
}

/// What the child shows: a box, the size, the last key, a CJK line and a prompt.
final class SmokeApp: TerminalApp {
    var width = 0
    var height = 0
    var keyCount = 0
    var lastKey = "-"

    func handle(_ event: TerminalEvent) -> AppResponse {
        switch event {
        case .key(.char("q")): return .quit
        case .key(let key):
            keyCount += 1
            lastKey = key.description
            return .redraw
        case .resize(let newWidth, let newHeight):
            width = newWidth
            height = newHeight
            return .redraw
        case .wake, .tick: return .none
        }
    }

    func render(into buffer: inout CellBuffer) {
        let box = Box(title: "Agents 日本")
        buffer.render(box, in: buffer.area)
        let inner = box.inner(buffer.area)
        buffer.put("size \(width)x\(height)", x: inner.x, y: inner.y)
        buffer.put("keys: \(keyCount) last: \(lastKey) ", x: inner.x, y: inner.y + 1)
        buffer.put("日本語テキスト|", x: inner.x, y: inner.y + 2, style: Style(.stateWorking))
        buffer.render(Prompt(label: "> ", text: ""), in: inner.row(inner.height - 1))
    }

    var cursor: (x: Int, y: Int)? { (3, height - 2) }
}

/// One tmux server (own socket) running the child, with helpers that poll instead of sleep.
final class SmokeTmuxSession {
    let socket: String
    let resultPath: String
    let outputPath: String
    private var killed = false

    /// `environment` is prepended to the child's (e.g. "TERM=x"); `redirect` appended to its command.
    init(name: String, environment: String = "", redirect: String = "") throws {
        _ = try #require(TmuxSmokeTests.tmuxPath, "tmux is not installed")
        socket = "agentdeck-screen-\(getpid())-\(name)"
        let directory = FileManager.default.temporaryDirectory.path
        resultPath = "\(directory)/\(socket).result"
        outputPath = "\(directory)/\(socket).output"
        try? FileManager.default.removeItem(atPath: resultPath)
        try? FileManager.default.removeItem(atPath: outputPath)
        let executable = try #require(Bundle.main.executablePath ?? CommandLine.arguments.first)
        let command = "env AGENTDECK_TMUX_CHILD=1 AGENTDECK_TMUX_RESULT='\(resultPath)' LANG=C.UTF-8 LC_ALL=C.UTF-8 "
            + "\(environment) '\(executable)' --testing-library swift-testing --filter tmuxChildEntry \(redirect)"
        // Options first (no status bar: the pane is the whole 80x24 window), then the session.
        Self.run(["-L", socket, "-f", "/dev/null", "start-server", ";",
                                   "set-option", "-g", "default-terminal", "tmux-256color", ";",
                                   "set-option", "-g", "status", "off", ";",
                                   "new-session", "-d", "-s", "main", "-x", "80", "-y", "24", command])
        Self.run(["-L", socket, "pipe-pane", "-t", "main", "-o", "cat >> '\(outputPath)'"])
    }

    /// One tmux command through TestSupport's spawner (files, not pipes; no blocked signals);
    /// output "" when tmux fails (a dead session is a state the tests check, not an error).
    @discardableResult
    static func run(_ arguments: [String]) -> String {
        (try? TestSupport.TmuxSession.tmux(arguments)) ?? ""
    }

    @discardableResult
    private func tmux(_ arguments: [String]) -> String {
        Self.run(["-L", socket] + arguments)
    }

    func send(_ keys: [String]) { tmux(["send-keys", "-t", "main"] + keys) }

    func resize(width: Int, height: Int) {
        tmux(["resize-window", "-t", "main", "-x", "\(width)", "-y", "\(height)"])
    }

    func capture() -> [String] {
        var lines = tmux(["capture-pane", "-p", "-t", "main"]).components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    func outputBytes() -> Int {
        (try? FileManager.default.attributesOfItem(atPath: outputPath)[.size] as? Int) ?? 0
    }

    /// Polls (up to 30 s: a debug test binary starts slowly) until the screen shows `text`.
    func waitForScreen(containing text: String) throws -> [String] {
        try waitForScreen { $0.contains { $0.contains(text) } }
    }

    /// The first capture `done` accepts (a capture can land while a frame is still arriving).
    func waitForScreen(until done: ([String]) -> Bool) throws -> [String] {
        var screen: [String] = []
        for _ in 0..<600 {
            screen = capture()
            if done(screen) { return screen }
            usleep(50_000)
        }
        Issue.record("screen never matched; last capture:\n\(screen.joined(separator: "\n"))")
        throw CancellationError()
    }

    /// Bytes the pane received since `start`, once the count stops growing.
    func waitForStableOutput(after start: Int) throws -> Int {
        var last = -1
        for _ in 0..<100 {
            let now = outputBytes()
            if now == last && now > start { return now - start }
            last = now
            usleep(50_000)
        }
        return outputBytes() - start
    }

    func waitForResult() throws -> String {
        for _ in 0..<600 {
            if let text = try? String(contentsOfFile: resultPath, encoding: .utf8), !text.isEmpty { return text }
            usleep(50_000)
        }
        Issue.record("the child never wrote its exit reason")
        throw CancellationError()
    }

    func kill() {
        guard !killed else { return }
        killed = true
        tmux(["kill-server"])
    }

    deinit {
        kill()
        try? FileManager.default.removeItem(atPath: resultPath)
        try? FileManager.default.removeItem(atPath: outputPath)
    }
}
