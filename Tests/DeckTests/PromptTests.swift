import A2A
import Foundation
import Testing

@testable import Deck

@Suite struct LineEditorTests {
    func typed(_ s: String) -> LineEditor {
        var e = LineEditor()
        for c in s { _ = e.handle(.char(c)) }
        return e
    }

    @Test func insertAndDeleteAtTheCursor() {
        var e = typed("helo")
        e.moveLeft()
        e.insert("l")
        #expect(e.text == "hello" && e.cursor == 4)
        e.moveHome()
        e.deleteForward()
        #expect(e.text == "ello" && e.cursor == 0)
        e.backspace()
        #expect(e.text == "ello", "backspace at the start does nothing")
        e.moveEnd()
        e.backspace()
        #expect(e.text == "ell" && e.cursor == 3)
        e.moveRight()
        #expect(e.cursor == 3)
    }

    @Test func ctrlUAndCtrlW() {
        var e = typed("one two  three")
        _ = e.handle(.ctrl("w"))
        #expect(e.text == "one two  ")
        _ = e.handle(.ctrl("w"))
        #expect(e.text == "one ")
        e.insert("x y")
        e.moveLeft()
        _ = e.handle(.ctrl("u"))
        #expect(e.text == "y" && e.cursor == 0)
    }

    @Test func historyBrowsesAndKeepsTheDraft() {
        var e = LineEditor(history: ["first", "second"])
        e.insert("draft")
        e.historyPrevious()
        #expect(e.text == "second")
        e.historyPrevious()
        #expect(e.text == "first")
        e.historyPrevious()
        #expect(e.text == "first")
        e.historyNext()
        #expect(e.text == "second")
        e.historyNext()
        #expect(e.text == "draft" && e.historyIndex == nil)
    }

    @Test func pastedNewlinesBecomeSpacesAndLengthIsBounded() {
        var e = LineEditor()
        e.insert("a\nb\tc")
        #expect(e.text == "a b c")
        e.insert(String(repeating: "x", count: LineEditor.maxLength * 2))
        #expect(e.characters.count == LineEditor.maxLength)
    }

    @Test func nonEditingKeysAreLeftToTheCaller() {
        var e = LineEditor()
        for key in [Key.enter, .escape, .tab] {
            let handled = e.handle(key)
            #expect(!handled, "\(key)")
        }
        let handledChar = e.handle(.char("x"))
        #expect(handledChar)
        #expect(e.text == "x")
    }
}

@Suite struct CompletionTests {
    @Test func singleMatchCompletesWithASpace() {
        var e = LineEditor(text: "ask @al")
        let shown = Completion.complete(&e, agents: ["alice", "bob"], skills: [])
        #expect(shown.isEmpty)
        #expect(e.text == "ask @alice ")
    }

    @Test func severalMatchesExtendToTheCommonPrefixAndAreListed() {
        var e = LineEditor(text: "#s")
        let shown = Completion.complete(&e, agents: [], skills: ["summarize", "summary-long", "search"])
        #expect(shown == ["search", "summarize", "summary-long"])
        #expect(e.text == "#s")
        var e2 = LineEditor(text: "#su")
        _ = Completion.complete(&e2, agents: [], skills: ["summarize", "summary-long"])
        #expect(e2.text == "#summar")
    }

    @Test func plainWordsAreNotCompleted() {
        var e = LineEditor(text: "al")
        #expect(Completion.complete(&e, agents: ["alice"], skills: []).isEmpty)
        #expect(e.text == "al")
    }

    @Test func tabInTheDispatchPromptUsesTheStatesAgentsAndSkills() {
        var h = Harness.standard()
        h.key(.char("n"))
        h.type("@ali")
        h.key(.tab)
        #expect(h.state.ui.prompt?.editor.text == "@alice ")
        h.type("#se")
        h.key(.tab)
        #expect(h.state.ui.prompt?.editor.text == "@alice #search ")
        h.type("#tr")
        h.key(.tab)
        #expect(h.state.ui.prompt?.editor.text == "@alice #search #tr", "translate is bob's, not alice's")
    }

    @Test func tabCompletesCommandNames() {
        var h = Harness.standard()
        h.key(.char(":"))
        h.type("att")
        h.key(.tab)
        #expect(h.state.ui.prompt?.editor.text == "attach ")
        h.key(.tab)
        #expect(h.state.ui.prompt?.editor.text == "attach ")
        h.type("@b")
        h.key(.tab)
        #expect(h.state.ui.prompt?.editor.text == "attach @bob ")
    }
}

@Suite struct PromptParserTests {
    let agents: [(id: AgentID, names: [String])] = [
        (alice, PromptParser.tagNames(id: alice, displayName: "Alice Research")), (bob, ["bob"]),
    ]
    func skills(_ a: AgentID) -> [String] { a == alice ? ["summarize"] : ["translate"] }

    @Test func tagsAnywhereInTheLine() {
        let r = PromptParser.parseDispatch(
            "please #translate this @bob now", defaultAgent: alice, defaultSkill: nil, agents: agents, skills: skills)
        #expect(r.agentID == bob)
        #expect(r.skillID == "translate")
        #expect(r.text == "please this now")
    }

    @Test func displayNameWithoutSpacesWorks() {
        let r = PromptParser.parseDispatch("@aliceresearch hi", defaultAgent: nil, defaultSkill: nil, agents: agents, skills: skills)
        #expect(r.agentID == alice)
        #expect(r.text == "hi")
    }

    @Test func unknownTagsStayInTheText() {
        let r = PromptParser.parseDispatch(
            "fix issue #42 for @carol", defaultAgent: alice, defaultSkill: nil, agents: agents, skills: skills)
        #expect(r.agentID == alice)
        #expect(r.skillID == nil)
        #expect(r.text == "fix issue #42 for @carol")
    }

    @Test func plainTextUsesTheDefaults() {
        let r = PromptParser.parseDispatch("just text", defaultAgent: bob, defaultSkill: "translate", agents: agents, skills: skills)
        #expect(r == DispatchRequest(agentID: bob, skillID: "translate", text: "just text"))
    }

    @Test func colonCommands() {
        #expect(ColonCommand.parse("q") == .quit)
        #expect(ColonCommand.parse("attach abc-123") == .attach(agent: nil, taskID: "abc-123"))
        #expect(ColonCommand.parse("attach @bob abc") == .attach(agent: "bob", taskID: "abc"))
        #expect(ColonCommand.parse("sort duration") == .sort(.duration))
        #expect(ColonCommand.parse("send @alice hi there") == .send("@alice hi there"))
        #expect(ColonCommand.parse("send @alice hi")?.isMutating == true)
        #expect(ColonCommand.parse("cancel")?.isMutating == true)
        #expect(ColonCommand.parse("refresh")?.isMutating == false)
        if case .unknown = ColonCommand.parse("frobnicate") {} else { Issue.record("frobnicate parsed") }
        if case .unknown = ColonCommand.parse("sort sideways") {} else { Issue.record("bad sort parsed") }
        #expect(ColonCommand.parse("   ") == nil)
    }

    @Test func promptHistoryIsRememberedPerKind() {
        var h = Harness.standard()
        h.dispatch("@alice first")
        h.dispatch("@alice second")
        h.key(.char("n"))
        h.key(.up)
        #expect(h.state.ui.prompt?.editor.text == "@alice second")
        h.key(.up)
        #expect(h.state.ui.prompt?.editor.text == "@alice first")
        h.key(.escape)
        h.key(.char(":"))
        h.key(.up)
        #expect(h.state.ui.prompt?.editor.text == "", "commands have their own history")
    }
}
