import CShim
#if canImport(Glibc)
import Glibc
#endif

/// How other threads wake the UI loop: they call `wake()` (a one-byte write, safe from any
/// thread and cheap to repeat), and `runTerminal(…, wakeFD: pipe.readFD)` turns it into a
/// `.wake` event. Both ends are non-blocking: a full pipe just means a wake-up is pending.
public final class WakePipe: Sendable {
    public let readFD: Int32
    public let writeFD: Int32

    public init() throws(TerminalError) {
        var fds: [Int32] = [-1, -1]
        guard agentdeck_make_pipe(&fds) == 0 else { throw .system(call: "pipe2", errno: errno) }
        readFD = fds[0]
        writeFD = fds[1]
    }

    /// Wakes the UI loop. Call it after putting messages in the inbox.
    public func wake() {
        var byte: UInt8 = 1
        _ = write(writeFD, &byte, 1)
    }

    deinit {
        close(readFD)
        close(writeFD)
    }
}

/// The signals the UI loop handles (SIGWINCH, SIGINT, SIGTERM, SIGHUP, SIGQUIT).
public enum UISignals {
    /// Blocks them in the calling thread. Call it before starting any other thread (threads
    /// inherit the mask), so only the UI thread runs the handler; `runTerminal` unblocks
    /// them again on its own thread.
    public static func blockInThisThread() {
        _ = agentdeck_block_ui_signals_in_this_thread()
    }
}
