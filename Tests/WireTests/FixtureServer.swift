import Foundation

/// The loopback fixture `tests/peers/http_fixture.py`: two real HTTP servers (two origins).
/// Started once per test process; it exits by itself when our end of its stdin closes.
final class FixtureServer: @unchecked Sendable {
    /// Origin A: most endpoints are used from here.
    let base: String
    /// Origin B: a different port, hence a different origin (for redirect tests).
    let other: String
    /// Every origin started (`base` and `other` are the first two).
    let origins: [String]
    private let process: Process
    private let stdinPipe: Pipe

    enum LaunchError: Error, CustomStringConvertible {
        case noReadyLine(String)
        var description: String {
            switch self {
            case .noReadyLine(let output): return "http_fixture.py did not print READY: \(output)"
            }
        }
    }

    static let shared: Result<FixtureServer, any Error> = Result { try FixtureServer() }

    static func get() throws -> FixtureServer { try shared.get() }

    /// Starts the fixture with `origins` servers (at least two).
    init(origins: Int = 2) throws {
        // Tests/WireTests/FixtureServer.swift → repository root.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let script = root.appendingPathComponent("tests/peers/http_fixture.py")
        process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, "--origins", String(max(2, origins))]
        stdinPipe = Pipe()
        let stdoutPipe = Pipe()
        process.standardInput = stdinPipe
        process.standardOutput = stdoutPipe
        try process.run()

        // Read up to the first newline: "READY http://127.0.0.1:A http://127.0.0.1:B".
        var output = Data()
        let reader = stdoutPipe.fileHandleForReading
        while !output.contains(0x0A) {
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            output.append(chunk)
        }
        let line = String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let words = line.split(separator: " ").map(String.init)
        guard words.count == max(2, origins) + 1, words[0] == "READY" else {
            process.terminate()
            throw LaunchError.noReadyLine(line)
        }
        self.origins = Array(words.dropFirst())
        base = words[1]
        other = words[2]
    }

    deinit {
        process.terminate()
    }
}
