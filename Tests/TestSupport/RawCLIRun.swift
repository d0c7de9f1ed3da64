import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs the built `agentdeck` binary and keeps what robustness tests need and `CLIProcess` cannot
/// give: the raw bytes of stdout and stderr (not decoded), how the process ended (exit status or
/// signal, from `waitpid`), and its peak resident memory (VmHWM from `/proc/<pid>/status`, sampled
/// every 10 ms while it runs; `ru_maxrss` is no use here: Linux folds in the parent's peak when a
/// vfork-style spawn execs).
public struct RawCLIRun: Sendable {
    /// How the process ended.
    public enum Ending: Sendable, Equatable, CustomStringConvertible {
        case exited(Int32)
        /// Killed by a signal it did not catch (a crash: SIGSEGV, SIGILL from a Swift trap, SIGABRT).
        case signaled(Int32)
        /// Still running at the deadline: we killed it (SIGKILL), so it hung.
        case hung

        public var description: String {
            switch self {
            case .exited(let code): "exit \(code)"
            case .signaled(let signal): "signal \(signal)"
            case .hung: "hung (killed at the deadline)"
            }
        }
    }

    public var ending: Ending
    public var stdout: [UInt8]
    public var stderr: [UInt8]
    /// Peak resident set size in KiB (VmHWM at the last sample before exit).
    public var peakRSSKiB: Int
    /// True when the run was stopped by `stopAfter` with SIGTERM (the caller's choice, not a hang).
    public var stoppedByCaller: Bool

    public var stderrText: String { String(decoding: stderr, as: UTF8.self) }
    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }

    /// Runs `agentdeck arguments`. `deadline`: seconds before it counts as hung (SIGKILL).
    /// `stopAfter`: send SIGTERM after this many seconds (for endless streams), then wait.
    /// stdout/stderr keep at most `maxCaptureBytes` each (the rest is read and dropped).
    public static func run(
        _ arguments: [String], environment: [String: String] = [:], deadline: Double = 30, stopAfter: Double? = nil,
        maxCaptureBytes: Int = 64 << 20
    ) throws -> RawCLIRun {
        let executable = BuiltProducts.path("agentdeck")
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { _, new in new }

        var outPipe: [Int32] = [0, 0]
        var errPipe: [Int32] = [0, 0]
        guard pipe(&outPipe) == 0, pipe(&errPipe) == 0 else { throw RawRunError("pipe failed") }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        for fd in outPipe + errPipe { posix_spawn_file_actions_addclose(&actions, fd) }

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        close(outPipe[1])
        close(errPipe[1])
        guard spawned == 0 else {
            close(outPipe[0])
            close(errPipe[0])
            throw RawRunError("posix_spawn \(executable) failed: \(spawned)")
        }

        let outReader = PipeReader(fd: outPipe[0], limit: maxCaptureBytes)
        let errReader = PipeReader(fd: errPipe[0], limit: maxCaptureBytes)

        let start = Date()
        var status: Int32 = 0
        var peakKiB = 0
        var hung = false
        var stopped = false
        while true {
            // Read before reaping: a reaped process has no /proc entry, a zombie no memory figures.
            peakKiB = max(peakKiB, ProcessFigures.peakResidentKiB(pid) ?? 0)
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid { break }
            let elapsed = Date().timeIntervalSince(start)
            if let stopAfter, !stopped, elapsed >= stopAfter {
                kill(pid, SIGTERM)
                stopped = true
            }
            if elapsed >= deadline {
                kill(pid, SIGKILL)
                _ = waitpid(pid, &status, 0)
                hung = true
                break
            }
            usleep(10_000)
        }
        let stdout = outReader.finish()
        let stderr = errReader.finish()

        let ending: Ending
        if hung {
            ending = .hung
        } else if status & 0x7F == 0 {
            ending = .exited((status >> 8) & 0xFF)
        } else {
            ending = .signaled(status & 0x7F)
        }
        return RawCLIRun(ending: ending, stdout: stdout, stderr: stderr, peakRSSKiB: peakKiB,
                         stoppedByCaller: stopped)
    }
}

public struct RawRunError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}

/// Drains one pipe on its own thread so the child never blocks on a full pipe.
private final class PipeReader: @unchecked Sendable {
    private let fd: Int32
    private let limit: Int
    private var bytes: [UInt8] = []
    private let done = DispatchSemaphore(value: 0)

    init(fd: Int32, limit: Int) {
        self.fd = fd
        self.limit = limit
        Thread { [self] in
            var buffer = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, 65536) }
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                if bytes.count < limit { bytes.append(contentsOf: buffer[0..<min(n, limit - bytes.count)]) }
            }
            close(fd)
            done.signal()
        }.start()
    }

    /// Waits for end of file (the child and anything it spawned closed the pipe).
    func finish() -> [UInt8] {
        done.wait()
        return bytes
    }
}
