import Foundation

/// Deadlines that came due: card polls, list polls, task polls, reconnects.
extension DeckState {
    mutating func fireDueDeadlines(now: Date) -> [Command] {
        // Oldest first, ties in a fixed order: the same state and time give the same commands.
        let due = deadlines.filter { $0.value <= now }
            .sorted { a, b in a.value != b.value ? a.value < b.value : Self.firesBefore(a.key, b.key) }
        var out: [Command] = []
        for (deadline, _) in due {
            deadlines[deadline] = nil
            switch deadline {
            case .cardPoll(let id):
                if let entry = agents[id] { out.append(.fetchCard(id, ifNoneMatch: entry.etag)) }
            case .listPoll(let id):
                if let list = listPollCommand(id) { out.append(list) }
            case .taskPoll(let key):
                guard let entry = tasks[key], !entry.state.isTerminal || entry.isCancelRequested else { continue }
                let tag = makeTag()
                requests[tag] = PendingRequest(agentID: key.agentID, purpose: .poll(key), isStream: false)
                out.append(.call(key.agentID, .get(taskID: key.taskID, historyLength: nil), tag: tag))
            case .reconnect(let key):
                out += reconcile(key)
            }
        }
        return out
    }

    /// The order of deadlines due at the same instant: by kind (card, list, reconnect, task
    /// poll), then agent, then task. It used to compare `String(describing:)` of each, which goes
    /// through reflection: with 100 agents whose polls come due together, that sort was an
    /// eighth of an idle dashboard's CPU.
    static func firesBefore(_ a: Deadline, _ b: Deadline) -> Bool {
        let (x, y) = (orderKey(a), orderKey(b))
        if x.kind != y.kind { return x.kind < y.kind }
        if x.agent != y.agent { return x.agent < y.agent }
        return x.task < y.task
    }

    private static func orderKey(_ deadline: Deadline) -> (kind: Int, agent: String, task: String) {
        switch deadline {
        case .cardPoll(let id): (0, id.rawValue, "")
        case .listPoll(let id): (1, id.rawValue, "")
        case .reconnect(let key): (2, key.agentID.rawValue, key.taskID)
        case .taskPoll(let key): (3, key.agentID.rawValue, key.taskID)
        }
    }

    mutating func schedulePoll(_ key: TaskKey, now: Date) {
        deadlines[.taskPoll(key)] = now.addingTimeInterval(config.taskPollInterval)
    }

    mutating func scheduleListPoll(_ id: AgentID, now: Date) {
        guard let interval = config.listPollInterval else { return }
        deadlines[.listPoll(id)] = now.addingTimeInterval(interval)
    }
}
