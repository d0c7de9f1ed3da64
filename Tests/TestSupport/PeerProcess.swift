import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A real A2A peer (a Python server from `tests/peers/`) running on 127.0.0.1 for one test.
///
/// `start` launches the script with `--port 0`, waits for its single stdout line
/// `READY http://127.0.0.1:PORT`, and returns. `stop()` (also run by `deinit`) sends SIGTERM,
/// then SIGKILL if the peer lingers. The peer also exits by itself when this process dies,
/// because it watches its stdin pipe (A2A_PEER_EXIT_ON_STDIN_EOF).
public final class PeerProcess: Sendable {
    public let kind: PeerKind
    /// `http://127.0.0.1:PORT`, no trailing slash: the first URL of the READY line.
    public let baseURL: String
    /// Every URL of the READY line (a fixture serving several origins announces more than one).
    public let urls: [String]
    public let port: Int
    public let processIdentifier: Int32

    private let process: LockedBox<Process?>
    private let output: PeerOutput
    private let stdinPipe: Pipe

    /// How long a peer gets to print READY (Python + SDK imports are slow on a busy machine).
    public static let defaultReadyTimeout: TimeInterval = 20
    /// How long SIGTERM gets before SIGKILL.
    public static let stopGrace: TimeInterval = 3

    public static func start(
        _ kind: PeerKind,
        args: [String] = [],
        env: [String: String] = [:],
        readyTimeout: TimeInterval = PeerProcess.defaultReadyTimeout,
        layout: RepoLayout = .current()
    ) throws -> PeerProcess {
        let python = layout.python(in: kind.venv)
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            throw PeerError.venvMissing(python: python.path)
        }
        let script = layout.script(kind.scriptName)
        guard FileManager.default.fileExists(atPath: script.path) else {
            throw PeerError.scriptMissing(path: script.path)
        }

        let arguments = [script.path] + kind.launchArguments + args
        let process = Process()
        process.executableURL = python
        process.arguments = arguments
        process.currentDirectoryURL = layout.root
        var environment = ProcessInfo.processInfo.environment
        environment["PYTHONUNBUFFERED"] = "1"
        environment["PYTHONDONTWRITEBYTECODE"] = "1"
        environment["A2A_PEER_EXIT_ON_STDIN_EOF"] = "1"
        environment.merge(env) { _, new in new }
        process.environment = environment

        let stdoutPipe = Pipe(), stderrPipe = Pipe(), stdinPipe = Pipe()
        process.standardOutput = stdoutPipe
        process.standardError = stderrPipe
        process.standardInput = stdinPipe

        let output = PeerOutput()
        output.drain(stdoutPipe.fileHandleForReading, into: .stdout)
        output.drain(stderrPipe.fileHandleForReading, into: .stderr)
        process.terminationHandler = { _ in output.noteExit() }

        let command = ([python.lastPathComponent] + arguments).joined(separator: " ")
        do {
            try process.run()
        } catch {
            throw PeerError.launchFailed(command: command, reason: "\(error)")
        }

        switch output.waitForReadyLine(timeout: readyTimeout) {
        case .ready(let urls):
            guard let first = urls.first, let port = URLComponents(string: first)?.port else {
                Self.shutDown(process, stdin: stdinPipe)
                throw PeerError.notReady(kind: kind.description, reason: "unreadable READY line \(urls)",
                                         stderrTail: output.stderrTail())
            }
            return PeerProcess(kind: kind, urls: urls, port: port, process: process,
                               output: output, stdinPipe: stdinPipe)
        case .exited:
            Self.shutDown(process, stdin: stdinPipe)
            let status = process.isRunning ? "?" : "\(process.terminationStatus)"
            throw PeerError.notReady(kind: kind.description, reason: "it exited with status \(status)",
                                     stderrTail: output.stderrTail())
        case .timedOut:
            Self.shutDown(process, stdin: stdinPipe)
            throw PeerError.notReady(kind: kind.description,
                                     reason: "no READY line within \(Int(readyTimeout)) s",
                                     stderrTail: output.stderrTail())
        }
    }

    /// `start` for async tests: waits for READY on a Dispatch thread instead of blocking one
    /// of the few cooperative-pool threads that Swift Testing runs tests on.
    public static func launch(
        _ kind: PeerKind,
        args: [String] = [],
        env: [String: String] = [:],
        readyTimeout: TimeInterval = PeerProcess.defaultReadyTimeout,
        layout: RepoLayout = .current()
    ) async throws -> PeerProcess {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result {
                    try start(kind, args: args, env: env, readyTimeout: readyTimeout, layout: layout)
                })
            }
        }
    }

    private init(kind: PeerKind, urls: [String], port: Int, process: Process, output: PeerOutput, stdinPipe: Pipe) {
        self.kind = kind
        self.baseURL = urls[0]
        self.urls = urls
        self.port = port
        self.processIdentifier = process.processIdentifier
        self.process = LockedBox(process)
        self.output = output
        self.stdinPipe = stdinPipe
    }

    deinit {
        stop()
    }

    /// `baseURL` + `path` (`path` starts with "/").
    public func url(_ path: String) -> String {
        baseURL + path
    }

    /// The last few KB the peer wrote to stderr: its logs and tracebacks, for failure messages.
    public var stderrTail: String {
        output.stderrTail()
    }

    public var isRunning: Bool {
        process.withLock { $0?.isRunning ?? false }
    }

    /// SIGKILL at once, as a crash or an OOM kill would: no shutdown, connections cut mid-stream.
    public func crash() {
        guard let running = process.withLock({ current -> Process? in
            defer { current = nil }
            return current
        }) else { return }
        try? stdinPipe.fileHandleForWriting.close()
        if running.isRunning { _ = kill(running.processIdentifier, SIGKILL) }
        running.waitUntilExit()
    }

    /// SIGTERM, then SIGKILL after `stopGrace` seconds. Safe to call more than once.
    public func stop() {
        guard let running = process.withLock({ current -> Process? in
            defer { current = nil }
            return current
        }) else { return }
        Self.shutDown(running, stdin: stdinPipe)
    }

    private static func shutDown(_ process: Process, stdin: Pipe) {
        try? stdin.fileHandleForWriting.close()
        guard process.isRunning else { return }
        process.terminate()  // SIGTERM: uvicorn shuts down gracefully
        let deadline = Date().addingTimeInterval(stopGrace)
        while process.isRunning && Date() < deadline {
            usleep(20_000)
        }
        if process.isRunning {
            _ = kill(process.processIdentifier, SIGKILL)
        }
        process.waitUntilExit()
    }
}

/// Collects a peer's stdout (looking for the READY line) and a bounded tail of its stderr.
final class PeerOutput: Sendable {
    enum Stream: Sendable { case stdout, stderr }
    enum Readiness: Sendable { case ready([String]), exited, timedOut }

    private struct State {
        var stdout = Data()
        var stderr = Data()
        var readyURLs: [String]?
        var exited = false
    }

    private static let maxStdout = 64 * 1024
    private static let maxStderrTail = 8 * 1024

    private let state = LockedBox(State())
    private let changed = DispatchSemaphore(value: 0)

    func drain(_ handle: FileHandle, into stream: Stream) {
        handle.readabilityHandler = { [self] handle in
            let data = handle.availableData
            if data.isEmpty {
                handle.readabilityHandler = nil  // EOF: stop, or Linux keeps calling with no data
                return
            }
            self.append(data, to: stream)
        }
    }

    private func append(_ data: Data, to stream: Stream) {
        let becameReady = state.withLock { state -> Bool in
            switch stream {
            case .stderr:
                state.stderr.append(data)
                if state.stderr.count > Self.maxStderrTail {
                    state.stderr = state.stderr.suffix(Self.maxStderrTail)
                }
                return false
            case .stdout:
                guard state.readyURLs == nil, state.stdout.count < Self.maxStdout else { return false }
                state.stdout.append(data)
                state.readyURLs = ReadyLine.urls(in: String(decoding: state.stdout, as: UTF8.self))
                return state.readyURLs != nil
            }
        }
        if becameReady { changed.signal() }
    }

    func noteExit() {
        state.withLock { $0.exited = true }
        changed.signal()
    }

    func waitForReadyLine(timeout: TimeInterval) -> Readiness {
        let deadline = DispatchTime.now() + timeout
        while true {
            let (urls, exited) = state.withLock { ($0.readyURLs, $0.exited) }
            if let urls { return .ready(urls) }
            if exited {
                // Give the pipes a moment to deliver the last stderr lines before reporting.
                usleep(100_000)
                return .exited
            }
            if changed.wait(timeout: deadline) == .timedOut {
                if let urls = state.withLock({ $0.readyURLs }) { return .ready(urls) }
                return .timedOut
            }
        }
    }

    func stderrTail() -> String {
        state.withLock { String(decoding: $0.stderr, as: UTF8.self) }
    }
}
