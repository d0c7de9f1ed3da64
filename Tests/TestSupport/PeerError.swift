/// Why a peer could not be started. The descriptions say what to do about it.
public enum PeerError: Error, Sendable, CustomStringConvertible {
    case venvMissing(python: String)
    case scriptMissing(path: String)
    case launchFailed(command: String, reason: String)
    case notReady(kind: String, reason: String, stderrTail: String)

    public var description: String {
        switch self {
        case .venvMissing(let python):
            return "test peer venv missing (\(python)): run `make test` (or scripts/ensure-deps.sh) to install the test peers"
        case .scriptMissing(let path):
            return "test peer script missing: \(path)"
        case .launchFailed(let command, let reason):
            return "could not launch test peer `\(command)`: \(reason)"
        case .notReady(let kind, let reason, let stderrTail):
            let tail = stderrTail.isEmpty ? "(no stderr)" : stderrTail
            return "test peer \(kind) did not print READY: \(reason)\n--- peer stderr (tail) ---\n\(tail)"
        }
    }
}
