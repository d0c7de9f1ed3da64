import Foundation
import Screen

/// Finds a theme by name: a path as given, else `NAME.yaml` in the user's theme folder, then in
/// the `themes/` folder installed beside the binary (or the repository's, when run from a build).
enum ThemeLocator {
    /// The folders searched, in order.
    static func searchPath(environment: [String: String], executable: String = CommandLine.arguments[0]) -> [String] {
        let binDir = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
        return [
            AppDirectories.config(environment: environment) + "/themes",
            binDir.appendingPathComponent("../share/agentdeck/themes").standardized.path,
            binDir.appendingPathComponent("themes").path,
            // .build/<triple>/debug/agentdeck → the repository's themes/
            binDir.appendingPathComponent("../../../themes").standardized.path,
            binDir.appendingPathComponent("../../themes").standardized.path,
        ]
    }

    /// What to hand `ThemeFile.resolve`: a built-in name, a found file, or the name as given (so a
    /// missing theme gets ThemeFile's clear error and the default theme).
    static func locate(_ name: String?, environment: [String: String]) -> String? {
        guard let name, !name.isEmpty else { return nil }
        if Theme.builtIn(named: name) != nil || name.contains("/") || name.hasSuffix(".yaml") { return name }
        for folder in searchPath(environment: environment) {
            let candidate = folder + "/" + name + ".yaml"
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
        }
        return name
    }

    /// Every theme name found in the search path (for completion and `info`).
    static func available(environment: [String: String]) -> [String] {
        var names = Set(["default", "monochrome"])
        for folder in searchPath(environment: environment) {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            for file in files where file.hasSuffix(".yaml") { names.insert(String(file.dropLast(5))) }
        }
        return names.sorted()
    }

    /// Loads a theme for `:theme`: the theme, or one line saying why not (the caller keeps the
    /// theme it has). Under `NO_COLOR` every theme would be drawn monochrome: refused, saying so.
    static func load(_ name: String, environment: [String: String]) -> Result<Theme, ThemeLoadFailure> {
        if Theme.noColorRequested(environment) {
            return .failure(ThemeLoadFailure(reason: "NO_COLOR is set, so colours stay off"))
        }
        let located = locate(name, environment: environment)
        let isPathLike = name.contains("/") || name.hasSuffix(".yaml")
        if located == name, Theme.builtIn(named: name) == nil, !isPathLike {
            let known = available(environment: environment).joined(separator: ", ")
            return .failure(ThemeLoadFailure(reason: "no theme named \(name) (available: \(known))"))
        }
        let resolved = ThemeFile.resolve(located, environment: environment)
        if let error = resolved.error { return .failure(ThemeLoadFailure(reason: error.description)) }
        return .success(resolved.theme)
    }
}

struct ThemeLoadFailure: Error, Equatable {
    var reason: String
}
