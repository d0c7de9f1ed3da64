import CShim
#if canImport(Glibc)
import Glibc
#endif

/// The self-pipe that signals arrive through: a C handler writes each signal's number to it,
/// and the UI loop polls the read end next to stdin. Only one exists at a time (signal
/// dispositions are process-wide).
final class SignalPipe {
    let readFD: Int32
    let writeFD: Int32
    private var installed = true

    init() throws(TerminalError) {
        var fds: [Int32] = [-1, -1]
        guard agentdeck_make_pipe(&fds) == 0 else { throw .system(call: "pipe2", errno: errno) }
        readFD = fds[0]
        writeFD = fds[1]
        guard agentdeck_install_signal_pipe(writeFD) == 0 else {
            let error = errno
            Glibc.close(readFD)
            Glibc.close(writeFD)
            throw .system(call: "sigaction", errno: error)
        }
        // The UI thread must receive them even if it was started with them blocked.
        _ = agentdeck_unblock_ui_signals_in_this_thread()
    }

    /// Signal numbers received since the last call, oldest first.
    func drain() -> [Int32] {
        var signals: [Int32] = []
        var bytes = [UInt8](repeating: 0, count: 64)
        while true {
            let count = bytes.withUnsafeMutableBytes { Glibc.read(readFD, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            signals.append(contentsOf: bytes[0..<count].map { Int32($0) })
        }
        return signals
    }

    /// Restores default signal handling and closes the pipe. After a hangup, SIGHUP stays
    /// ignored: the kernel and the terminal emulator may send more while the app shuts down.
    func remove(afterHangup: Bool = false) {
        guard installed else { return }
        installed = false
        agentdeck_remove_signal_pipe()
        if afterHangup { agentdeck_ignore_hangups() }
        Glibc.close(readFD)
        Glibc.close(writeFD)
    }

    deinit {
        remove()
    }
}
