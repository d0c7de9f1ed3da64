import CNcursesw
import Foundation
import CShim
import Deck
import Screen
import Testing
@testable import Terminal
#if canImport(Glibc)
import Glibc
#endif

/// An app driven by a closure, recording what the loop tells it. It gives up after a few
/// seconds (`timedOut`) so a broken loop fails the test instead of hanging it.
final class ScriptedApp: TerminalApp {
    var events: [TerminalEvent] = []
    var renders = 0
    var timedOut = false
    var deadline: ContinuousClock.Instant?
    /// Render the same cells every time (otherwise each frame says its number).
    var sameFrame = false
    let giveUpAt = ContinuousClock.now + .seconds(5)
    let script: (TerminalEvent, ScriptedApp) -> AppResponse

    init(script: @escaping (TerminalEvent, ScriptedApp) -> AppResponse) {
        self.script = script
    }

    func handle(_ event: TerminalEvent) -> AppResponse {
        events.append(event)
        if case .tick(let now) = event, now >= giveUpAt {
            timedOut = true
            return .quit
        }
        return script(event, self)
    }

    func render(into buffer: inout CellBuffer) {
        renders += 1
        buffer.put(sameFrame ? "frame" : "frame \(renders)", x: 0, y: 0)
    }

    var nextDeadline: ContinuousClock.Instant? {
        min(deadline ?? giveUpAt, giveUpAt)
    }

    var keys: [Key] {
        events.compactMap { if case .key(let key) = $0 { key } else { nil } }
    }
}

extension NcursesTests {
    @Test("keys reach the app in order; no frame is drawn when nothing changed; q quits")
    func keysAndQuit() throws {
        let terminal = try HeadlessTerminal()
        let app = ScriptedApp { event, _ in event == .key(.char("q")) ? .quit : .none }
        terminal.type("abq")
        let loop = RunLoop(app: app, backend: terminal.backend, wakeFD: -1)
        #expect(try loop.run() == .quit)
        #expect(!app.timedOut)
        #expect(app.events.first == .resize(width: 80, height: 24))
        #expect(app.keys == [.char("a"), .char("b"), .char("q")])
        #expect(app.renders == 1)
        #expect(terminal.backend.restoredTerminal)
    }

    @Test("a byte on the wake fd becomes a .wake event")
    func wake() throws {
        let terminal = try HeadlessTerminal()
        var fds: [Int32] = [-1, -1]
        try #require(agentdeck_make_pipe(&fds) == 0)
        defer { close(fds[0]); close(fds[1]) }
        var byte: UInt8 = 1
        try #require(write(fds[1], &byte, 1) == 1)
        let app = ScriptedApp { event, _ in event == .wake ? .quit : .none }
        #expect(try RunLoop(app: app, backend: terminal.backend, wakeFD: fds[0]).run() == .quit)
        #expect(!app.timedOut)
        #expect(app.events.contains(.wake))
    }

    @Test("SIGTERM through the self-pipe quits cleanly and restores the terminal")
    func terminate() throws {
        let terminal = try HeadlessTerminal()
        let app = ScriptedApp { event, _ in
            if event == .key(.char("k")) { raise(SIGTERM) }
            return .none
        }
        terminal.type("k")
        #expect(try RunLoop(app: app, backend: terminal.backend, wakeFD: -1).run() == .signal(SIGTERM))
        #expect(!app.timedOut)
        #expect(terminal.backend.restoredTerminal)
    }

    @Test("SIGWINCH re-reads the size and sends one resize event")
    func resize() throws {
        let terminal = try HeadlessTerminal()
        let app = ScriptedApp { event, _ in
            switch event {
            case .key(.char("w")):
                resizeterm(30, 100)  // what the kernel would report; /dev/null has no size
                raise(SIGWINCH)
                return .none
            case .resize(100, 30): return .quit
            default: return .none
            }
        }
        terminal.type("w")
        #expect(try RunLoop(app: app, backend: terminal.backend, wakeFD: -1).run() == .quit)
        #expect(!app.timedOut)
        #expect(app.events.filter { if case .resize = $0 { true } else { false } }
                == [.resize(width: 80, height: 24), .resize(width: 100, height: 30)])
    }

    @Test("a hung-up input ends the loop without touching the terminal")
    func hangup() throws {
        let terminal = try HeadlessTerminal()
        let app = ScriptedApp { _, _ in .none }
        terminal.type("a")
        terminal.hangUp()
        #expect(try RunLoop(app: app, backend: terminal.backend, wakeFD: -1).run() == .hangup)
        #expect(!app.timedOut)
        #expect(terminal.backend.isClosed)
        #expect(!terminal.backend.restoredTerminal)
        #expect(!isendwin())  // endwin would have written to the (gone) terminal
        endwin()              // the test's /dev/null terminal can be restored now
    }

    @Test("a burst of redraw requests coalesces into one frame; ticks arrive at deadlines")
    func frameCap() throws {
        let terminal = try HeadlessTerminal()
        let app = ScriptedApp { event, app in
            switch event {
            case .key: return .redraw
            case .tick(let now):
                if app.renders >= 2 { return .quit }
                app.deadline = now + .milliseconds(1)
                return .none
            default: return .none
            }
        }
        app.deadline = ContinuousClock.now
        terminal.type("abc")
        let loop = RunLoop(app: app, backend: terminal.backend, wakeFD: -1)
        #expect(try loop.run() == .quit)
        #expect(!app.timedOut)
        #expect(app.keys.count == 3)
        #expect(app.renders == 2)
        #expect(loop.framesDrawn == 2)
    }

    @Test("a frame equal to the last one drawn is not drawn again; a repaint draws it anyway")
    func unchangedFrameIsNotDrawn() throws {
        let terminal = try HeadlessTerminal()
        let app = ScriptedApp { event, app in
            guard case .tick(let now) = event else { return .none }
            app.deadline = now + .milliseconds(1)
            switch app.renders {
            case ..<3: return .redraw
            case 3: return AppResponse(redraw: true, repaint: true)
            default: return .quit
            }
        }
        app.sameFrame = true
        app.deadline = ContinuousClock.now
        let loop = RunLoop(app: app, backend: terminal.backend, wakeFD: -1)
        #expect(try loop.run() == .quit)
        #expect(!app.timedOut)
        #expect(app.renders == 4)
        // The first frame and the repainted one reach ncurses; the two identical ones between do not.
        #expect(loop.framesDrawn == 2)
        #expect(loop.framesUnchanged == 2)
    }
}

extension NcursesTests {
    @Test("news that comes again within minimumNewsInterval waits for its batch; keys and ticks do not")
    func newsIsBatched() throws {
        let terminal = try HeadlessTerminal()
        let pipe = try WakePipe()
        pipe.wake()
        let app = ScriptedApp { event, app in
            switch event {
            case .wake:
                pipe.wake()  // more news at once, as a busy network posts it
                app.deadline = ContinuousClock.now
                return .redraw
            case .tick(let now):
                if app.events.filter({ if case .tick = $0 { true } else { false } }).count >= 5 {
                    terminal.type("q")
                }
                app.deadline = now + .milliseconds(1)
                return .none
            case .key(.char("q")): return .quit
            default: return .none
            }
        }
        // An hour: the second batch can only come after the test is over.
        let options = RunOptions(minimumNewsInterval: .seconds(3600))
        #expect(try RunLoop(app: app, backend: terminal.backend, wakeFD: pipe.readFD, options: options).run() == .quit)
        #expect(!app.timedOut)
        #expect(app.events.filter { $0 == .wake }.count == 1)
        #expect(app.keys == [.char("q")])
    }

    @Test("WakePipe: a wake() from another thread reaches the loop as .wake")
    func wakeFromAnotherThread() throws {
        let terminal = try HeadlessTerminal()
        let pipe = try WakePipe()
        let app = ScriptedApp { event, _ in event == .wake ? .quit : .none }
        let thread = Thread { pipe.wake() }
        thread.start()
        #expect(try RunLoop(app: app, backend: terminal.backend, wakeFD: pipe.readFD).run() == .quit)
        #expect(!app.timedOut)
        #expect(app.events.contains(.wake))
    }
}
