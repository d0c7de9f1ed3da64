import Foundation
import Yams

/// The `journal:` section of the config: `{enabled, maxBytes, keep, path}`.
public struct JournalSettings: Sendable, Equatable {
    public var enabled = true
    /// The live file is rotated to `.1` when the next line would take it past this size.
    public var maxBytes = 64 << 20
    /// Rotated files kept (`journal.jsonl.1` … `.keep`); the oldest beyond are deleted.
    public var keep = 3
    /// A file path instead of the default under the state directory.
    public var path: String?

    public init() {}

    /// `$XDG_STATE_HOME/agentdeck`, or `~/.local/state/agentdeck`.
    public static func stateDirectory(environment: [String: String]) -> String {
        AppDirectories.state(environment: environment)
    }

    public func filePath(environment: [String: String]) -> String {
        path ?? (Self.stateDirectory(environment: environment) + "/journal.jsonl")
    }

    /// Reads the YAML mapping; unknown keys are errors like everywhere in the config.
    static func parse(_ node: Node, path: String) throws(ConfigError) -> JournalSettings {
        func fail(_ n: Node, _ reason: String) -> ConfigError { ConfigError(path: path, line: n.mark?.line, reason: reason) }
        guard let map = node.mapping else { throw fail(node, "journal must be a mapping (enabled, maxBytes, keep, path)") }
        var settings = JournalSettings()
        for (keyNode, value) in map {
            let key = keyNode.string ?? ""
            switch key {
            case "enabled":
                guard let v = value.bool else { throw fail(value, "journal.enabled must be true or false") }
                settings.enabled = v
            case "maxBytes":
                guard let v = value.int, v >= 4096 else { throw fail(value, "journal.maxBytes must be a whole number of bytes ≥ 4096") }
                settings.maxBytes = v
            case "keep":
                guard let v = value.int, (0...100).contains(v) else { throw fail(value, "journal.keep must be a whole number from 0 to 100") }
                settings.keep = v
            case "path":
                guard let v = value.string, !v.isEmpty else { throw fail(value, "journal.path must be a file path") }
                settings.path = v
            default:
                throw fail(keyNode, "unknown journal setting '\(key)' (known: enabled, maxBytes, keep, path)")
            }
        }
        return settings
    }
}
