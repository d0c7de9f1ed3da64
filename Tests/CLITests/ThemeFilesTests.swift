import Foundation
import Screen
import Testing
@testable import AgentDeckCLI

/// Every theme shipped in `themes/` parses, covers every role, and is found by name.
@Suite struct ThemeFilesTests {
    static let themesFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("themes").path

    static var shipped: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: themesFolder)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
    }

    @Test func atLeastSixThemesShip() {
        for name in ["default", "light", "monochrome", "high-contrast", "solarized-dark", "colorblind"] {
            #expect(Self.shipped.contains(name + ".yaml"), "themes/\(name).yaml is missing")
        }
    }

    @Test(arguments: shipped)
    func parsesAndCoversEveryRole(file: String) throws {
        let theme = try ThemeFile.load(path: Self.themesFolder + "/" + file)
        #expect(theme.name == String(file.dropLast(5)))
        for role in ThemeRole.allCases { #expect(theme.roles[role] != nil, "\(file) has no \(role)") }
    }

    @Test func namesAreFoundInTheUsersFolderFirst() throws {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("adtheme-\(UUID().uuidString)")
        let folder = home.appendingPathComponent("agentdeck/themes")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        try "name: mine\nroles:\n  ok: { fg: green }\n".write(to: folder.appendingPathComponent("mine.yaml"), atomically: true, encoding: .utf8)
        let env = ["XDG_CONFIG_HOME": home.path]
        #expect(ThemeLocator.locate("mine", environment: env) == folder.appendingPathComponent("mine.yaml").path)
        #expect(ThemeLocator.locate("monochrome", environment: env) == "monochrome")
        #expect(ThemeLocator.available(environment: env).contains("mine"))
    }

    @Test func aBrokenThemeNamesFileAndLineAndFallsBackToDefault() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("broken-\(UUID().uuidString).yaml")
        try "name: broken\nroles:\n  ok: { fg: nosuchcolour }\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let resolved = ThemeFile.resolve(file.path, environment: [:])
        #expect(resolved.theme.name == "default")
        let error = try #require(resolved.error)
        #expect(error.description.contains(file.lastPathComponent))
        #expect(error.line == 3)
    }
}
