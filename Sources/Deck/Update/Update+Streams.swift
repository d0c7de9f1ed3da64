import A2A
import Foundation

/// Stream lifecycle: opened, events, ended (with reconciliation and backoff when it ended early).
extension DeckState {
    static let backoff = Backoff()

    mutating func handleStreamOpened(_ tag: RequestTag, now: Date) -> [Command] {
        guard let key = requests[tag]?.purpose.taskKey, tasks[key] != nil else { return [] }
        tasks[key]?.stream = .live
        return []
    }

    mutating func handleStreamEvent(_ tag: RequestTag, _ event: StreamEvent, now: Date) -> [Command] {
        guard let pending = requests[tag], let key = pending.purpose.taskKey else { return [] }
        let newKey = fold(event, into: key, now: now)
        // One lookup, and writes only when something changes (each `tasks[key]?.x = …` hashes the
        // key again; this runs for every event of every stream).
        guard let index = tasks.index(forKey: newKey) else { return [] }
        if tasks.values[index].stream != .live { tasks.values[index].stream = .live }
        if tasks.values[index].reconnectAttempts != 0 { tasks.values[index].reconnectAttempts = 0 }
        // Through the index, not `agents[id]?.…`: that copies the whole agent entry.
        if pending.agentID == newKey.agentID, let agent = agents.index(forKey: pending.agentID),
            agents.values[agent].consecutiveCallFailures != 0
        {
            noteCall(on: pending.agentID, failed: false, now: now)
        }
        return []
    }

    mutating func handleStreamEnded(_ tag: RequestTag, _ end: StreamEnd, now: Date) -> [Command] {
        guard let pending = requests.removeValue(forKey: tag), let key = pending.purpose.taskKey,
            let entry = tasks[key]
        else { return [] }
        if case .failed(let f) = end, case .transport = f {
            noteCall(on: pending.agentID, failed: true, now: now)
            pollCardSoon(pending.agentID, now: now)
        }

        // Ended where a stream should end: finished, or paused for a human.
        if entry.state.isTerminal || entry.state.isInterrupted {
            tasks[key]?.stream = .ended
            tasks[key]?.reconnectAttempts = 0
            if case .failed(let f) = end, case .reply = pending.purpose {
                // The answer never got through: the task still waits for it.
                tasks[key]?.lastError = f.summary
                showError("reply not delivered: \(f.summary)", now: now)
            } else if entry.state.isInterrupted {
                showInfo("\(key.taskID) on \(agents[key.agentID]?.displayName ?? "?") needs \(entry.state.name)", now: now)
            }
            return []
        }
        // The agent never named the task: there is nothing to reconcile with.
        if entry.isPlaceholder {
            let why: String
            if case .failed(let f) = end { why = f.summary } else { why = "stream closed before the agent named the task" }
            failLocally(key, why, now: now)
            showError("send failed: \(why)", now: now)
            return []
        }
        if case .failed(let f) = end {
            switch f.rpcMeaning {
            case .taskNotFound?:
                tasks[key]?.stream = .ended
                tasks[key]?.lastError = f.summary
                return []
            case .unsupportedOperation?, .methodNotFound?, .streamingNotSupported?:
                // This agent will not stream the task: poll it instead.
                tasks[key]?.stream = .ended
                tasks[key]?.isPolled = true
                schedulePoll(key, now: now)
                return []
            default:
                tasks[key]?.lastError = f.summary
            }
        }
        return scheduleReconnect(key, because: nil, now: now)
    }

    /// Dropped early: reconcile at once the first time, then after growing delays, then give up.
    @discardableResult
    mutating func scheduleReconnect(_ key: TaskKey, because why: String?, now: Date) -> [Command] {
        guard let entry = tasks[key] else { return [] }
        let attempt = entry.reconnectAttempts + 1
        if let why { tasks[key]?.lastError = why }
        guard attempt <= Self.backoff.maxAttempts else {
            tasks[key]?.stream = .ended
            tasks[key]?.lastError = "stream lost; gave up after \(Self.backoff.maxAttempts) attempts"
            return []
        }
        tasks[key]?.reconnectAttempts = attempt
        tasks[key]?.stream = .reconnecting(attempt: attempt)
        if attempt == 1 { return reconcile(key) }
        deadlines[.reconnect(key)] = now.addingTimeInterval(Self.backoff.delay(attempt: attempt - 1, unit: ids.unit()))
        return []
    }
}
