import Foundation
import Yams

/// A theme file that could not be used, with the place to fix it.
public struct ThemeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file as the user named it.
    public var file: String
    /// 1-based line, when known.
    public var line: Int?
    /// 1-based column, when known.
    public var column: Int?
    public var message: String

    public init(file: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    /// `file:line:column: message`, the format editors and terminals make clickable.
    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let line = line, column != nil, line > 0, let column { place += ":\(column)" }
        return "\(place): \(message)"
    }
}

/// Reads themes from YAML:
/// ```yaml
/// name: ocean
/// inherits: default        # optional: built-in theme for the roles left out (default: default)
/// roles:
///   border:        { fg: blue }
///   borderFocused: { fg: "#5fd7ff", attrs: [bold] }
///   selection:     { fg: black, bg: 38 }
/// ```
/// Colours: `default`, the 16 ANSI names (`red`, `brightBlack`, ...), `0`-`255`, `"#rrggbb"`.
/// Attributes: bold, dim, reverse, underline, italic. Role names are `ThemeRole`'s raw values.
public enum ThemeFile {
    /// Parses theme YAML. `file` only names the source in errors.
    public static func parse(_ yaml: String, file: String) throws(ThemeError) -> Theme {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw themeError(from: error, file: file)
        } catch {
            throw ThemeError(file: file, message: "not YAML: \(error)")
        }
        guard let root, case .mapping(let mapping) = root else {
            throw ThemeError(file: file, line: root?.mark?.line, column: root?.mark?.column,
                             message: "a theme is a mapping with `name` and `roles`")
        }
        var name = (file as NSString).lastPathComponent
        if name.hasSuffix(".yaml") { name = String(name.dropLast(5)) }
        var base = Theme.default
        var rolesNode: Node?
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            switch key {
            case "name":
                guard let text = value.string, !text.isEmpty else {
                    throw error(file, at: value, "`name` must be a non-empty string")
                }
                name = text
            case "inherits":
                guard let text = value.string, let theme = Theme.builtIn(named: text) else {
                    throw error(file, at: value, "`inherits` must be `default` or `monochrome`")
                }
                base = theme
            case "roles":
                rolesNode = value
            default:
                throw error(file, at: keyNode, "unknown key `\(key)` (expected name, inherits, roles)")
            }
        }
        var roles = base.roles
        if let rolesNode {
            guard case .mapping(let roleMapping) = rolesNode else {
                throw error(file, at: rolesNode, "`roles` must map role names to styles")
            }
            for (keyNode, value) in roleMapping {
                let key = keyNode.string ?? ""
                guard let role = ThemeRole(rawValue: key) else {
                    throw error(file, at: keyNode, "unknown role `\(key)`; roles are: "
                                + ThemeRole.allCases.map(\.rawValue).joined(separator: ", "))
                }
                roles[role] = try parseLook(value, role: key, file: file)
            }
        }
        return Theme(name: name, roles: roles)
    }

    /// Reads a theme file from disk.
    public static func load(path: String) throws(ThemeError) -> Theme {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ThemeError(file: path, message: "cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ThemeError(file: path, message: "not UTF-8 text")
        }
        return try parse(text, file: path)
    }

    /// Loads a theme by path or built-in name (nil means `default`), falling back to the
    /// default theme with the error to show when the file is broken; then applies `NO_COLOR`.
    public static func resolve(_ nameOrPath: String?, environment: [String: String]) -> (theme: Theme, error: ThemeError?) {
        var theme = Theme.default
        var failure: ThemeError?
        if let nameOrPath, !nameOrPath.isEmpty {
            if let builtIn = Theme.builtIn(named: nameOrPath) {
                theme = builtIn
            } else {
                do {
                    theme = try load(path: nameOrPath)
                } catch {
                    failure = error
                }
            }
        }
        return (theme.honoring(environment: environment), failure)
    }

    /// The YAML text for a theme (how `themes/*.yaml` were written).
    public static func yaml(for theme: Theme) -> String {
        var text = "name: \(theme.name)\nroles:\n"
        for role in ThemeRole.allCases {
            let look = theme.style(for: role)
            var fields: [String] = []
            if look.foreground != .default { fields.append("fg: \(quoted(look.foreground.themeValue))") }
            if look.background != .default { fields.append("bg: \(quoted(look.background.themeValue))") }
            if !look.attributes.isEmpty { fields.append("attrs: [\(look.attributes.names.joined(separator: ", "))]") }
            let padding = String(repeating: " ", count: max(1, 20 - role.rawValue.count))
            text += "  \(role.rawValue):\(padding){ \(fields.joined(separator: ", ")) }\n"
        }
        return text.replacingOccurrences(of: "{  }", with: "{}")
    }

    // MARK: Parts

    private static func parseLook(_ node: Node, role: String, file: String) throws(ThemeError) -> ResolvedStyle {
        guard case .mapping(let mapping) = node else {
            throw error(file, at: node, "role `\(role)` needs a mapping like { fg: red, attrs: [bold] }")
        }
        var look = ResolvedStyle()
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            switch key {
            case "fg", "bg":
                guard let text = value.string, let color = Color(themeValue: text) else {
                    throw error(file, at: value, "`\(value.string ?? "?")` is not a colour for `\(role).\(key)` "
                                + "(default, an ANSI name such as brightBlue, 0-255, or \"#rrggbb\")")
                }
                if key == "fg" { look.foreground = color } else { look.background = color }
            case "attrs":
                look.attributes = try parseAttributes(value, role: role, file: file)
            default:
                throw error(file, at: keyNode, "unknown key `\(key)` in role `\(role)` (expected fg, bg, attrs)")
            }
        }
        return look
    }

    private static func parseAttributes(_ node: Node, role: String, file: String) throws(ThemeError) -> Attributes {
        let items: [Node]
        switch node {
        case .sequence(let sequence): items = Array(sequence)
        case .scalar: items = [node]
        default: throw error(file, at: node, "`attrs` of `\(role)` must be a list such as [bold, underline]")
        }
        var attributes: Attributes = []
        for item in items {
            guard let name = item.string, let named = Attributes.named.first(where: { $0.name == name }) else {
                throw error(file, at: item, "unknown attribute `\(item.string ?? "?")` in `\(role)` (expected "
                            + Attributes.named.map(\.name).joined(separator: ", ") + ")")
            }
            attributes.insert(named.attribute)
        }
        return attributes
    }

    private static func error(_ file: String, at node: Node, _ message: String) -> ThemeError {
        ThemeError(file: file, line: node.mark?.line, column: node.mark?.column, message: message)
    }

    private static func themeError(from error: YamlError, file: String) -> ThemeError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return ThemeError(file: file, line: mark.line, column: mark.column, message: "broken YAML: \(problem)")
        default:
            return ThemeError(file: file, message: "broken YAML: \(error)")
        }
    }

    private static func quoted(_ value: String) -> String {
        value.hasPrefix("#") || value.allSatisfy(\.isNumber) ? "\"\(value)\"" : value
    }
}
