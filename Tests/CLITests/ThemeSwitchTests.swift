import Foundation
import Screen
import Testing

@testable import AgentDeckCLI

/// What `:theme NAME` gets from the runtime: the theme, or one line saying why not.
@Suite struct ThemeSwitchTests {
    @Test func aShippedThemeLoadsByName() throws {
        let theme = try ThemeLocator.load("light", environment: ["XDG_CONFIG_HOME": "/nonexistent"]).get()
        #expect(theme.name == "light")
        #expect(theme != Theme.default)
        #expect(try ThemeLocator.load("default", environment: [:]).get() == Theme.default)
    }

    @Test func anUnknownNameListsTheKnownOnes() {
        guard case .failure(let failure) = ThemeLocator.load("nope", environment: ["XDG_CONFIG_HOME": "/nonexistent"]) else {
            Issue.record("an unknown theme loaded")
            return
        }
        #expect(failure.reason.hasPrefix("no theme named nope (available: "))
        #expect(failure.reason.contains("light") && failure.reason.contains("solarized-dark"))
    }

    @Test func aBrokenThemeFileIsNamedWithItsLine() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.path + "/agentdeck/themes", withIntermediateDirectories: true)
        try "name: broken\nroles:\n  text: [unclosed\n".write(toFile: folder.path + "/agentdeck/themes/broken.yaml", atomically: true, encoding: .utf8)
        guard case .failure(let failure) = ThemeLocator.load("broken", environment: ["XDG_CONFIG_HOME": folder.path]) else {
            Issue.record("a broken theme loaded")
            return
        }
        #expect(failure.reason.contains("broken.yaml:"), "names the file and line: \(failure.reason)")
    }

    @Test func noColorRefusesAnyTheme() {
        guard case .failure(let failure) = ThemeLocator.load("light", environment: ["NO_COLOR": "1"]) else {
            Issue.record("a colour theme loaded under NO_COLOR")
            return
        }
        #expect(failure.reason.contains("NO_COLOR"))
    }
}
