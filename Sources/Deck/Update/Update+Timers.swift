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

    /// True when every deadline due at `now` is a card or list poll: firing them only sends
    /// requests, which the screen does not show (their answers may change it, when they come).
    func dueDeadlinesOnlyPoll(now: Date) -> Bool {
        deadlines.allSatisfy { deadline, due in
            guard due <= now else { return true }
            switch deadline {
            case .cardPoll, .listPoll: return true
            case .taskPoll, .reconnect: return false
            }
        }
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
        deadlines[.listPoll(id)] = now.addingTimeInterval(Self.listPollDelay(interval: interval, quietPolls: agents[id]?.quietListPolls ?? 0))
    }

    /// The wait before the next ListTasks: the configured interval while the agent has active
    /// tasks, doubling with each quiet answer up to `listPollQuietCap` (or the interval, when
    /// longer). An idle fleet of 100 agents asked 8 lists a second at 10 s; a task started
    /// elsewhere on a quiet agent is now seen within 40 s instead of 10 s. Any active task in an
    /// answer, a dispatch to the agent or a refresh (`r`) brings it back to the interval.
    static func listPollDelay(interval: TimeInterval, quietPolls: Int) -> TimeInterval {
        let backedOff = interval * Double(1 << min(max(0, quietPolls), 8))
        return min(backedOff, max(interval, listPollQuietCap))
    }

    static let listPollQuietCap: TimeInterval = 40

    /// Something happened on the agent: discovery goes back to its interval from now.
    mutating func resetListBackoff(_ id: AgentID, now: Date) {
        guard let index = agents.index(forKey: id), agents.values[index].quietListPolls != 0 else { return }
        agents.values[index].quietListPolls = 0
        if let interval = config.listPollInterval, let due = deadlines[.listPoll(id)], due > now.addingTimeInterval(interval) {
            deadlines[.listPoll(id)] = now.addingTimeInterval(interval)
        }
    }
}
