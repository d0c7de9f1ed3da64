import A2A
import Deck
import Foundation
import Screen
import Testing

@testable import AgentDeckCLI

/// A fresh folder per test under the system temp directory.
func makeTemporaryFolder(_ name: String = #function) throws -> String {
    let folder = NSTemporaryDirectory() + "agentdeck-journal-\(name.prefix(24).filter(\.isLetter))-\(UUID().uuidString.prefix(8))"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    return folder
}

func makeSession(agents: [AgentConfig] = [AgentConfig(id: AgentID("a01"), url: "http://127.0.0.1:9/")]) -> JournalSession {
    JournalSession(id: "s\(UInt32.random(in: 1...UInt32.max))", started: JournalClock.now(),
                   config: DeckConfig(agents: agents, seed: 42), keyMap: .standard)
}

@Suite struct JournalFileTests {
    private func writer(
        _ path: String, session: JournalSession = makeSession(), maxBytes: Int = 64 << 20, keep: Int = 3,
        redaction: JournalRedaction = JournalRedaction(secrets: [], agentURLs: [])
    ) throws -> JournalWriter {
        var settings = JournalSettings()
        settings.maxBytes = maxBytes
        settings.keep = keep
        return try JournalWriter(path: path, settings: settings, session: session, redaction: redaction, flushInterval: 0.05)
    }

    @Test func whatIsWrittenReadsBackEqualInOrder() throws {
        let path = try makeTemporaryFolder() + "/journal.jsonl"
        let session = makeSession()
        let journal = try writer(path, session: session)
        var written: [JournalEntry] = []
        var at = JournalClock.now()
        for msg in try SampleMsgs.all() {
            at = at.addingTimeInterval(0.25)
            written.append(.msg(msg, at: JournalClock.date(milliseconds: JournalClock.milliseconds(at))))
        }
        written.append(.raw(RawPayload(subject: .task(TaskKey(agentID: AgentID("a01"), taskID: "t-1")), source: "event",
                                       text: "{\"kind\":\"status-update\"}"), at: at))
        for entry in written { journal.record(entry) }
        journal.close()

        let reading = try JournalReader.read(path: path)
        #expect(reading.unreadableLines == 0)
        #expect(!reading.tornLastLine)
        try #require(reading.sessions.count == 1)
        #expect(reading.sessions[0].session == session)
        #expect(reading.sessions[0].entries == written)
    }

    /// The writer sleeps while nothing is queued (no timer at idle); an entry recorded after a
    /// quiet spell must wake it and reach the file without waiting for `close`.
    @Test func anEntryAfterAQuietSpellIsWrittenWithoutClose() throws {
        let path = try makeTemporaryFolder() + "/journal.jsonl"
        let journal = try writer(path)
        defer { journal.close() }
        let start = JournalClock.now()
        let first = JournalEntry.msg(.paste("first"), at: start)
        let second = JournalEntry.msg(.paste("second"), at: start.addingTimeInterval(1))

        func entriesOnDisk(reaching count: Int) throws -> [JournalEntry] {
            // Bounded wait for the writer thread (20 s at most), not a timing assertion.
            for _ in 0..<400 {
                let entries = try JournalReader.read(path: path).sessions.first?.entries ?? []
                if entries.count >= count { return entries }
                Thread.sleep(forTimeInterval: 0.05)
            }
            return try JournalReader.read(path: path).sessions.first?.entries ?? []
        }

        journal.record(first)
        #expect(try entriesOnDisk(reaching: 1) == [first])
        Thread.sleep(forTimeInterval: 0.3)  // several flush intervals with nothing queued: asleep
        journal.record(second)
        #expect(try entriesOnDisk(reaching: 2) == [first, second])
    }

    @Test func rotatesAtTheCapKeepingOnlyKeepFilesEachStartingWithTheSession() throws {
        let folder = try makeTemporaryFolder()
        let path = folder + "/journal.jsonl"
        let journal = try writer(path, maxBytes: 4096, keep: 2)
        let start = JournalClock.now()
        let count = 600
        for i in 0..<count {
            journal.record(.msg(.paste("entry \(i) " + String(repeating: "x", count: 40)), at: start.addingTimeInterval(Double(i))))
        }
        journal.close()

        let files = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(files == ["journal.jsonl", "journal.jsonl.1", "journal.jsonl.2"])
        for file in files {
            let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
            #expect(text.utf8.count <= 4096, "\(file) is past the cap")
            #expect(text.hasPrefix("{\"t\":") && text.split(separator: "\n").first?.contains("\"session\"") == true,
                    "\(file) does not start with the session line")
        }
        // The three files hold the newest entries, contiguous, ending with the last one.
        let reading = try JournalReader.read(path: path)
        try #require(reading.sessions.count == 1)
        let log = reading.sessions[0]
        #expect(log.missingStart, "the oldest entries were rotated away")
        let numbers = log.entries.compactMap { entry -> Int? in
            guard case .msg(.paste(let text), _) = entry else { return nil }
            return Int(text.split(separator: " ")[1])
        }
        #expect(numbers.last == count - 1)
        #expect(numbers == Array((count - numbers.count)..<count))
        #expect(numbers.count > 50)
    }

    @Test func aTornLastLineIsSkippedWithANoteAndTheRestIsRead() throws {
        let path = try makeTemporaryFolder() + "/journal.jsonl"
        let journal = try writer(path)
        let at = JournalClock.now()
        journal.record(.msg(.start, at: at))
        journal.record(.msg(.tick, at: at))
        journal.close()
        // What a kill -9 in the middle of write(2) leaves behind.
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data(#"{"t":123,"msg":{"kind":"streamEv"#.utf8))
        handle.closeFile()

        let reading = try JournalReader.read(path: path)
        #expect(reading.tornLastLine)
        #expect(reading.unreadableLines == 0)
        #expect(reading.sessions.first?.entries == [.msg(.start, at: at), .msg(.tick, at: at)])
        #expect(reading.notes.contains { $0.contains("cut off") })

        // The next run appends after a fresh newline: its lines are whole, the torn one is now
        // an unreadable line in the middle, counted.
        let next = try writer(path)
        next.record(.msg(.start, at: at))
        next.close()
        let again = try JournalReader.read(path: path)
        #expect(!again.tornLastLine)
        #expect(again.unreadableLines == 1)
        #expect(again.sessions.count == 2)
        #expect(again.sessions.last?.entries == [.msg(.start, at: at)])
    }

    @Test func severalRunsInOneFileAreToldApartAndOnlyTheChosenOneIsKept() throws {
        let path = try makeTemporaryFolder() + "/journal.jsonl"
        let at = JournalClock.now()
        for run in 1...3 {
            let journal = try writer(path)
            for _ in 0..<run { journal.record(.msg(.tick, at: at)) }
            journal.close()
        }
        let all = try JournalReader.read(path: path)
        #expect(all.sessions.map(\.messageCount) == [1, 2, 3])
        #expect(all.sessions.map(\.entries.count) == [1, 2, 3])
        let last = try JournalReader.read(path: path, keep: .last)
        #expect(last.sessions.map(\.messageCount) == [1, 2, 3], "earlier runs are still counted")
        #expect(last.sessions.map(\.entries.count) == [0, 0, 3])
        #expect(try JournalReader.read(path: path, keep: .index(1)).sessions.map(\.entries.count) == [0, 2, 0])
        #expect(try JournalReader.read(path: path, keep: .none).sessions.map(\.entries.count) == [0, 0, 0])
        #expect(ReplayCommand.listing(last).split(separator: "\n").map { $0.hasPrefix("run ") } == [true, true, true])
    }

    @Test func unreadableLinesAreCountedNotFatal() throws {
        let path = try makeTemporaryFolder() + "/journal.jsonl"
        let journal = try writer(path)
        let at = JournalClock.now()
        journal.record(.msg(.start, at: at))
        journal.close()
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data("not json at all\n\u{00}\u{FF}binary\n{\"t\":1,\"msg\":{\"kind\":\"nope\"}}\n".utf8))
        handle.write(Data(JournalEntry.msg(.tick, at: at).text.utf8 + [0x0A]))
        handle.closeFile()
        let reading = try JournalReader.read(path: path)
        #expect(reading.unreadableLines == 3)
        #expect(reading.sessions.first?.entries == [.msg(.start, at: at), .msg(.tick, at: at)])
    }

    @Test func credentialsNeverReachTheFile() throws {
        let path = try makeTemporaryFolder() + "/journal.jsonl"
        let bearer = "tok-\(UUID().uuidString)"
        let queryToken = "qt\(UInt64.random(in: 1_000_000...UInt64.max))"
        let password = "pw\(UInt32.random(in: 10_000...UInt32.max))"
        let urls = ["http://127.0.0.1:9/agent?token=\(queryToken)&page=2", "http://ops:\(password)@127.0.0.1:8/"]
        let session = makeSession(agents: urls.enumerated().map { AgentConfig(id: AgentID("a0\($0.offset)"), url: $0.element) })
        let journal = try writer(path, session: session, redaction: JournalRedaction(secrets: ["Bearer \(bearer)", bearer], agentURLs: urls))
        let at = JournalClock.now()
        // An agent echoing what it was sent, in text, in raw JSON and in URLs it hands back.
        journal.record(.msg(.streamEvent(RequestTag(1), .message(Message(
            messageID: "m", role: .agent, parts: [.text("you sent Bearer \(bearer)"), Part(.fileURL("http://x.invalid/f?api_key=leak123&ok=1"))]))), at: at))
        journal.record(.raw(RawPayload(subject: .card(AgentID("a00")), source: "card",
                                       text: "{\"url\":\"\(urls[0])\",\"echo\":\"\(password)\"}"), at: at))
        journal.close()

        let text = try String(contentsOfFile: path, encoding: .utf8)
        for secret in [bearer, queryToken, password, "leak123"] {
            #expect(!text.contains(secret), "\(secret) reached the journal")
        }
        #expect(text.contains("page=2") && text.contains("ok=1"), "ordinary query values are kept")
        #expect(text.contains("***"))
        // Still a journal: every line reads.
        let reading = try JournalReader.read(path: path)
        #expect(reading.unreadableLines == 0)
        #expect(reading.sessions.first?.entries.count == 2)
    }

    @Test func aJournalThatCannotBeOpenedTurnsItselfOffWithANotice() throws {
        let blocker = try makeTemporaryFolder() + "/not-a-folder"
        #expect(FileManager.default.createFile(atPath: blocker, contents: Data("x".utf8)))
        #expect(throws: (any Error).self) { try writer(blocker + "/journal.jsonl") }

        let setup = try DashboardSetup.make(
            urls: ["http://127.0.0.1:9/"], configPath: nil, readOnlyFlag: false, themeName: nil, pollInterval: nil,
            environment: ["XDG_STATE_HOME": blocker, "XDG_CONFIG_HOME": blocker, "HOME": blocker])
        var state = setup.initialState()
        #expect(setup.openJournal(for: &state, environment: ["XDG_STATE_HOME": blocker]) == nil)
        #expect(state.ui.status?.text.contains("journal off: ") == true, "\(state.ui.status?.text ?? "no notice")")
    }

    @Test func theFileIsPrivateToItsOwner() throws {
        let path = try makeTemporaryFolder() + "/sub/journal.jsonl"
        let journal = try writer(path)
        journal.close()
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        #expect(mode & 0o077 == 0)
    }

    @Test func aFloodBeyondTheQueueBoundIsCountedAsAGap() throws {
        let path = try makeTemporaryFolder() + "/journal.jsonl"
        var settings = JournalSettings()
        settings.maxBytes = 64 << 20
        // A writer that never wakes by itself within the test, with room for 10 entries.
        let journal = try JournalWriter(path: path, settings: settings, session: makeSession(),
                                        redaction: JournalRedaction(secrets: [], agentURLs: []), flushInterval: 3600, maxQueued: 10)
        let at = JournalClock.now()
        for _ in 0..<10 { journal.record(.msg(.tick, at: at)) }
        journal.record(.msg(.tick, at: at))  // the 11th: dropped, counted
        journal.close()
        let log = try #require(try JournalReader.read(path: path).sessions.first)
        #expect(log.messageCount == 10)
        let dropped = log.entries.reduce(0) { if case .gap(let n, _) = $1 { $0 + n } else { $0 } }
        #expect(dropped == 1)
    }
}

@Suite struct JournalDamageTests {
    /// A journal is a file on disk: any damage (flipped bytes, cuts, pasted garbage) is read
    /// without a crash, and a damaged line is either rejected whole or still a valid entry.
    @Test func randomDamageNeverCrashesTheReaderOrTheReplay() throws {
        let path = try makeTemporaryFolder() + "/journal.jsonl"
        let journal = try JournalWriter(path: path, settings: JournalSettings(), session: makeSession(),
                                        redaction: JournalRedaction(secrets: [], agentURLs: []), flushInterval: 0.05)
        var at = JournalClock.now()
        for msg in try SampleMsgs.all() {
            at = at.addingTimeInterval(0.01)
            journal.record(.msg(msg, at: JournalClock.date(milliseconds: JournalClock.milliseconds(at))))
        }
        journal.close()
        let original = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let lineCount = original.filter { $0 == 0x0A }.count
        var generator = SystemRandomNumberGenerator()
        for round in 0..<300 {
            var bytes = original
            for _ in 0..<(1 + round % 8) {
                let i = Int.random(in: 0..<bytes.count, using: &generator)
                switch round % 4 {
                case 0: bytes[i] = UInt8.random(in: 0...255, using: &generator)
                case 1: bytes.removeSubrange(i..<min(bytes.count, i + Int.random(in: 1...40, using: &generator)))
                case 2: bytes.insert(contentsOf: Array("{\"t\":1,\"msg\":{\"kind\":\"resize\",\"columns\":-5,\"rows\":0}}\n".utf8), at: i)
                default: bytes = Array(bytes.prefix(i))
                }
                if bytes.isEmpty { break }
            }
            let reading = JournalReader.parse(bytes)
            let entries = reading.sessions.reduce(0) { $0 + $1.entries.count }
            #expect(entries + reading.unreadableLines + reading.orphanEntries <= lineCount + 8 * 2 + 1)
            for log in reading.sessions {
                var replay = JournalReplay(log)
                replay.advanceToEnd()
                var buffer = CellBuffer(width: 100, height: 30)
                DashboardView.render(replay.state, now: replay.now, into: &buffer)
            }
        }
    }
}
