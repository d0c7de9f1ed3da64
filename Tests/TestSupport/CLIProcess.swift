import Foundation
import Synchronization

/// Runs the built `agentdeck` binary as a script would, collecting stdout lines as they arrive.
public final class CLIProcess: Sendable {
    private let process: Process
    /// Output gathered by the pipe handlers (a class so the handlers can share it).
    private final class Output: Sendable {
        let state = Mutex<(out: [String], partial: String, err: String)>(([], "", ""))
    }
    private let output = Output()

    public init(_ arguments: [String], environment: [String: String] = [:], executable: String = "agentdeck") throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: BuiltProducts.path(executable))
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { _, new in new }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let output = self.output
        out.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            guard !data.isEmpty else { handle.readabilityHandler = nil; return }
            output.state.withLock { c in
                c.partial += String(decoding: data, as: UTF8.self)
                while let newline = c.partial.firstIndex(of: "\n") {
                    c.out.append(String(c.partial[..<newline]))
                    c.partial = String(c.partial[c.partial.index(after: newline)...])
                }
            }
        }
        err.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            guard !data.isEmpty else { handle.readabilityHandler = nil; return }
            output.state.withLock { $0.err += String(decoding: data, as: UTF8.self) }
        }
        self.process = process
        try process.run()
    }

    /// Runs to the end (bounded by `timeout`) and returns exit status, stdout lines and stderr.
    public static func run(_ arguments: [String], environment: [String: String] = [:], timeout: Double = 60) throws
        -> (status: Int32, lines: [String], stderr: String)
    {
        let cli = try CLIProcess(arguments, environment: environment)
        let status = cli.wait(timeout: timeout)
        return (status, cli.lines, cli.stderr)
    }

    public var lines: [String] { output.state.withLock { $0.out } }
    public var stderr: String { output.state.withLock { $0.err } }

    /// Stdout lines parsed as JSON objects (non-JSON lines are skipped).
    public var jsonLines: [[String: Any]] {
        lines.compactMap { line in
            (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
        }
    }

    /// Waits for exit; kills the process after `timeout` seconds and returns -1 then.
    public func wait(timeout: Double) -> Int32 {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            return -1
        }
        process.waitUntilExit()
        // Let the readability handlers drain what is left in the pipes.
        usleep(50_000)
        return process.terminationStatus
    }

    /// Polls until a stdout line satisfies `predicate` (or timeout); returns that line.
    public func waitForLine(timeout: Double = 20, _ predicate: (String) -> Bool) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let hit = lines.first(where: predicate) { return hit }
            usleep(20_000)
        }
        return nil
    }

    public func terminate() {
        if process.isRunning { process.terminate() }
    }

    /// SIGKILL, as a crash would, and waits for the exit.
    public func crash() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}
