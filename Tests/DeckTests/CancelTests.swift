import A2A
import Foundation
import Testing

@testable import Deck

@Suite struct CancelTests {
    let key = TaskKey(agentID: alice, taskID: "t1")

    @Test func confirmWithYEmitsTheCancelCall() throws {
        var h = Harness.standard()
        let stream = try h.dispatchedTask("t1", .working)
        h.key(.char("c"))
        #expect(h.state.ui.prompt?.mode == .confirmCancel(key))
        let label = try #require(h.state.viewModel(now: h.now).prompt?.label)
        #expect(label.contains("t1") && label.contains("Alice"))

        let out = h.key(.char("y"))
        let call = try #require(out.first?.callParts)
        #expect(call.request == .cancel(taskID: "t1"))
        #expect(h.state.tasks[key]?.isCancelRequested == true)
        #expect(h.state.ui.prompt == nil)

        // Still working after the call: the row keeps saying "cancel requested".
        h.send(.result(call.tag, .success(.task(taskSnapshot("t1", .working)))))
        #expect(h.state.tasks[key]?.isCancelRequested == true)
        // The stream reports canceled: done.
        h.send(.streamEvent(stream, statusEvent("t1", .canceled)))
        #expect(h.state.tasks[key]?.state == .canceled)
        #expect(h.state.tasks[key]?.cancel == .done)
    }

    @Test(arguments: [Key.char("n"), .char("Y"), .enter, .escape, .char("q"), .ctrl("c"), .char(" ")])
    func anyOtherKeyAborts(_ key: Key) throws {
        var h = Harness.standard()
        try h.dispatchedTask("t1", .working)
        h.key(.char("c"))
        let out = h.key(key)
        #expect(out.isEmpty)
        #expect(h.state.ui.prompt == nil)
        #expect(h.state.tasks[self.key]?.cancel == CancelStatus.none)
        #expect(h.state.requests.values.allSatisfy { $0.purpose != .cancel(self.key) })
    }

    @Test(arguments: [TaskState.completed, .failed, .canceled, .rejected])
    func terminalTasksAreNotOfferedForCancel(_ state: TaskState) throws {
        var h = Harness.standard()
        try h.dispatchedTask("t1", state)
        h.key(.char("c"))
        #expect(h.state.ui.prompt == nil)
        #expect(h.state.ui.status?.kind == .error)
        #expect(h.state.viewModel(now: h.now).detail?.canCancel == false)
        // Even a typed `:cancel` finds nothing to cancel.
        h.key(.char(":"))
        h.type("cancel")
        #expect(h.key(.enter).isEmpty)
        #expect(h.state.ui.prompt == nil)
    }

    @Test(arguments: [(-32002, "cannot be canceled"), (-32001, "not found")])
    func refusalIsShownOnTheTask(_ code: Int, _ words: String) throws {
        var h = Harness.standard()
        try h.dispatchedTask("t1", .working)
        h.key(.char("c"))
        let call = try #require(h.key(.char("y")).first?.callParts)
        h.send(.result(call.tag, .failure(rpcFailure(code, "nope"))))
        let entry = try #require(h.state.tasks[key])
        guard case .refused(let text) = entry.cancel else {
            Issue.record("expected refusal, got \(entry.cancel)")
            return
        }
        #expect(text.contains(words))
        #expect(text.contains("nope"))
        #expect(h.state.ui.status?.kind == .error)
        // A refused cancel can be asked again.
        #expect(entry.isCancelable)
    }

    @Test func cancelWithoutAStreamPollsUntilCanceled() throws {
        var h = Harness.standard()
        let tag = try h.dispatchedTask("t1", .working)
        h.send(.streamEnded(tag, .closed))
        // Reconcile: get says still working → subscribe. Drop that subscription too, by failing it.
        let get = try #require(h.state.requests.first { $0.value.purpose == .reconcile(key) }?.key)
        h.send(.result(get, .success(.task(taskSnapshot("t1", .working)))))
        let sub = try #require(h.state.requests.first { $0.value.purpose == .subscribe(key) }?.key)
        h.send(.streamEnded(sub, .failed(rpcFailure(-32004))))  // unsupported: poll instead
        h.key(.char("c"))
        let call = try #require(h.key(.char("y")).first?.callParts)
        h.send(.result(call.tag, .success(.task(taskSnapshot("t1", .working)))))
        #expect(h.state.deadlines[.taskPoll(key)] != nil)
    }
}
