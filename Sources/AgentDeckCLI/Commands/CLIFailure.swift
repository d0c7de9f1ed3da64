import ArgumentParser
import Foundation
import Screen

/// An error for the operator: printed as one clear line on stderr, exit status 1.
struct CLIFailure: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
}

/// Unbuffered line output: scripts reading `--json` through a pipe see each event as it comes
/// (stdio would hold it in a 4 KiB buffer until exit).
enum StandardOutput {
    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}

enum StandardError {
    /// One line, whatever the message holds: error texts quote agents (RPC error messages, HTTP
    /// bodies, stream warnings), so controls become visible placeholders and a line break
    /// cannot split the line a script reads.
    static func errorLine(_ message: String) {
        let safe = TextSanitizer.sanitize(message, .init(lineBreaks: .placeholder, maxScalars: 2048))
        FileHandle.standardError.write(Data(("agentdeck: " + safe + "\n").utf8))
    }
}

extension AsyncParsableCommand {
    /// Runs `body`; a CLIFailure becomes one line on stderr and exit 1, as scripts expect.
    func failingClearly(_ body: () async throws -> Int32) async throws {
        do {
            let code = try await body()
            if code != 0 { throw ExitCode(code) }
        } catch let failure as CLIFailure {
            StandardError.errorLine(failure.description)
            throw ExitCode(1)
        }
    }
}
