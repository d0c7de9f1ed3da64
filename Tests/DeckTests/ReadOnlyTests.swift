import A2A
import Foundation
import Testing

@testable import Deck

@Suite struct ReadOnlyTests {
    static let mutatingKeys: [Key] = [.char("n"), .char("r"), .char("c")]

    @Test func mutatingKeysAreAbsentFromTheKeyMapAndHelp() {
        var h = Harness.standard(readOnly: true)
        let map = h.state.effectiveKeyMap
        for k in Self.mutatingKeys { #expect(map.action(for: k) == nil, "\(k) is bound in read-only mode") }
        for action in Action.allCases where action.isMutating {
            #expect(map.keys(for: action).isEmpty)
        }
        h.key(.char("?"))
        let help = h.state.viewModel(now: h.now).help ?? []
        #expect(!help.isEmpty)
        #expect(help.allSatisfy { !$0.action.isMutating })
        #expect(!help.contains { $0.keys.contains("n") || $0.keys.contains("r") || $0.keys.contains("c") })
        // The normal map has them, so the test above could fail.
        #expect(Harness.standard().state.effectiveKeyMap.action(for: .char("n")) == .dispatch)
    }

    /// Every way of mutating, tried on a read-only deck, with an interrupted and a running task.
    @Test func noMutatingCommandIsEverEmitted() throws {
        var h = Harness.standard(readOnly: true)
        h.discovered("t-int", .inputRequired)
        h.discovered("t-run", .working)
        var all: [Command] = []
        for task in ["t-int", "t-run"] {
            h.state.ui.selectedTask = TaskKey(agentID: alice, taskID: task)
            all += h.key(.char("n"))
            all += h.type("@alice hello")
            all += h.key(.enter)
            all += h.key(.char("r"))
            all += h.type("reply text")
            all += h.key(.enter)
            all += h.key(.char("c"))
            all += h.key(.char("y"))
            for line in ["send @alice hello", "send hi", "cancel", "dispatch @bob x"] {
                all += h.key(.char(":"))
                all += h.type(line)
                all += h.key(.enter)
                all += h.key(.char("y"))
            }
        }
        #expect(!all.contains { $0.isMutating })
        #expect(h.state.tasks.count == 2, "no pending row was created")
        #expect(h.state.tasks.values.allSatisfy { $0.cancel == .none })
    }

    @Test func directCallsAreRefusedToo() {
        var h = Harness.standard(readOnly: true)
        h.discovered("t-int", .inputRequired)
        let key = TaskKey(agentID: alice, taskID: "t-int")
        var out = h.state.dispatch(to: alice, skill: nil, text: "x", now: h.now)
        out += h.state.reply(to: key, text: "x", now: h.now)
        out += h.state.confirmCancel(key, now: h.now)
        #expect(out.isEmpty)
    }

    @Test func theFinalFilterDropsMutatingCommandsAndSaysSo() {
        var h = Harness.standard(readOnly: true)
        let tag = RequestTag(999)
        let commands: [Command] = [
            .call(alice, .cancel(taskID: "x"), tag: tag),
            .stream(alice, .stream(SendParams(message: Message(messageID: "m", role: .user, parts: [.text("hi")]))), tag: tag),
            .call(alice, .get(taskID: "x", historyLength: nil), tag: tag),
            .stream(alice, .subscribe(taskID: "x"), tag: tag),
        ]
        let out = h.state.enforceReadOnly(commands, now: h.now)
        #expect(out == Array(commands.suffix(2)))
        #expect(h.state.ui.status?.kind == .error)
        #expect(h.state.ui.status?.text.contains("read-only") == true)
    }

    @Test func monitoringStillWorksReadOnly() throws {
        var h = Harness.standard(readOnly: true, listPoll: 10)
        // Discovery ran when the V1 cards arrived; answer alice's list with a running task.
        let list = try #require(h.state.requests.first { $0.value.purpose == .list(alice) }?.key)
        let out = h.send(.result(list, .success(.taskPage(TaskPage(tasks: [taskSnapshot("d1", .working)])))))
        let sub = try #require(out.first?.streamParts)
        #expect(sub.request == .subscribe(taskID: "d1"))
        h.send(.streamEnded(sub.tag, .closed))
        let key = TaskKey(agentID: alice, taskID: "d1")
        #expect(h.state.tasks[key]?.stream == .reconnecting(attempt: 1))
        #expect(h.state.requests.values.contains { $0.purpose == .reconcile(key) })
    }

    @Test func perAgentReadOnly() throws {
        var h = Harness.standard(bobReadOnly: true)
        #expect(h.state.isReadOnly(bob))
        #expect(!h.state.isReadOnly(alice))
        // Dispatch still exists (alice is writable) …
        #expect(h.state.effectiveKeyMap.action(for: .char("n")) == .dispatch)
        // … but nothing goes to bob.
        #expect(h.dispatch("@bob hola").isEmpty)
        #expect(h.state.tasks.isEmpty)
        #expect(h.state.ui.status?.text.contains("read-only") == true)
        // With a bob task selected, reply and cancel are gone from the map and the help.
        h.discovered("b1", on: bob, .inputRequired)
        h.state.ui.selectedTask = TaskKey(agentID: bob, taskID: "b1")
        let map = h.state.effectiveKeyMap
        #expect(map.action(for: .char("r")) == nil)
        #expect(map.action(for: .char("c")) == nil)
        #expect(!map.help.contains { $0.action == .reply || $0.action == .cancel })
        #expect(h.key(.char("r")).isEmpty && h.state.ui.prompt == nil)
        #expect(h.key(.char("c")).isEmpty && h.state.ui.prompt == nil)
        #expect(h.state.reply(to: TaskKey(agentID: bob, taskID: "b1"), text: "x", now: h.now).isEmpty)
        // Tab completion does not offer bob.
        h.key(.char("n"))
        h.type("@b")
        h.key(.tab)
        #expect(h.state.ui.prompt?.editor.text == "@b")
        // Alice is still writable.
        h.key(.escape)
        #expect(h.dispatch("@alice hi").first?.isMutating == true)
    }

    @Test func everyAgentReadOnlyRemovesDispatch() {
        let config = DeckConfig(agents: [AgentConfig(id: alice, url: "http://127.0.0.1:9/", readOnly: true)])
        let state = DeckState(config: config)
        #expect(state.isFullyReadOnly)
        #expect(state.effectiveKeyMap.action(for: .char("n")) == nil)
    }
}
