import ArgumentParser
import Foundation

/// `agentdeck info`: which files this console reads, so an operator knows where to look.
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "info", abstract: "Show the config, state and theme paths in use.")

    @Option(help: "Config file to report on (default $XDG_CONFIG_HOME/agentdeck/config.yaml).")
    var config: String?

    func run() throws {
        let env = ProcessInfo.processInfo.environment
        let configPath = config ?? ConfigLoader.defaultPath(environment: env)
        let exists = FileManager.default.fileExists(atPath: configPath)
        let stateBase = env["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? ((env["HOME"] ?? NSHomeDirectory()) + "/.local/state")
        var lines = [
            "config:  \(configPath)\(exists ? "" : "  (not present: command-line URLs only)")",
            "state:   \(stateBase)/agentdeck",
            "themes:  " + ThemeLocator.available(environment: env).joined(separator: ", "),
        ]
        for folder in ThemeLocator.searchPath(environment: env) {
            let present = FileManager.default.fileExists(atPath: folder)
            lines.append("  searched \(folder)\(present ? "" : "  (absent)")")
        }
        if exists {
            do {
                let loaded = try ConfigLoader.load(path: configPath, explicit: true)
                lines.append("agents:  \(loaded.agents.count) in the config; poll every \(loaded.pollInterval) s; \(loaded.readOnly ? "read-only" : "read-write")")
                for warning in ConfigPermissions.check(path: configPath, config: loaded) { lines.append("warning: \(warning)") }
            } catch {
                lines.append("config problem: \(error)")
            }
        }
        StandardOutput.line(lines.joined(separator: "\n"))
    }
}
