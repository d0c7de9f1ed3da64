import Foundation

/// Where AgentDeck keeps its files, after the XDG base-directory rules: the variable when set and
/// not empty, else its default under `$HOME`. Each folder is `<base>/agentdeck`.
enum AppDirectories {
    /// `$XDG_CONFIG_HOME/agentdeck` or `~/.config/agentdeck`: the config and user themes.
    static func config(environment: [String: String]) -> String {
        base("XDG_CONFIG_HOME", default: ".config", environment: environment) + "/agentdeck"
    }

    /// `$XDG_STATE_HOME/agentdeck` or `~/.local/state/agentdeck`: the journal and histories.
    static func state(environment: [String: String]) -> String {
        base("XDG_STATE_HOME", default: ".local/state", environment: environment) + "/agentdeck"
    }

    /// `$XDG_DATA_HOME/agentdeck` or `~/.local/share/agentdeck`: saved artifacts.
    static func data(environment: [String: String]) -> String {
        base("XDG_DATA_HOME", default: ".local/share", environment: environment) + "/agentdeck"
    }

    private static func base(_ variable: String, default relative: String, environment: [String: String]) -> String {
        if let value = environment[variable], !value.isEmpty { return value }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/" + relative
    }
}
