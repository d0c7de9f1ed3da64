import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a repo Python script to completion with one of the test venvs and captures its output.
public enum PythonTool {
    public struct Result: Sendable {
        public let exitStatus: Int32
        public let stdout: String
        public let stderr: String
        public let timedOut: Bool
    }

    /// `script` is relative to the repo root, e.g. "tests/conformance/check_agent.py".
    public static func run(
        _ script: String,
        venv: PeerVenv,
        arguments: [String] = [],
        env: [String: String] = [:],
        timeout: TimeInterval = 120,
        layout: RepoLayout = .current()
    ) throws -> Result {
        let python = layout.python(in: venv)
        guard FileManager.default.isExecutableFile(atPath: python.path) else {
            throw PeerError.venvMissing(python: python.path)
        }
        let scriptURL = layout.root.appendingPathComponent(script)
        guard FileManager.default.fileExists(atPath: scriptURL.path) else {
            throw PeerError.scriptMissing(path: scriptURL.path)
        }
        let process = Process()
        process.executableURL = python
        process.arguments = [scriptURL.path] + arguments
        process.currentDirectoryURL = layout.root
        var environment = ProcessInfo.processInfo.environment
        environment["PYTHONUNBUFFERED"] = "1"
        environment["PYTHONDONTWRITEBYTECODE"] = "1"
        environment.merge(env) { _, new in new }
        process.environment = environment

        let stdoutPipe = Pipe(), stderrPipe = Pipe()
        process.standardOutput = stdoutPipe
        process.standardError = stderrPipe
        process.standardInput = FileHandle.nullDevice
        let stdout = readToEnd(stdoutPipe.fileHandleForReading)
        let stderr = readToEnd(stderrPipe.fileHandleForReading)
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        do {
            try process.run()
        } catch {
            throw PeerError.launchFailed(command: "\(python.path) \(script)", reason: "\(error)")
        }
        var timedOut = false
        if exited.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            process.terminate()
            if exited.wait(timeout: .now() + 3) == .timedOut {
                _ = kill(process.processIdentifier, SIGKILL)
            }
        }
        process.waitUntilExit()
        return Result(exitStatus: process.terminationStatus, stdout: stdout.wait(), stderr: stderr.wait(),
                      timedOut: timedOut)
    }

    /// Reads a pipe to EOF on a background thread so a chatty child never blocks on a full pipe.
    private static func readToEnd(_ handle: FileHandle) -> PendingText {
        let pending = PendingText()
        DispatchQueue.global().async {
            let data = readToEndRetryingInterrupts(handle)
            pending.finish(String(decoding: data, as: UTF8.self))
        }
        return pending
    }
}

private final class PendingText: Sendable {
    private let text = LockedBox<String?>(nil)
    private let done = DispatchSemaphore(value: 0)

    func finish(_ value: String) {
        text.withLock { $0 = value }
        done.signal()
    }

    func wait() -> String {
        _ = done.wait(timeout: .now() + 5)  // EOF follows exit; never hang a test on it
        return text.withLock { $0 } ?? ""
    }
}
