import A2A
import Deck
import Foundation

/// A Deck with N configured agents, and the bookkeeping a dispatch leaves behind, so the bench can
/// feed stream messages straight into `update` the way the runtime does.
struct BenchDeck {
    var state: DeckState
    let agents: [AgentID]
    private var nextTag: UInt64 = 1 << 40  // far above the tags `update` makes itself

    init(agents count: Int, maxFinishedTasks: Int = DeckConfig(agents: []).maxFinishedTasks, maxTasks: Int? = nil) {
        let configs = (0..<count).map { i in
            AgentConfig(id: AgentID("agent-\(i)"), name: "agent \(i)", url: "http://127.0.0.1:\(20000 + i)")
        }
        var config = DeckConfig(agents: configs, maxFinishedTasks: maxFinishedTasks)
        if let maxTasks { config.maxTasks = maxTasks }
        state = DeckState(config: config)
        agents = configs.map(\.id)
    }

    /// Every agent answers its first card poll with a real captured card (streaming, skills).
    mutating func giveCards(now: Date) throws {
        let url = Capture.fixturesDirectory().appendingPathComponent("helloworld-card.json")
        let bytes = Array(try Data(contentsOf: url))
        guard case .success(let card) = A2ACodec.decodeCard(bytes) else { throw BenchError("helloworld-card.json does not decode") }
        for (i, agent) in agents.enumerated() {
            let endpoint = Endpoint(url: "http://127.0.0.1:\(20000 + i)/", dialect: i % 2 == 0 ? .v1 : .v03)
            _ = state.update(.card(agent, .fetched(card, endpoint: endpoint, etag: nil, latency: 0.004)), now: now)
        }
    }

    /// What `dispatch` leaves: a selected-agnostic placeholder row and a stream request in flight.
    mutating func openStream(on agent: AgentID, number: Int, now: Date) -> RequestTag {
        let tag = RequestTag(nextTag)
        nextTag += 1
        let key = TaskKey(agentID: agent, taskID: "pending-bench-\(number)")
        state.addTask(TaskEntry(key: key, origin: .dispatched, isPlaceholder: true, requestText: "steps=3", now: now))
        state.requests[tag] = PendingRequest(agentID: agent, purpose: .dispatch(key), isStream: true)
        _ = state.update(.streamOpened(tag), now: now)
        return tag
    }
}
