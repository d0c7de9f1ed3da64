import Foundation
import Wire

/// Warnings about who else can touch the config file. Secrets never sit in the file as
/// literals (auth names environment variables), but agent URLs can carry credentials, and a file
/// others can write decides which agents this console talks to and whether it is read-only.
public enum ConfigPermissions {
    /// The warnings for a file with permission bits `mode` holding `config` (pure: for tests).
    public static func warnings(path: String, mode: mode_t, config: ConsoleConfig) -> [String] {
        var found: [String] = []
        let octal = String(mode & 0o777, radix: 8)
        if mode & 0o022 != 0 {
            found.append("\(path) is writable by other users (mode \(octal)): they can change which agents this console "
                + "talks to and turn off read-only — chmod go-w \(path)")
        }
        let withCredentials = config.agents.filter { URLCredentials.hasCredentials($0.url) }
        if mode & 0o044 != 0, !withCredentials.isEmpty {
            found.append("\(path) is readable by other users (mode \(octal)) and \(withCredentials.count) agent URL"
                + "\(withCredentials.count == 1 ? "" : "s") in it carry credentials — chmod 600 \(path)")
        }
        return found
    }

    /// The warnings for the file at `path` as it is on disk (none when it cannot be read).
    public static func check(path: String, config: ConsoleConfig) -> [String] {
        var info = stat()
        guard stat(path, &info) == 0 else { return [] }
        return warnings(path: path, mode: info.st_mode, config: config)
    }
}
