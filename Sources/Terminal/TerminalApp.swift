import Deck
import Screen

/// Something that happened, delivered to the app by the run loop.
public enum TerminalEvent: Sendable, Equatable {
    case key(Key)
    /// The screen is now this size (also sent once at start).
    case resize(width: Int, height: Int)
    /// Someone wrote to the wake fd (the network inbox has messages).
    case wake
    /// The app's `nextDeadline` has passed.
    case tick(now: ContinuousClock.Instant)
}

/// What the app wants after an event.
public struct AppResponse: Sendable, Equatable {
    /// The state changed: render a new frame (at most `RunOptions.maxFramesPerSecond`).
    public var redraw: Bool
    /// Leave the run loop.
    public var quit: Bool
    /// Send the whole next frame, not just the difference (Ctrl-L).
    public var repaint: Bool

    public init(redraw: Bool = false, quit: Bool = false, repaint: Bool = false) {
        self.redraw = redraw
        self.quit = quit
        self.repaint = repaint
    }

    public static let none = AppResponse()
    public static let redraw = AppResponse(redraw: true)
    public static let quit = AppResponse(quit: true)
}

/// What the app learns about the terminal when the loop starts.
public struct TerminalInfo: Sendable, Equatable {
    public var width: Int
    public var height: Int
    /// ncurses `COLORS` (0 without colour).
    public var colorCount: Int
    /// False when the locale is not UTF-8: use `Box.Charset.ascii` and ASCII bars.
    public var isUTF8: Bool

    public init(width: Int, height: Int, colorCount: Int, isUTF8: Bool) {
        self.width = width
        self.height = height
        self.colorCount = colorCount
        self.isUTF8 = isUTF8
    }
}

/// An application driven by `runTerminal`: events in, frames out, all on the UI thread.
public protocol TerminalApp: AnyObject {
    /// Called once before the first frame.
    func start(_ info: TerminalInfo)
    /// Handles one event and says whether to redraw or quit.
    func handle(_ event: TerminalEvent) -> AppResponse
    /// Draws the current state; called only after a response asked for a redraw (and for the
    /// first frame, and after a resize). The buffer is blank and the screen's size.
    func render(into buffer: inout CellBuffer)
    /// Where the terminal cursor goes after a frame (a prompt's insertion point); nil hides it.
    var cursor: (x: Int, y: Int)? { get }
    /// When the app next wants a `.tick` (animations, ages); nil means never.
    var nextDeadline: ContinuousClock.Instant? { get }
}

extension TerminalApp {
    public func start(_ info: TerminalInfo) {}
    public var cursor: (x: Int, y: Int)? { nil }
    public var nextDeadline: ContinuousClock.Instant? { nil }
}

/// Why the run loop ended.
public enum ExitReason: Sendable, Equatable {
    /// The app asked to quit.
    case quit
    /// SIGINT, SIGTERM or SIGQUIT: the terminal was restored.
    case signal(Int32)
    /// SIGHUP or the input hung up: the terminal was left untouched.
    case hangup
}

public struct RunOptions: Sendable {
    /// Frames are never drawn more often than this, however often the app asks.
    public var maxFramesPerSecond: Int
    public var backend: NcursesBackend.Options
    /// Network news (the wake fd) is taken at most once per this interval, in one batch; keys
    /// are read at once regardless.
    public var minimumNewsInterval: Duration

    public init(maxFramesPerSecond: Int = 30, backend: NcursesBackend.Options = .init(),
                minimumNewsInterval: Duration = .milliseconds(20)) {
        self.maxFramesPerSecond = maxFramesPerSecond
        self.backend = backend
        self.minimumNewsInterval = minimumNewsInterval
    }
}
