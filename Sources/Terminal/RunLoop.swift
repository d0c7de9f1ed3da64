import Deck
import Screen
#if canImport(Glibc)
import Glibc
#endif

/// Runs `app` full-screen on the controlling terminal until it quits, a signal arrives, or the
/// terminal hangs up. `wakeFD` is the read end of a pipe other threads write a byte to when
/// they have news for the app (-1 for none); it should be non-blocking.
///
/// Call it on the thread that will own ncurses, after starting other threads with the UI
/// signals blocked (`agentdeck_block_ui_signals_in_this_thread`). The terminal is restored on
/// every exit path, except after a hangup, when it is gone.
public func runTerminal(app: some TerminalApp, theme: Theme, wakeFD: Int32, options: RunOptions = RunOptions()) throws(TerminalError) -> ExitReason {
    let backend = try NcursesBackend.openInteractive(theme: theme, options: options.backend)
    return try RunLoop(app: app, backend: backend, wakeFD: wakeFD, options: options).run()
}

/// The UI loop: one thread waiting in `poll()` on the input, the signal self-pipe and the wake
/// fd, with a timeout for the next app deadline or the next allowed frame.
///
/// Frames are drawn only when a response asked for one, and at most `maxFramesPerSecond`
/// times a second: a burst of events coalesces into one frame. News from the network (the wake
/// fd, timers) redraws at most `backgroundFramesPerSecond` times a second: 100 agents polled every
/// 2 s wake the loop 50 times a second, and a frame for each cost most of the idle CPU. Keys and
/// resizes keep the full rate, counted among their own frames only: a key's frame is drawn at once
/// even when a background frame went out a moment ago. A frame whose cells and cursor equal the
/// last one drawn is not handed to ncurses at all (copying 4,800 cells into ncurses and letting it
/// diff them was most of an idle frame's cost). No `Task`, no actor hops.
///
/// The wake fd is read at most once per `minimumNewsInterval`; the input is always watched. Under
/// load the network posts news every millisecond, and taking each as it came cost a thousand
/// wake-ups (and context switches) a second for batches of a message or two; a key still gets
/// read, and its frame drawn, before the news that waited.
public final class RunLoop<App: TerminalApp> {
    let app: App
    let backend: NcursesBackend
    private(set) var wakeFD: Int32
    let minimumFrameInterval: Duration
    /// The frame interval when only background news (not a key or resize) asked for the frame.
    let backgroundFrameInterval: Duration
    /// The wake fd is not read again sooner than this after it was read.
    let minimumNewsInterval: Duration
    public static var backgroundFramesPerSecond: Int { 10 }
    let clock = ContinuousClock()

    private var needsRedraw = true
    /// The pending frame was asked for by the operator (key, resize), not by background news.
    private var redrawIsUrgent = true
    private var lastFrame: ContinuousClock.Instant?
    /// The last frame a key or resize asked for: those are capped among themselves.
    private var lastUrgentFrame: ContinuousClock.Instant?
    /// When the wake fd was last read (news is taken in batches, see the type's comment).
    private var lastNews: ContinuousClock.Instant?
    /// The wake fd was ready before `newsDue`: it is left unwatched until then. (Watching it and
    /// waking only for news that came early keeps an idle loop from waking once more per batch.)
    private var newsWaiting = false
    private var exitReason: ExitReason?
    /// Reads that found input ready but no key: a closed input looks like that forever.
    private var emptyReads = 0
    /// Frames drawn so far (for tests and measurements).
    public private(set) var framesDrawn = 0
    /// Frames rendered but not drawn because nothing on them changed (for tests and measurements).
    public private(set) var framesUnchanged = 0
    /// The last frame handed to ncurses, and its cursor: an identical frame is not drawn again.
    private var lastDrawn: CellBuffer?
    private var lastDrawnCursor: (x: Int, y: Int)?
    /// ncurses' screen may no longer match `lastDrawn` (repaint, resize): draw the next frame.
    private var mustDraw = true
    /// `AGENTDECK_LOOP_TRACE=file`: timestamps of keys, frames and wake-ups (a measuring aid).
    private let trace = LoopTrace()
    /// The thread's run delay when it last went into `poll` (trace only).
    private var delayBeforePoll: UInt64 = 0

    public init(app: App, backend: NcursesBackend, wakeFD: Int32, options: RunOptions = RunOptions()) {
        self.app = app
        self.backend = backend
        self.wakeFD = wakeFD
        self.minimumFrameInterval = .seconds(1) / max(1, options.maxFramesPerSecond)
        self.backgroundFrameInterval = max(minimumFrameInterval, .seconds(1) / Self.backgroundFramesPerSecond)
        self.minimumNewsInterval = options.minimumNewsInterval
    }

    /// Runs until the app quits, a terminating signal arrives, or the input hangs up. Closes
    /// the backend on the way out (or abandons it after a hangup).
    public func run() throws(TerminalError) -> ExitReason {
        let signals = try SignalPipe()
        defer { signals.remove(afterHangup: exitReason == .hangup) }
        defer {
            if exitReason == .hangup { backend.abandon() } else { backend.close() }
        }
        defer { trace?.flush() }
        app.start(TerminalInfo(width: backend.width, height: backend.height,
                               colorCount: backend.mapping.colorCount, isUTF8: backend.isUTF8))
        apply(app.handle(.resize(width: backend.width, height: backend.height)))
        needsRedraw = true

        while exitReason == nil {
            drawIfDue()
            var descriptors = [
                pollfd(fd: backend.inputFD, events: Int16(POLLIN), revents: 0),
                pollfd(fd: signals.readFD, events: Int16(POLLIN), revents: 0),
                // poll skips a negative fd (no wake fd, or news waiting for its batch)
                pollfd(fd: newsWaiting ? -1 : wakeFD, events: Int16(POLLIN), revents: 0),
            ]
            var wakeUp = nextWakeUp()
            if newsWaiting, let newsDue { wakeUp = min(wakeUp ?? newsDue, newsDue) }
            let timeout = RunLoop.pollTimeout(now: clock.now, until: wakeUp)
            if trace != nil { delayBeforePoll = LoopTrace.runDelay() }
            let ready = poll(&descriptors, nfds_t(descriptors.count), timeout)
            if ready < 0 {
                if errno == EINTR { continue }
                throw .system(call: "poll", errno: errno)
            }
            if descriptors[1].revents != 0 { handleSignals(signals.drain()) }
            if exitReason != nil { break }
            handleInput(descriptors[0].revents)
            if exitReason != nil { break }
            // A key's frame goes out before the network's news is handled: under load that news
            // can be thousands of messages, and the operator is waiting for this frame.
            if redrawIsUrgent { drawIfDue() }
            handleNews(descriptors[2].revents)
            if exitReason != nil { break }
            if let deadline = app.nextDeadline, clock.now >= deadline {
                let start = trace == nil ? 0 : LoopTrace.now()
                apply(app.handle(.tick(now: clock.now)), urgent: false)
                trace?.record("tick", start, LoopTrace.now())
            }
        }
        return exitReason ?? .quit
    }

    /// Milliseconds for `poll` until `deadline` (rounded up, so we never wake early and spin);
    /// -1 (wait forever) without one.
    public static func pollTimeout(now: ContinuousClock.Instant, until deadline: ContinuousClock.Instant?) -> Int32 {
        guard let deadline else { return -1 }
        guard deadline > now else { return 0 }
        let (seconds, attoseconds) = (deadline - now).components
        let attosecondsPerMillisecond: Int64 = 1_000_000_000_000_000
        let milliseconds = seconds * 1000 + (attoseconds + attosecondsPerMillisecond - 1) / attosecondsPerMillisecond
        return Int32(clamping: milliseconds)
    }

    // MARK: Steps

    private func nextWakeUp() -> ContinuousClock.Instant? {
        var wakeUp = app.nextDeadline
        if needsRedraw, let frameDue {
            wakeUp = min(wakeUp ?? frameDue, frameDue)
        }
        return wakeUp
    }

    /// When the wake fd may be read again (nil: now).
    private var newsDue: ContinuousClock.Instant? { lastNews.map { $0 + minimumNewsInterval } }

    /// The earliest the pending frame may be drawn (nil: now). A key's frame waits only for the
    /// last key's frame, background news for the last frame of any kind.
    private var frameDue: ContinuousClock.Instant? {
        if redrawIsUrgent { return lastUrgentFrame.map { $0 + minimumFrameInterval } }
        return lastFrame.map { $0 + backgroundFrameInterval }
    }

    private func drawIfDue() {
        guard needsRedraw else { return }
        let now = clock.now
        if let frameDue, now < frameDue { return }
        let start = trace == nil ? 0 : LoopTrace.now()
        let cpuStart = trace == nil ? 0 : LoopTrace.threadCPU()
        let delayStart = trace == nil ? 0 : LoopTrace.runDelay()
        let urgent: UInt64 = redrawIsUrgent ? 1 : 0
        var buffer = CellBuffer(width: backend.width, height: backend.height)
        app.render(into: &buffer)
        let cursor = app.cursor
        lastFrame = now
        if redrawIsUrgent { lastUrgentFrame = now }
        needsRedraw = false
        redrawIsUrgent = false
        if !mustDraw, let lastDrawn, lastDrawn == buffer, lastDrawnCursor?.x == cursor?.x, lastDrawnCursor?.y == cursor?.y {
            framesUnchanged += 1
            trace?.record("frame", start, LoopTrace.now(), 0, urgent, LoopTrace.threadCPU() - cpuStart, LoopTrace.runDelay() - delayStart)
            return
        }
        backend.draw(buffer, cursor: cursor)
        trace?.record("frame", start, LoopTrace.now(), 1, urgent, LoopTrace.threadCPU() - cpuStart, LoopTrace.runDelay() - delayStart)
        lastDrawn = buffer
        lastDrawnCursor = cursor
        mustDraw = false
        framesDrawn += 1
    }

    private func apply(_ response: AppResponse, urgent: Bool = true) {
        if response.redraw || response.repaint {
            needsRedraw = true
            if urgent { redrawIsUrgent = true }
        }
        if response.repaint {
            backend.forceFullRepaint()
            mustDraw = true
        }
        if response.quit && exitReason == nil { exitReason = .quit }
    }

    private func handleSignals(_ numbers: [Int32]) {
        for number in numbers {
            switch number {
            case SIGWINCH: handleResize()
            case SIGHUP: exitReason = .hangup
            case SIGINT, SIGTERM, SIGQUIT: if exitReason == nil { exitReason = .signal(number) }
            default: break
            }
        }
    }

    private func handleResize() {
        guard backend.refreshSize() else { return }
        apply(app.handle(.resize(width: backend.width, height: backend.height)))
        needsRedraw = true
        mustDraw = true
    }

    private func handleInput(_ events: Int16) {
        if events & Int16(POLLHUP | POLLERR | POLLNVAL) != 0 {
            exitReason = .hangup  // the terminal is gone: do not touch it again
            return
        }
        guard events & Int16(POLLIN) != 0 else { return }
        let keys = backend.readKeys()
        if let trace { trace.record("key", LoopTrace.now(), LoopTrace.runDelay() - delayBeforePoll) }
        if keys.isEmpty {
            emptyReads += 1
            if emptyReads > 100 { exitReason = .hangup }
            return
        }
        emptyReads = 0
        for key in keys {
            if key == .resize {
                handleResize()
            } else {
                apply(app.handle(.key(key)))
            }
            if exitReason != nil { return }
        }
    }

    /// Takes the news now, or marks it waiting when the last batch was taken too recently.
    private func handleNews(_ events: Int16) {
        let now = clock.now
        if events == Int16(POLLIN), let newsDue, now < newsDue {
            newsWaiting = true
        } else if events != 0 {
            handleWake(events)
        } else if newsWaiting, newsDue.map({ now >= $0 }) ?? true {
            handleWake(Int16(POLLIN))
        }
    }

    private func handleWake(_ events: Int16) {
        newsWaiting = false
        lastNews = clock.now
        var bytes = [UInt8](repeating: 0, count: 4096)
        // One read: poll said it will not block, even on a blocking descriptor.
        let count = bytes.withUnsafeMutableBytes { read(wakeFD, $0.baseAddress, $0.count) }
        if count == 0 || events & Int16(POLLNVAL) != 0 {
            wakeFD = -1  // the writer is gone: stop polling it
            return
        }
        let start = trace == nil ? 0 : LoopTrace.now()
        let cpuStart = trace == nil ? 0 : LoopTrace.threadCPU()
        let delayStart = trace == nil ? 0 : LoopTrace.runDelay()
        apply(app.handle(.wake), urgent: false)
        trace?.record("wake", start, LoopTrace.now(), LoopTrace.threadCPU() - cpuStart, LoopTrace.runDelay() - delayStart)
    }
}
