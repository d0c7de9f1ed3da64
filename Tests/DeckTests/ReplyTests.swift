import A2A
import Foundation
import Testing

@testable import Deck

@Suite struct ReplyTests {
    @Test func replyOnInputRequiredSendsSameTaskAndContextStreaming() throws {
        var h = Harness.standard()
        let tag = try h.dispatchedTask("t1", .working, context: "ctx-7")
        h.send(.streamEvent(tag, statusEvent("t1", context: "ctx-7", .inputRequired, "which year?")))
        h.send(.streamEnded(tag, .closed))
        let key = TaskKey(agentID: alice, taskID: "t1")
        #expect(h.state.tasks[key]?.stream == .ended)
        #expect(h.state.requests.isEmpty, "an interrupted task is not reconciled")

        h.key(.char("r"))
        #expect(h.state.ui.prompt?.mode == .reply(key))
        h.type("2024")
        let out = h.key(.enter)
        let parts = try #require(out.first?.streamParts)
        guard case .stream(let params) = parts.request else {
            Issue.record("expected a stream, got \(parts.request)")
            return
        }
        #expect(params.message.taskID == "t1")
        #expect(params.message.contextID == "ctx-7")
        #expect(params.message.text == "2024")
        #expect(h.state.requests[parts.tag]?.purpose == .reply(key))
        #expect(h.state.tasks[key]?.stream == .live)

        h.send(.streamEvent(parts.tag, statusEvent("t1", context: "ctx-7", .completed, "thanks")))
        #expect(h.state.tasks[key]?.state == .completed)
    }

    @Test func replyIsRefusedWhenTheTaskIsNotWaiting() throws {
        var h = Harness.standard()
        try h.dispatchedTask("t1", .working)
        h.key(.char("r"))
        #expect(h.state.ui.prompt == nil)
        #expect(h.state.ui.status?.kind == .error)
    }

    @Test func nonStreamingReplyIsANonBlockingSendThenPolled() throws {
        var h = Harness.standard()
        let send = try #require(h.dispatch("@bob go").first?.callParts)
        h.send(.result(send.tag, .success(.task(taskSnapshot("b1", context: "cb", .inputRequired)))))
        let key = TaskKey(agentID: bob, taskID: "b1")
        #expect(h.state.deadlines[.taskPoll(key)] == nil, "an interrupted task is not polled")
        h.key(.char("r"))
        h.type("yes")
        let parts = try #require(h.key(.enter).first?.callParts)
        guard case .send(let params) = parts.request else {
            Issue.record("expected send")
            return
        }
        #expect(params.message.taskID == "b1")
        #expect(params.message.contextID == "cb")
        #expect(params.blocking == false)
        h.send(.result(parts.tag, .success(.task(taskSnapshot("b1", context: "cb", .working)))))
        #expect(h.state.deadlines[.taskPoll(key)] != nil)
    }
}
