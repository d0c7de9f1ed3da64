import A2A
import Foundation
import Testing

@testable import Deck

/// A fixed start time: tests never read the clock.
let t0 = Date(timeIntervalSince1970: 1_800_000_000)

let alice = AgentID("alice")
let bob = AgentID("bob")

func makeCard(
    _ name: String, streaming: Bool = true, skills: [String] = [], version: String = "1.0",
    interfaces: [AgentInterface]? = nil
) -> AgentCard {
    AgentCard(
        name: name, description: "\(name) agent", version: version,
        interfaces: interfaces ?? [AgentInterface(url: "http://127.0.0.1:9/\(name)", binding: .jsonRPC, protocolVersion: "1.0")],
        capabilities: AgentCapabilities(streaming: streaming),
        skills: skills.map { AgentSkill(id: $0, name: $0.capitalized) })
}

func endpoint(_ dialect: Dialect) -> Endpoint { Endpoint(url: "http://127.0.0.1:9/", dialect: dialect) }

/// Drives a `DeckState` like the runtime would: messages in at a controllable `now`.
struct Harness {
    var state: DeckState
    var now = t0

    init(config: DeckConfig) { state = DeckState(config: config) }

    /// Two agents (alice streams, bob does not), both V1 with skills, cards loaded.
    static func standard(
        readOnly: Bool = false, bobReadOnly: Bool = false, listPoll: TimeInterval? = nil, maxFinished: Int = 200,
        bobDialect: Dialect = .v1
    ) -> Harness {
        let config = DeckConfig(
            agents: [
                AgentConfig(id: alice, name: "Alice", url: "http://127.0.0.1:9/alice"),
                AgentConfig(id: bob, url: "http://127.0.0.1:9/bob", readOnly: bobReadOnly),
            ], readOnly: readOnly, listPollInterval: listPoll, maxFinishedTasks: maxFinished)
        var h = Harness(config: config)
        _ = h.send(.start)
        _ = h.send(
            .card(alice, .fetched(makeCard("Alice", skills: ["summarize", "search"]), endpoint: endpoint(.v1), etag: "W/\"1\"", latency: 0.05)))
        _ = h.send(
            .card(bob, .fetched(makeCard("Bob", streaming: false, skills: ["translate"]), endpoint: endpoint(bobDialect), etag: nil, latency: 0.05)))
        return h
    }

    @discardableResult
    mutating func send(_ msg: Msg) -> [Command] { state.update(msg, now: now) }

    @discardableResult
    mutating func key(_ k: Key) -> [Command] { send(.key(k)) }

    /// Types each character, then returns what the last key emitted.
    @discardableResult
    mutating func type(_ text: String) -> [Command] {
        var out: [Command] = []
        for c in text { out = send(.key(.char(c))) }
        return out
    }

    mutating func advance(_ seconds: TimeInterval) { now = now.addingTimeInterval(seconds) }

    /// Answers the ListTasks in flight to `agent` with `tasks`; returns the commands it produced.
    @discardableResult
    mutating func answerList(_ tasks: [A2ATask], on agent: AgentID = alice) throws -> [Command] {
        let tag = try #require(state.requests.first { $0.value.purpose == .list(agent) }?.key)
        return send(.result(tag, .success(.taskPage(TaskPage(tasks: tasks)))))
    }

    var selected: TaskEntry? { state.selectedTaskEntry }
}

/// The streams and calls in a command list, taken apart.
extension Command {
    var streamParts: (agent: AgentID, request: A2ARequest, tag: RequestTag)? {
        if case .stream(let a, let r, let t) = self { (a, r, t) } else { nil }
    }
    var callParts: (agent: AgentID, request: A2ARequest, tag: RequestTag)? {
        if case .call(let a, let r, let t) = self { (a, r, t) } else { nil }
    }
}

func statusEvent(_ taskID: String, context: String = "ctx-1", _ state: TaskState, _ text: String? = nil) -> StreamEvent {
    .status(
        StatusUpdate(
            taskID: taskID, contextID: context,
            status: TaskStatus(
                state: state,
                message: text.map { Message(messageID: "m-\($0.count)", role: .agent, parts: [.text($0)]) })))
}

func taskSnapshot(_ id: String, context: String = "ctx-1", _ state: TaskState) -> A2ATask {
    A2ATask(id: id, contextID: context, status: TaskStatus(state: state))
}

func rpcFailure(_ code: Int, _ message: String = "") -> CallFailure {
    .agent(.rpc(RPCError(code: code, message: message, dialect: .v1)))
}

extension Harness {
    /// Dispatches `line` through the `n` prompt; returns what Enter emitted.
    @discardableResult
    mutating func dispatch(_ line: String) -> [Command] {
        key(.char("n"))
        type(line)
        return key(.enter)
    }

    /// Dispatches to alice (streaming) and lets the agent name the task `id` in state `state`.
    @discardableResult
    mutating func dispatchedTask(_ id: String, _ state: TaskState = .working, context: String = "ctx-1") throws -> RequestTag {
        let out = dispatch("@alice work on \(id)")
        let tag = try #require(out.first?.streamParts?.tag)
        send(.streamOpened(tag))
        send(.streamEvent(tag, .task(taskSnapshot(id, context: context, .submitted))))
        if state != .submitted { send(.streamEvent(tag, statusEvent(id, context: context, state))) }
        return tag
    }

    /// Adds a task as if discovered by ListTasks in `state`, updated at the current time.
    mutating func discovered(_ id: String, on agent: AgentID = alice, _ state: TaskState) {
        var entry = TaskEntry(key: TaskKey(agentID: agent, taskID: id), origin: .discovered, now: now)
        entry.apply(.task(taskSnapshot(id, state)), now: now)
        self.state.tasks[entry.key] = entry
        // As if it arrived through `update`: retention looks at it on the next message.
        self.state.taskFinishedSinceRetention = true
    }
}
