import Deck
import Foundation
import Testing

@testable import AgentDeckCLI

@Suite struct HistoryStoreTests {
    @Test func roundTripPerPrompt() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let store = HistoryStore(directory: folder.path + "/state/agentdeck/history", limit: 100)
        #expect(store.load().isEmpty, "nothing stored yet")
        try store.store(.dispatch, ["@alice summarize", "@bob #translate hola"])
        try store.store(.command, ["theme light"])
        try store.store(.filter, ["!done"])
        try store.store(.reply, ["yes, approve"])
        try store.store(.none, ["never written"])
        let loaded = store.load()
        #expect(loaded == [
            .dispatch: ["@alice summarize", "@bob #translate hola"], .command: ["theme light"], .filter: ["!done"],
            .reply: ["yes, approve"],
        ])
        // Replaced, not appended; no temporary files left behind.
        try store.store(.command, ["theme light", "sort agent"])
        #expect(store.load()[.command] == ["theme light", "sort agent"])
        #expect(ScratchFolderNames(folder.path + "/state/agentdeck/history") == ["command", "dispatch", "filter", "reply"])
    }

    @Test func boundedOnWriteAndOnRead() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let store = HistoryStore(directory: folder.path, limit: 3)
        try store.store(.command, ["1", "2", "3", "4", "5"])
        #expect(store.load()[.command] == ["3", "4", "5"])
        // A file written by hand (or by another limit) is cut when read.
        try Array(1...50).map(String.init).joined(separator: "\n").write(toFile: folder.path + "/filter", atomically: true, encoding: .utf8)
        #expect(store.load()[.filter] == ["48", "49", "50"])
    }

    @Test func entriesStayOneLine() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let store = HistoryStore(directory: folder.path, limit: 10)
        try store.store(.dispatch, ["two\nlines", String(repeating: "x", count: LineEditor.maxLength + 10)])
        let loaded = try #require(store.load()[.dispatch])
        #expect(loaded.count == 2)
        #expect(loaded[0] == "two lines")
        #expect(loaded[1].count == LineEditor.maxLength)
    }

    @Test func aHugeFileIsReadFromItsEnd() throws {
        let folder = try ScratchFolder()
        defer { folder.remove() }
        let line = String(repeating: "y", count: 1000)
        let text = Array(repeating: line, count: 2000).joined(separator: "\n") + "\nlast one\n"
        try text.write(toFile: folder.path + "/command", atomically: true, encoding: .utf8)
        let store = HistoryStore(directory: folder.path, limit: 5)
        let loaded = try #require(store.load()[.command])
        #expect(loaded.last == "last one")
        #expect(loaded.count == 5)
        #expect(loaded.dropLast().allSatisfy { $0 == line }, "no line cut in half by the seek")
    }

    @Test func theDefaultFolderFollowsXDG() {
        #expect(HistoryStore.defaultDirectory(environment: ["XDG_STATE_HOME": "/s"]) == "/s/agentdeck/history")
        #expect(HistoryStore.defaultDirectory(environment: ["HOME": "/h"]) == "/h/.local/state/agentdeck/history")
        #expect(ArtifactSaver.defaultDirectory(environment: ["XDG_DATA_HOME": "/d"]) == "/d/agentdeck/artifacts")
    }
}

private func ScratchFolderNames(_ path: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
}
