import Foundation

/// Where the repository, the peer scripts and the Python venvs are on this machine.
public struct RepoLayout: Sendable {
    public let root: URL

    /// The checkout this file was compiled from; `AGENTDECK_REPO` (set by the Makefile) if that
    /// path no longer holds the repo (for example a build copied elsewhere).
    public static func current(filePath: String = #filePath) -> RepoLayout {
        // .../Tests/TestSupport/RepoLayout.swift -> three levels up is the root.
        let fromSource = URL(fileURLWithPath: filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let marker = fromSource.appendingPathComponent("tests/peers")
        if FileManager.default.fileExists(atPath: marker.path) {
            return RepoLayout(root: fromSource)
        }
        if let fromEnvironment = ProcessInfo.processInfo.environment["AGENTDECK_REPO"], !fromEnvironment.isEmpty {
            return RepoLayout(root: URL(fileURLWithPath: fromEnvironment))
        }
        return RepoLayout(root: fromSource)
    }

    public init(root: URL) {
        self.root = root
    }

    public var peersDirectory: URL { root.appendingPathComponent("tests/peers") }

    public func script(_ name: String) -> URL { peersDirectory.appendingPathComponent(name) }

    public func python(in venv: PeerVenv) -> URL {
        root.appendingPathComponent(venv.rawValue).appendingPathComponent("bin/python")
    }
}
