import Testing

@testable import AgentDeckCLI

@Suite struct JournalSettingsTests {
    @Test func theJournalSectionIsReadAndDefaultsAreOn() throws {
        #expect(try ConfigLoader.parse("pollInterval: 2").journal == JournalSettings())
        #expect(JournalSettings().enabled)
        let config = try ConfigLoader.parse("""
            journal:
              enabled: false
              maxBytes: 1048576
              keep: 5
              path: /tmp/j.jsonl
            """)
        var expected = JournalSettings()
        expected.enabled = false
        expected.maxBytes = 1 << 20
        expected.keep = 5
        expected.path = "/tmp/j.jsonl"
        #expect(config.journal == expected)
    }

    @Test func badJournalSettingsNameTheLine() {
        #expect(throws: ConfigError(path: "c.yaml", line: 3, reason: "journal.maxBytes must be a whole number of bytes ≥ 4096")) {
            try ConfigLoader.parse("agents: []\njournal:\n  maxBytes: 10\n", path: "c.yaml")
        }
        #expect(throws: ConfigError(path: "c.yaml", line: 2, reason: "unknown journal setting 'size' (known: enabled, maxBytes, keep, path)")) {
            try ConfigLoader.parse("journal:\n  size: 10\n", path: "c.yaml")
        }
    }

    @Test func theDefaultPathFollowsXDGStateHome() {
        #expect(JournalSettings().filePath(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]) == "/s/agentdeck/journal.jsonl")
        #expect(JournalSettings().filePath(environment: ["HOME": "/h"]) == "/h/.local/state/agentdeck/journal.jsonl")
    }
}
