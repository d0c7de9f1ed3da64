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
        var lines = [
            "config:  \(configPath)\(exists ? "" : "  (not present: command-line URLs only)")",
            "state:   \(AppDirectories.state(environment: env))",
            "history: \(HistoryStore.defaultDirectory(environment: env))",
            "saves:   \(ArtifactSaver.defaultDirectory(environment: env))  (s and :save; saveDirectory in the config overrides)",
            "themes:  " + ThemeLocator.available(environment: env).joined(separator: ", "),
        ]
        for folder in ThemeLocator.searchPath(environment: env) {
            let present = FileManager.default.fileExists(atPath: folder)
            lines.append("  searched \(folder)\(present ? "" : "  (absent)")")
        }
        var journal = JournalSettings()
        if exists, let loaded = try? ConfigLoader.load(path: configPath, explicit: true) { journal = loaded.journal }
        lines.append(Self.journalLine(journal, environment: env))
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

    /// `journal: PATH (12 KB, 2 rotated, cap 64 MB × 3)` or why there is none.
    static func journalLine(_ settings: JournalSettings, environment: [String: String]) -> String {
        let path = settings.filePath(environment: environment)
        guard settings.enabled else { return "journal: off (journal.enabled: false); would be \(path)" }
        let fm = FileManager.default
        let size = (try? fm.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        let rotated = (1...max(1, settings.keep)).filter { fm.fileExists(atPath: "\(path).\($0)") }.count
        let state = size.map { "\($0 / 1024) KB, \(rotated) rotated" } ?? "not written yet"
        return "journal: \(path)  (\(state); cap \(settings.maxBytes >> 20) MB x \(settings.keep + 1) files)"
    }
}
