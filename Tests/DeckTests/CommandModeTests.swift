import A2A
import Foundation
import Testing

@testable import Deck

/// Parsing of the `:` line.
@Suite struct ColonCommandParsingTests {
    @Test func agentAddAndRemove() {
        #expect(ColonCommand.parse("agent add http://127.0.0.1:9/x") == .addAgent(url: "http://127.0.0.1:9/x", name: nil))
        #expect(ColonCommand.parse("agent add http://h/x Build Bot") == .addAgent(url: "http://h/x", name: "Build Bot"))
        #expect(ColonCommand.parse("agent rm Alice") == .removeAgent("Alice"))
        #expect(ColonCommand.parse("agent rm") == .unknown("usage: agent rm NAME"))
        #expect(ColonCommand.parse("agent add") == .unknown("usage: agent add URL [NAME]"))
        guard case .unknown(let why)? = ColonCommand.parse("agent frob x") else {
            Issue.record("agent frob parsed as a command")
            return
        }
        #expect(why.contains("agent add URL"))
    }

    @Test func themeReadOnlySaveQuit() {
        #expect(ColonCommand.parse("theme light") == .theme("light"))
        #expect(ColonCommand.parse("theme") == .unknown("usage: theme NAME"))
        #expect(ColonCommand.parse("ro") == .readOnly)
        #expect(ColonCommand.parse("rw") == .readWrite)
        #expect(ColonCommand.parse("save") == .save(path: nil))
        // A path keeps its inner spaces.
        #expect(ColonCommand.parse("save  /tmp/my  report.txt ") == .save(path: "/tmp/my  report.txt"))
        #expect(ColonCommand.parse("q") == .quit)
        #expect(ColonCommand.parse("   ") == nil)
        #expect(!ColonCommand.addAgent(url: "x", name: nil).isMutating)
        #expect(!ColonCommand.save(path: nil).isMutating)
    }

    @Test func unknownWordsNameTheKnownOnes() {
        guard case .unknown(let why)? = ColonCommand.parse("frobnicate") else {
            Issue.record("frobnicate parsed as a command")
            return
        }
        #expect(why.contains("frobnicate") && why.contains("theme") && why.contains("agent"))
    }
}

/// Tab on the `:` line.
@Suite struct CommandCompletionTests {
    let sources = CommandCompletion(
        agents: ["alice", "Alice", "bob"], themes: ["default", "light", "high-contrast", "solarized-dark"],
        sortKeys: ["attention", "updated", "state", "agent", "duration"], taskIDs: ["run-1", "run-2", "done-1"])

    func tab(_ text: String) -> (text: String, shown: [String]?) {
        var editor = LineEditor(text: text)
        let shown = sources.complete(&editor)
        return (editor.text, shown)
    }

    @Test func commandWords() {
        #expect(tab("th").text == "theme ")
        let r = tab("s")
        #expect(r.text == "s")
        #expect(r.shown == ["save", "send", "sort"])
        #expect(tab("ag").text == "agent ")
        #expect(tab("zz").shown == [])
    }

    @Test func arguments() {
        #expect(tab("theme l").text == "theme light ")
        #expect(tab("theme h").text == "theme high-contrast ")
        #expect(tab("agent r").text == "agent rm ")
        #expect(tab("agent rm b").text == "agent rm bob ")
        // "alice" and "Alice" are one agent: completed, not offered twice.
        #expect(tab("agent rm a").text == "agent rm alice ")
        #expect(tab("agent add h").shown == [], "URLs are not guessed")
        #expect(tab("sort up").text == "sort updated ")
        let runs = tab("attach r")
        #expect(runs.text == "attach run-")
        #expect(runs.shown == ["run-1", "run-2"])
        #expect(tab("attach @b").text == "attach @bob ")
    }

    @Test func sendLinesAreLeftToTheDispatchCompleter() {
        var editor = LineEditor(text: "send @al")
        #expect(sources.complete(&editor) == nil)
        #expect(editor.text == "send @al")
    }

    @Test func completesInsideTheLineAtTheCursor() {
        var editor = LineEditor(text: "theme li")
        editor.moveLeft()
        _ = sources.complete(&editor)
        // Only the part before the cursor counts: "l" → light, the "i" after the cursor stays.
        #expect(editor.text == "theme light i")
    }
}

/// What each `:` command does to the state.
@Suite struct CommandModeUpdateTests {
    @discardableResult
    func command(_ h: inout Harness, _ line: String) -> [Command] {
        h.key(.char(":"))
        h.type(line)
        return h.key(.enter)
    }

    @Test func agentAddStartsPollingAtOnce() throws {
        var h = Harness.standard()
        let out = command(&h, "agent add http://127.0.0.1:9/carol Carol")
        let added = try #require(h.state.orderedAgents.last)
        #expect(h.state.agentOrder.count == 3)
        #expect(added.config.url == "http://127.0.0.1:9/carol" && added.displayName == "Carol")
        #expect(out == [.addAgent(added.config), .fetchCard(added.id, ifNoneMatch: nil)])
        #expect(h.state.ui.selectedAgent == added.id)
        // Its card answers like any other's.
        h.send(.card(added.id, .fetched(makeCard("Carol"), endpoint: endpoint(.v1), etag: nil, latency: 0.01)))
        #expect(h.state.agents[added.id]?.card?.name == "Carol")
        #expect(h.state.deadlines[.cardPoll(added.id)] != nil, "polled again later")
    }

    @Test func agentAddRefusesBadAndDuplicateURLs() {
        var h = Harness.standard()
        for bad in ["ftp://x/y", "http://", "https://", "notaurl", "http://a\u{7}b"] {
            let out = command(&h, "agent add \(bad)")
            #expect(out.isEmpty, "\(bad) was accepted")
            #expect(h.state.ui.status?.kind == .error)
        }
        let out = command(&h, "agent add http://127.0.0.1:9/alice")
        #expect(out.isEmpty)
        #expect(h.state.ui.status?.text.contains("already watching") == true)
        #expect(h.state.agentOrder.count == 2)
    }

    @Test func agentAddAndRemoveWorkInReadOnlyMode() {
        var h = Harness.standard(readOnly: true)
        let out = command(&h, "agent add http://127.0.0.1:9/carol")
        #expect(out.count == 2)
        #expect(h.state.agentOrder.count == 3)
        let rm = command(&h, "agent rm bob")
        #expect(rm == [.removeAgent(bob)])
    }

    @Test func agentRemoveStopsStreamsPollsAndTasks() throws {
        var h = Harness.standard(listPoll: 10)
        let tag = try h.dispatchedTask("t-1")
        h.discovered("t-2", .completed)
        h.discovered("b-1", on: bob, .working)
        #expect(h.state.deadlines[.cardPoll(alice)] != nil)
        let out = command(&h, "agent rm @Alice")
        #expect(out == [.cancelStream(tag), .removeAgent(alice)])
        #expect(h.state.agents[alice] == nil && !h.state.agentOrder.contains(alice))
        #expect(h.state.tasks.keys.allSatisfy { $0.agentID == bob })
        #expect(h.state.tasks.count == 1)
        #expect(!h.state.deadlines.keys.contains { if case .cardPoll(alice) = $0 { true } else { false } })
        #expect(h.state.requests.values.allSatisfy { $0.agentID != alice })
        #expect(h.state.ui.status?.text.contains("its 2 tasks") == true)
        // Late news about the removed agent changes nothing.
        let before = h.state
        #expect(h.send(.streamEvent(tag, statusEvent("t-1", .completed))).isEmpty)
        #expect(h.send(.card(alice, .notModified(latency: 0.1))).isEmpty)
        #expect(h.state.tasks == before.tasks && h.state.agents == before.agents)
        // A new agent never reuses a removed one's id.
        let add = command(&h, "agent add http://127.0.0.1:9/dave")
        #expect(add.first == .addAgent(try #require(h.state.orderedAgents.last?.config)))
        #expect(h.state.orderedAgents.last?.id == AgentID("a03"))
    }

    @Test func agentRemoveOfAnUnknownNameSaysSo() {
        var h = Harness.standard()
        let out = command(&h, "agent rm zed")
        #expect(out.isEmpty)
        #expect(h.state.ui.status == StatusLine(text: "no agent named zed", kind: .error, expiresAt: h.now.addingTimeInterval(10)))
    }

    @Test func themeAsksTheRuntimeAndReportsBack() {
        var h = Harness.standard()
        #expect(command(&h, "theme light") == [.loadTheme("light")])
        h.send(.local(.themeLoaded("light")))
        #expect(h.state.ui.theme == "light")
        #expect(h.state.ui.status?.text == "theme light")
        h.send(.local(.themeFailed(name: "nope", reason: "no theme named nope")))
        #expect(h.state.ui.theme == "light", "a bad name keeps the current theme")
        #expect(h.state.ui.status?.kind == .error)
        #expect(h.state.ui.status?.text == "keeping theme light: no theme named nope")
    }

    @Test func readOnlyNowAndBack() {
        var h = Harness.standard()
        command(&h, "ro")
        #expect(h.state.config.readOnly)
        #expect(h.state.effectiveKeyMap.action(for: .char("n")) == nil)
        #expect(h.dispatch("@alice hi").isEmpty)
        command(&h, "rw")
        #expect(!h.state.config.readOnly)
        #expect(h.dispatch("@alice hi").contains { $0.streamParts != nil })
    }

    @Test func readWriteIsRefusedWhenReadOnlyWasForced() {
        var config = DeckConfig(
            agents: [AgentConfig(id: alice, url: "http://127.0.0.1:9/alice")], readOnly: true, readOnlyForcedBy: "--read-only was given")
        config.listPollInterval = nil
        var h = Harness(config: config)
        command(&h, "rw")
        #expect(h.state.config.readOnly)
        #expect(h.state.ui.status?.kind == .error)
        #expect(h.state.ui.status?.text == "staying read-only: --read-only was given")
        // Read-only without a stated reason is forced too.
        var plain = Harness.standard(readOnly: true)
        command(&plain, "rw")
        #expect(plain.state.config.readOnly)
    }

    func artifact(_ id: String, name: String?, parts: [Part]) -> StreamEvent {
        .artifact(ArtifactUpdate(taskID: "t-1", contextID: "ctx-1", artifact: Artifact(artifactID: id, name: name, parts: parts), lastChunk: true))
    }

    @Test func sKeySavesTheLatestArtifact() throws {
        var h = Harness.standard()
        let tag = try h.dispatchedTask("t-1")
        #expect(h.key(.char("s")).isEmpty, "no artifact yet")
        #expect(h.state.ui.status?.text.contains("no artifact") == true)
        h.send(.streamEvent(tag, artifact("a1", name: "first", parts: [.text("one")])))
        h.send(.streamEvent(tag, artifact("a2", name: "report", parts: [.text("two")])))
        let out = h.key(.char("s"))
        let saved = try #require(out.first)
        guard case .save(let request) = saved else {
            Issue.record("s emitted \(out)")
            return
        }
        #expect(request.path == nil && request.taskID == "t-1" && request.agentName == "Alice")
        #expect(request.content == .artifact(Artifact(artifactID: "a2", name: "report", parts: [.text("two")])))
        h.send(.local(.saved(path: "/tmp/x/report.txt", note: nil)))
        #expect(h.state.ui.status?.text == "saved to /tmp/x/report.txt")
    }

    @Test func colonSaveWritesTheTaskWhenThereIsNoArtifactAndWorksReadOnly() throws {
        var h = Harness.standard(readOnly: true)
        h.discovered("t-9", .working)
        h.state.ui.selectedTask = TaskKey(agentID: alice, taskID: "t-9")
        let out = command(&h, "save /tmp/task.json")
        guard case .save(let request)? = out.first else {
            Issue.record(":save emitted \(out)")
            return
        }
        #expect(request.path == "/tmp/task.json")
        guard case .task(let task) = request.content else {
            Issue.record("expected the task")
            return
        }
        #expect(task.id == "t-9")
        h.send(.local(.saveFailed("/tmp/task.json: permission denied")))
        #expect(h.state.ui.status?.kind == .error)
    }

    @Test func historiesAreSeparatePerPromptAndSkipRepeats() throws {
        var h = Harness.standard()
        command(&h, "sort agent")
        command(&h, "sort agent")
        #expect(h.state.ui.histories[.command] == ["sort agent"], "a repeat is not added again")
        h.dispatch("@alice hello")
        #expect(h.state.ui.histories[.dispatch] == ["@alice hello"])
        #expect(h.state.ui.histories[.reply] == nil)
        h.key(.char("/"))
        h.type("run")
        h.key(.enter)
        #expect(h.state.ui.histories[.filter] == ["run"])
    }

    @Test func historiesLoadedAtStartAreOfferedByUp() {
        var h = Harness.standard()
        h.state.ui.histories[.command] = ["theme light", "agent rm bob"]
        h.key(.char(":"))
        h.key(.up)
        #expect(h.state.ui.prompt?.editor.text == "agent rm bob")
        h.key(.up)
        #expect(h.state.ui.prompt?.editor.text == "theme light")
    }

    @Test func historyIsBounded() {
        var config = DeckConfig(agents: [AgentConfig(id: alice, url: "http://127.0.0.1:9/alice")])
        config.historyLimit = 3
        var h = Harness(config: config)
        for i in 1...5 { command(&h, "sort \(i)") }
        #expect(h.state.ui.histories[.command] == ["sort 3", "sort 4", "sort 5"])
    }

    @Test func tabOnTheColonLineUsesTheStateSources() {
        var h = Harness.standard()
        h.state.config.themeNames = ["default", "light"]
        h.key(.char(":"))
        h.type("theme li")
        h.key(.tab)
        #expect(h.state.ui.prompt?.editor.text == "theme light ")
        h.key(.escape)
        h.key(.char(":"))
        h.type("agent rm B")
        h.key(.tab)
        #expect(h.state.ui.prompt?.editor.text == "agent rm bob ")
    }

    @Test func sSavesInReadOnlyModeToo() throws {
        var h = Harness.standard(readOnly: true)
        h.discovered("t-1", .completed)
        h.state.ui.selectedTask = TaskKey(agentID: alice, taskID: "t-1")
        _ = h.state.tasks[TaskKey(agentID: alice, taskID: "t-1")]?.accumulator.apply(
            .artifact(ArtifactUpdate(taskID: "t-1", artifact: Artifact(artifactID: "a", parts: [.text("x")]), lastChunk: true)))
        #expect(h.state.effectiveKeyMap.action(for: .char("s")) == .save)
        let out = h.key(.char("s"))
        #expect(out.count == 1)
        #expect(out.allSatisfy { if case .save = $0 { true } else { false } })
    }

    @Test func helpShowsTheReboundKeys() throws {
        let map = try KeyMap.standard.rebinding(["save": ["w"], "cycle-sort": ["S"]]).get()
        var h = Harness(config: DeckConfig(agents: [AgentConfig(id: alice, url: "http://127.0.0.1:9/alice")], listPollInterval: nil))
        h.state = DeckState(config: h.state.config, keyMap: map)
        h.key(.char("?"))
        let help = try #require(h.state.viewModel(now: h.now).help)
        #expect(help.first { $0.action == .save }?.keys == ["w"])
        #expect(help.first { $0.action == .cycleSort }?.keys == ["S"])
        h.key(.escape)
        h.key(.char("S"))
        #expect(h.state.ui.sort == .updated, "the new key works")
    }

    @Test func credentialsInAnAddedURLAreRefusedAndNotRemembered() {
        var h = Harness.standard()
        for url in ["http://user:secret@127.0.0.1:9/x", "http://127.0.0.1:9/x?token=secret", "https://u@h/"] {
            #expect(command(&h, "agent add \(url)").isEmpty, "\(url) was accepted")
            #expect(h.state.ui.status?.text.contains("auth:") == true)
        }
        #expect(h.state.agentOrder.count == 2)
        #expect(h.state.ui.histories[.command] == nil, "a secret typed by mistake is not kept")
        #expect(h.state.agents.values.allSatisfy { !$0.config.url.contains("secret") })
        // An @ after the host is a path, not user info.
        #expect(command(&h, "agent add http://127.0.0.1:9/team@2").count == 2)
    }
}
