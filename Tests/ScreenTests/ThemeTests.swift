import Foundation
import Testing
@testable import Screen

@Suite("Theme")
struct ThemeTests {
    static let themesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("themes")

    @Test("themes/default.yaml and themes/monochrome.yaml are the built-in themes")
    func shippedFilesMatchBuiltIns() throws {
        let defaultTheme = try ThemeFile.load(path: Self.themesDirectory.appendingPathComponent("default.yaml").path)
        #expect(defaultTheme == Theme.default)
        let monochrome = try ThemeFile.load(path: Self.themesDirectory.appendingPathComponent("monochrome.yaml").path)
        #expect(monochrome == Theme.monochrome)
    }

    @Test("every role is defined by both built-in themes; monochrome has no colour")
    func completeness() {
        for role in ThemeRole.allCases {
            #expect(Theme.default.roles[role] != nil, "default lacks \(role)")
            #expect(Theme.monochrome.roles[role] != nil, "monochrome lacks \(role)")
        }
        #expect(Theme.default.usesColor)
        #expect(!Theme.monochrome.usesColor)
    }

    @Test("monochrome keeps task states apart from plain text by attributes alone")
    func monochromeStatesReadable() {
        let problemStates: [ThemeRole] = [.stateFailed, .stateInputRequired, .stateAuthRequired, .stateWorking, .error, .agentDown]
        for role in problemStates {
            #expect(Theme.monochrome.style(for: role).attributes != Theme.monochrome.style(for: .text).attributes)
        }
        #expect(Theme.monochrome.style(for: .selection).attributes.contains(.reverse))
    }

    @Test("a partial theme: all colour syntaxes, inheritance for the rest")
    func parseGood() throws {
        let yaml = """
        name: ocean
        roles:
          border: { fg: "#5fd7ff", bg: 236 }
          error: { fg: brightRed, attrs: [bold, underline] }
          ok: { fg: default, attrs: italic }
        """
        let theme = try ThemeFile.parse(yaml, file: "ocean.yaml")
        #expect(theme.name == "ocean")
        #expect(theme.style(for: .border) == ResolvedStyle(foreground: .rgb(red: 0x5F, green: 0xD7, blue: 0xFF), background: .indexed(236)))
        #expect(theme.style(for: .error).attributes == [.bold, .underline])
        #expect(theme.style(for: .ok) == ResolvedStyle(attributes: .italic))
        #expect(theme.style(for: .stateWorking) == Theme.default.style(for: .stateWorking))
        let mono = try ThemeFile.parse("inherits: monochrome\nroles:\n  title: { attrs: [underline] }\n", file: "m.yaml")
        #expect(mono.name == "m")
        #expect(mono.style(for: .stateFailed) == Theme.monochrome.style(for: .stateFailed))
    }

    @Test("broken files name the file, line and problem", arguments: [
        ("roles:\n  border: { fg: blu }\n", 2, "not a colour"),
        ("name: x\nroles:\n  text: {}\n  bordr: { fg: red }\n", 4, "unknown role `bordr`"),
        ("roles:\n  text: { attrs: [blink] }\n", 2, "unknown attribute `blink`"),
        ("roles:\n  text: { fg: red\n", 3, "broken YAML"),
        ("colours: {}\n", 1, "unknown key `colours`"),
        ("roles:\n  text: red\n", 2, "needs a mapping"),
        ("- just\n- a list\n", 1, "a theme is a mapping"),
        ("roles:\n  ok: { fg: \"#12345\" }\n", 2, "not a colour"),
    ])
    func parseBroken(yaml: String, line: Int, message: String) {
        do {
            _ = try ThemeFile.parse(yaml, file: "themes/broken.yaml")
            Issue.record("expected an error for \(yaml)")
        } catch {
            #expect(error.file == "themes/broken.yaml")
            #expect(error.line == line, "\(error)")
            #expect(error.message.contains(message), "\(error)")
            #expect(error.description.hasPrefix("themes/broken.yaml:\(line):"))
        }
    }

    @Test("resolve falls back to the default theme with the error when a file is broken")
    func fallback() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("agentdeck-theme-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let broken = directory.appendingPathComponent("broken.yaml")
        try "roles:\n  text: { fg: nope }\n".write(to: broken, atomically: true, encoding: .utf8)
        let result = ThemeFile.resolve(broken.path, environment: [:])
        #expect(result.theme == .default)
        #expect(result.error?.line == 2)
        #expect(result.error?.file == broken.path)

        let missing = ThemeFile.resolve(directory.appendingPathComponent("absent.yaml").path, environment: [:])
        #expect(missing.theme == .default)
        #expect(missing.error?.message == "cannot read the file")

        #expect(ThemeFile.resolve("monochrome", environment: [:]).theme == .monochrome)
        #expect(ThemeFile.resolve(nil, environment: [:]).theme == .default)
    }

    @Test("NO_COLOR set and non-empty forces monochrome; empty does not")
    func noColor() {
        #expect(ThemeFile.resolve(nil, environment: ["NO_COLOR": "1"]).theme == .monochrome)
        #expect(ThemeFile.resolve(nil, environment: ["NO_COLOR": ""]).theme == .default)
        #expect(Theme.default.honoring(environment: ["NO_COLOR": "yes"]) == .monochrome)
        #expect(Theme.default.honoring(environment: ["TERM": "xterm"]) == .default)
    }

    @Test("styles resolve through the theme; explicit colours are ignored without colour")
    func resolveStyle() {
        let style = Style(.error, foreground: .indexed(200), attributes: .underline)
        let coloured = Theme.default.resolve(style)
        #expect(coloured.foreground == .indexed(200))
        #expect(coloured.attributes == [.bold, .underline])
        let mono = Theme.monochrome.resolve(style)
        #expect(mono.foreground == .default)
        #expect(mono.attributes == [.bold, .underline])
    }

    @Test("the YAML writer round-trips")
    func roundTrip() throws {
        for theme in [Theme.default, Theme.monochrome] {
            #expect(try ThemeFile.parse(ThemeFile.yaml(for: theme), file: "t.yaml") == theme)
        }
    }

    @Test("colour values parse and print")
    func colours() {
        #expect(Color(themeValue: "#00ff7f") == .rgb(red: 0, green: 255, blue: 127))
        #expect(Color(themeValue: "255") == .indexed(255))
        #expect(Color(themeValue: "256") == nil)
        #expect(Color(themeValue: "grey") == .ansi(.brightBlack))
        #expect(Color(themeValue: "purple") == nil)
        #expect(Color.rgb(red: 1, green: 2, blue: 255).themeValue == "#0102ff")
    }
}

import A2A

@Suite("ThemeRole for task states")
struct RoleTaskStateTests {
    @Test("every task state has its own role; unrecognised states look unknown")
    func mapping() {
        let roles = TaskState.all.map(ThemeRole.init)
        #expect(Set(roles).count == TaskState.all.count)
        #expect(roles.allSatisfy { $0.rawValue.hasPrefix("state") })
        #expect(ThemeRole(TaskState.inputRequired) == .stateInputRequired)
        #expect(ThemeRole(TaskState.unrecognized("paused")) == .stateUnknown)
    }
}
