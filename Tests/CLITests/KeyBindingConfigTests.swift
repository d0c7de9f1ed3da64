import Deck
import Testing

@testable import AgentDeckCLI

@Suite struct KeyBindingConfigTests {
    @Test func bindingsFromYAMLReplaceTheStandardOnes() throws {
        let config = try ConfigLoader.parse("""
            mouse: true
            saveDirectory: ~/saved
            keys:
              cycle-sort: [S, F6]
              save: w
              quit: ^Q
            """)
        #expect(config.mouse)
        #expect(config.saveDirectory == "~/saved")
        #expect(config.keys == ["cycle-sort": ["S", "F6"], "save": ["w"], "quit": ["^Q"]])
        let map = try KeyMap.standard.rebinding(config.keys).get()
        #expect(map.action(for: .char("S")) == .cycleSort)
        #expect(map.action(for: .f(6)) == .cycleSort)
        #expect(map.action(for: .char("o")) == nil, "the old key is gone")
        #expect(map.action(for: .char("w")) == .save)
        #expect(map.action(for: .char("s")) == nil)
        #expect(map.action(for: .ctrl("q")) == .quit)
        #expect(map.action(for: .char("q")) == nil)
        // The help (what ? shows) lists the new keys.
        #expect(map.help.first { $0.action == .cycleSort }?.keys == ["S", "F6"])
    }

    @Test func defaultsAreOff() throws {
        let config = try ConfigLoader.parse("pollInterval: 5")
        #expect(!config.mouse && config.keys.isEmpty && config.saveDirectory == nil)
    }

    func failure(_ yaml: String) -> ConfigError? {
        do {
            _ = try ConfigLoader.parse(yaml, path: "c.yaml")
            return nil
        } catch {
            return error
        }
    }

    @Test func anUnknownActionIsNamedWithItsLine() throws {
        let error = try #require(failure("pollInterval: 5\nkeys:\n  frobnicate: x\n"))
        #expect(error.line == 3)
        #expect(error.reason.contains("unknown action 'frobnicate'") && error.reason.contains("cycle-sort"))
    }

    @Test func anUnreadableKeyNamesTheActionAndTheKey() throws {
        let error = try #require(failure("keys:\n  save: [s, Hyper-X]\n"))
        #expect(error.line == 2)
        #expect(error.reason.contains("save") && error.reason.contains("Hyper-X"))
    }

    @Test func oneKeyForTwoActionsIsRefused() throws {
        let error = try #require(failure("keys:\n  save: x\n  zoom: x\n"))
        #expect(error.line == 3)
        #expect(error.reason == "keys: x is bound to both save and zoom")
    }

    @Test func keysMustBeAMapping() throws {
        let error = try #require(failure("keys: [a, b]\n"))
        #expect(error.reason.contains("maps action names to keys"))
    }
}
