import Deck
import Foundation
import Wire
import Yams

/// A config file that could not be used, with the file and line so the operator can fix it.
public struct ConfigError: Error, Equatable, CustomStringConvertible {
    public var path: String
    public var line: Int?
    public var reason: String
    public var description: String {
        if let line { return "\(path):\(line): \(reason)" }
        return "\(path): \(reason)"
    }
}

public enum ConfigLoader {
    /// `$XDG_CONFIG_HOME/agentdeck/config.yaml`, or `~/.config/agentdeck/config.yaml`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        AppDirectories.config(environment: environment) + "/config.yaml"
    }

    /// Reads a config file. A missing default file is an empty config; a missing explicit one is an error.
    public static func load(path: String, explicit: Bool) throws(ConfigError) -> ConsoleConfig {
        guard FileManager.default.fileExists(atPath: path) else {
            if explicit { throw ConfigError(path: path, line: nil, reason: "no such file") }
            return ConsoleConfig()
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(path: path, line: nil, reason: "cannot read the file as UTF-8 text")
        }
        var config = try parse(text, path: path)
        config.sourcePath = path
        return config
    }

    /// Parses YAML text. Unknown keys are errors: a typo in `readOnly` must not silently leave a
    /// console read-write.
    public static func parse(_ text: String, path: String = "config") throws(ConfigError) -> ConsoleConfig {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw ConfigError(path: path, line: yamlLine(error), reason: yamlReason(error))
        } catch {
            throw ConfigError(path: path, line: nil, reason: "\(error)")
        }
        var config = ConsoleConfig()
        guard let root = node else { return config }
        guard let map = root.mapping else { throw fail(root, "the top level must be a mapping (key: value)", path) }
        for (keyNode, value) in map {
            let key = keyNode.string ?? ""
            switch key {
            case "pollInterval":
                guard let v = value.float, v >= 0.5, v <= 3600 else { throw fail(value, "pollInterval must be a number of seconds from 0.5 to 3600", path) }
                config.pollInterval = v
            case "theme":
                guard let v = value.string, !v.isEmpty else { throw fail(value, "theme must be a name", path) }
                config.theme = v
            case "readOnly":
                config.readOnly = try bool(value, key, path)
            case "retainFinishedTasks":
                guard let v = value.int, v >= 0 else { throw fail(value, "retainFinishedTasks must be a whole number ≥ 0", path) }
                config.retainFinishedTasks = v
            case "runningArtifactMegabytes":
                guard let v = value.int, v >= 1, v <= 4096 else { throw fail(value, "runningArtifactMegabytes must be a whole number from 1 to 4096", path) }
                config.runningArtifactMegabytes = v
            case "healthWindow":
                guard let v = value.float, v >= 60, v <= 86_400 else { throw fail(value, "healthWindow must be seconds from 60 to 86400", path) }
                config.healthWindow = v
            case "healthInterval":
                guard let v = value.float, v >= 1, v <= 3600 else { throw fail(value, "healthInterval must be seconds from 1 to 3600", path) }
                config.healthInterval = v
            case "journal":
                config.journal = try JournalSettings.parse(value, path: path)
            case "agents":
                guard let list = value.sequence else { throw fail(value, "agents must be a list", path) }
                for item in list { config.agents.append(try agent(item, path)) }
            case "keys":
                config.keys = try keyBindings(value, path)
            case "mouse":
                config.mouse = try bool(value, key, path)
            case "saveDirectory":
                guard let v = value.string, !v.isEmpty else { throw fail(value, "saveDirectory must be a folder path", path) }
                config.saveDirectory = v
            default:
                throw fail(keyNode, "unknown setting '\(key)' (known: \(knownSettings))", path)
            }
        }
        return config
    }

    static let knownSettings = "agents, pollInterval, theme, readOnly, retainFinishedTasks, runningArtifactMegabytes, healthWindow, healthInterval, keys, mouse, saveDirectory, journal"

    /// `keys:` maps action names to a key or a list of keys, spelled as the help shows them.
    /// Every problem names the action and the key, at its line.
    private static func keyBindings(_ node: Node, _ path: String) throws(ConfigError) -> [String: [String]] {
        guard let map = node.mapping else {
            throw fail(node, "keys maps action names to keys (e.g. cycle-sort: o, or save: [s, F2])", path)
        }
        var table: [String: [String]] = [:]
        var owner: [Key: String] = [:]
        for (actionNode, value) in map {
            let name = actionNode.string ?? ""
            guard let action = Action(name: name) else {
                throw fail(actionNode, "keys: unknown action '\(name)' (known: \(Action.allCases.map(\.name).joined(separator: ", ")))", path)
            }
            let spellingNodes: [Node]
            if let list = value.sequence {
                spellingNodes = Array(list)
            } else if value.scalar != nil {
                spellingNodes = [value]
            } else {
                throw fail(value, "keys: \(action.name) takes a key or a list of keys", path)
            }
            var spellings: [String] = []
            for keyNode in spellingNodes {
                guard let spelling = keyNode.string, let key = Key(parsing: spelling) else {
                    throw fail(keyNode, "keys: \(action.name): cannot read key '\(keyNode.string ?? "")' (write keys like j, Down, ^R, F5, Shift-Tab, Space)", path)
                }
                if let other = owner[key], other != action.name {
                    throw fail(keyNode, "keys: \(key) is bound to both \(other) and \(action.name)", path)
                }
                owner[key] = action.name
                spellings.append(spelling)
            }
            table[action.name] = spellings
        }
        if case .failure(let error) = KeyMap.standard.rebinding(table) { throw fail(node, "keys: \(error)", path) }
        return table
    }

    private static func agent(_ node: Node, _ path: String) throws(ConfigError) -> ConsoleAgent {
        if let url = node.string { return ConsoleAgent(url: url) }
        guard let map = node.mapping else { throw fail(node, "an agent is a URL or a mapping with url:", path) }
        var agent = ConsoleAgent(url: "")
        for (keyNode, value) in map {
            let key = keyNode.string ?? ""
            switch key {
            case "url", "cardUrl":
                guard let v = value.string, v.hasPrefix("http://") || v.hasPrefix("https://") else {
                    throw fail(value, "\(key) must be an http:// or https:// URL", path)
                }
                agent.url = v
            case "name":
                agent.name = value.string
            case "readOnly":
                agent.readOnly = try bool(value, key, path)
            case "insecure":
                agent.insecure = try bool(value, key, path)
            case "auth":
                agent.auth = try auth(value, path)
            default:
                throw fail(keyNode, "unknown agent setting '\(key)' (known: url, cardUrl, name, readOnly, insecure, auth)", path)
            }
        }
        if agent.url.isEmpty { throw fail(node, "agent has no url", path) }
        return agent
    }

    private static func auth(_ node: Node, _ path: String) throws(ConfigError) -> AuthConfig {
        guard let map = node.mapping else { throw fail(node, "auth must be a mapping", path) }
        var spec = AuthConfig()
        for (keyNode, value) in map {
            let key = keyNode.string ?? ""
            switch key {
            case "bearerTokenEnv": spec.bearerTokenEnv = try envName(value, path)
            case "apiKeyEnv": spec.apiKeyEnv = try envName(value, path)
            case "apiKeyHeader": spec.apiKeyHeader = value.string
            case "headers", "headersFromEnv":
                guard let headers = value.mapping else { throw fail(value, "auth.headers maps header names to environment variable names", path) }
                for (h, v) in headers { spec.headersFromEnv[h.string ?? ""] = try envName(v, path) }
            case "bearerToken", "apiKey", "token", "password":
                throw fail(keyNode, "'\(key)' would put a secret in the file: name an environment variable instead (e.g. bearerTokenEnv: MY_TOKEN)", path)
            default:
                throw fail(keyNode, "unknown auth setting '\(key)' (known: bearerTokenEnv, apiKeyEnv, apiKeyHeader, headersFromEnv)", path)
            }
        }
        return spec
    }

    private static func envName(_ node: Node, _ path: String) throws(ConfigError) -> String {
        guard let name = node.string, !name.isEmpty,
              name.allSatisfy({ $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) })
        else { throw fail(node, "expected the NAME of an environment variable (letters, digits, _)", path) }
        return name
    }

    private static func bool(_ node: Node, _ key: String, _ path: String) throws(ConfigError) -> Bool {
        guard let v = node.bool else { throw fail(node, "\(key) must be true or false", path) }
        return v
    }

    private static func fail(_ node: Node, _ reason: String, _ path: String) -> ConfigError {
        ConfigError(path: path, line: node.mark.map { $0.line }, reason: reason)
    }

    private static func yamlLine(_ error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _): return mark.line
        default: return nil
        }
    }

    private static func yamlReason(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _): return "not valid YAML: \(problem)"
        default: return "not valid YAML: \(error)"
        }
    }
}
