import A2A
import Deck
import Foundation
import Testing

@testable import AgentDeckCLI

/// A task list's per-task JSON reaches the raw view at once and the journal when its result is
/// applied, without the tasks `update` skips (followed by a stream).
@Suite struct RawSinkListJournalTests {
    let agent = AgentID("a01")
    let body = #"{"jsonrpc":"2.0","id":3,"result":{"tasks":[{"id":"t1","history":[1,2,3]},{"id":"t2","note":"x"}],"nextPageToken":""}}"#
    var page: A2AResult {
        .taskPage(TaskPage(tasks: [
            A2ATask(id: "t1", status: TaskStatus(state: .working)), A2ATask(id: "t2", status: TaskStatus(state: .completed)),
        ]))
    }

    func rawLines(_ path: String) throws -> [RawPayload] {
        try #require(JournalReader.read(path: path).sessions.first).entries.compactMap { entry in
            if case .raw(let payload, _) = entry { payload } else { nil }
        }
    }

    @Test func listedJSONWaitsForItsResultAndSkipsTheStreamedTasks() throws {
        let path = try makeTemporaryFolder() + "/journal.jsonl"
        let journal = try JournalWriter(path: path, settings: JournalSettings(), session: makeSession(),
                                        redaction: JournalRedaction(secrets: [], agentURLs: []), flushInterval: 0.05)
        let store = RawStore()
        let sink = RawSink(store: store, journal: journal)
        sink.receivedResult(body, agent: agent, result: page, tag: RequestTag(9))
        // The raw view has both at once.
        #expect(store.payloads(for: TaskKey(agentID: agent, taskID: "t1")).map(\.text) == [#"{"id":"t1","history":[1,2,3]}"#])
        #expect(store.payloads(for: TaskKey(agentID: agent, taskID: "t2")).count == 1)
        // Another tag's result does not take them.
        sink.journalListed(RequestTag(8), skipping: [], at: JournalClock.now())
        sink.journalListed(RequestTag(9), skipping: ["t1"], at: JournalClock.now())
        // Taken once: a second call journals nothing more.
        sink.journalListed(RequestTag(9), skipping: [], at: JournalClock.now())
        journal.close()
        let raw = try rawLines(path)
        #expect(raw.map(\.text) == [#"{"id":"t2","note":"x"}"#])
        #expect(raw.first?.source == "list")
        #expect(raw.first?.subject == .task(TaskKey(agentID: agent, taskID: "t2")))
    }

    @Test func withoutATagTheListIsJournaledWhole() throws {
        let path = try makeTemporaryFolder() + "/journal.jsonl"
        let journal = try JournalWriter(path: path, settings: JournalSettings(), session: makeSession(),
                                        redaction: JournalRedaction(secrets: [], agentURLs: []), flushInterval: 0.05)
        RawSink(store: RawStore(), journal: journal).receivedResult(body, agent: agent, result: page)
        journal.close()
        #expect(try rawLines(path).map(\.text) == [#"{"id":"t1","history":[1,2,3]}"#, #"{"id":"t2","note":"x"}"#])
    }
}
