import Foundation

/// Deadlines that came due: card polls, list polls, task polls, reconnects.
extension DeckState {
    mutating func fireDueDeadlines(now: Date) -> [Command] {
        // Oldest first, ties in a fixed order: the same state and time give the same commands.
        let due = deadlines.filter { $0.value <= now }
            .sorted { a, b in a.value != b.value ? a.value < b.value : String(describing: a.key) < String(describing: b.key) }
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

    mutating func schedulePoll(_ key: TaskKey, now: Date) {
        deadlines[.taskPoll(key)] = now.addingTimeInterval(config.taskPollInterval)
    }

    mutating func scheduleListPoll(_ id: AgentID, now: Date) {
        guard let interval = config.listPollInterval else { return }
        deadlines[.listPoll(id)] = now.addingTimeInterval(interval)
    }
}
