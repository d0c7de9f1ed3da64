import A2A
import Foundation

/// Answers to `call` commands, routed by the purpose recorded with their tag.
extension DeckState {
    mutating func handleResult(_ tag: RequestTag, _ result: Result<A2AResult, CallFailure>, now: Date) -> [Command] {
        // Unknown tag: a request for a task dropped since, or a duplicate. Nothing to do.
        guard let pending = requests.removeValue(forKey: tag) else { return [] }
        switch result {
        case .success: noteCall(on: pending.agentID, failed: false, now: now)
        case .failure(let f):
            // An agent that answers with an error object is alive; count transport failures only.
            if case .transport = f { noteCall(on: pending.agentID, failed: true, now: now) }
        }
        switch pending.purpose {
        case .dispatch(let key), .reply(let key): return handleSendResult(key, result, now: now)
        case .cancel(let key): return handleCancelResult(key, result, now: now)
        case .reconcile(let key): return handleReconcileResult(key, result, now: now)
        case .poll(let key): return handlePollResult(key, result, now: now)
        case .attach(let key): return handleAttachResult(key, result, now: now)
        case .subscribe(let key):
            // Subscribe is a stream; a plain result means the runtime answered it as a call.
            if case .success(.task(let t)) = result { fold(.task(t), into: key, now: now) }
            return []
        case .list(let agent): return handleListResult(agent, result, now: now)
        case .history(let key): return handleHistoryResult(key, result, now: now)
        }
    }

    /// The history a list left out: folded in (a snapshot adds what is missing, never removes).
    mutating func handleHistoryResult(_ key: TaskKey, _ result: Result<A2AResult, CallFailure>, now: Date) -> [Command] {
        switch result {
        case .success(.task(let t)):
            fold(.task(t), into: key, now: now)
        case .success:
            break
        case .failure(let f):
            // Not retried by itself (the check runs on every update while the task is selected):
            // the detail says why the history is missing.
            tasks[key]?.lastError = "history: \(f.summary)"
        }
        return []
    }

    /// A non-streaming send (dispatch or reply): the task (poll it while it runs) or a message.
    mutating func handleSendResult(_ key: TaskKey, _ result: Result<A2AResult, CallFailure>, now: Date) -> [Command] {
        switch result {
        case .success(.task(let t)):
            let key = fold(.task(t), into: key, now: now)
            if let entry = tasks[key], entry.state.isActive { schedulePoll(key, now: now) }
        case .success(.message(let m)):
            fold(.message(m), into: key, now: now)
        case .success(.taskPage):
            failLocally(key, "agent answered a send with a task list", now: now)
        case .failure(let f):
            failLocally(key, f.summary, now: now)
            showError("send failed: \(f.summary)", now: now)
        }
        return []
    }

    mutating func handleCancelResult(_ key: TaskKey, _ result: Result<A2AResult, CallFailure>, now: Date) -> [Command] {
        switch result {
        case .success(.task(let t)):
            fold(.task(t), into: key, now: now)
            // Still running and nothing streams it: poll until the agent reports canceled.
            if let entry = tasks[key], entry.isCancelRequested, streamTag(for: key) == nil {
                schedulePoll(key, now: now)
            }
        case .success:
            break
        case .failure(let f):
            tasks[key]?.cancel = .refused(f.summary)
            tasks[key]?.lastError = f.summary
            showError("cancel refused: \(f.summary)", now: now)
        }
        return []
    }

    /// After a stream dropped: the task as it is now, then a new subscription if it still runs.
    mutating func handleReconcileResult(_ key: TaskKey, _ result: Result<A2AResult, CallFailure>, now: Date) -> [Command] {
        switch result {
        case .success(.task(let t)):
            let key = fold(.task(t), into: key, now: now)
            guard let entry = tasks[key] else { return [] }
            if entry.state.isActive || entry.state.stateClass == .unknown {
                return subscribe(key)
            }
            tasks[key]?.stream = .ended
            tasks[key]?.reconnectAttempts = 0
        case .success:
            tasks[key]?.stream = .ended
        case .failure(let f):
            if f.rpcMeaning == .taskNotFound {
                tasks[key]?.stream = .ended
                tasks[key]?.lastError = f.summary
            } else {
                return scheduleReconnect(key, because: f.summary, now: now)
            }
        }
        return []
    }

    mutating func handlePollResult(_ key: TaskKey, _ result: Result<A2AResult, CallFailure>, now: Date) -> [Command] {
        switch result {
        case .success(.task(let t)):
            let key = fold(.task(t), into: key, now: now)
            if let entry = tasks[key], entry.state.isActive || (entry.isCancelRequested && !entry.state.isTerminal) {
                schedulePoll(key, now: now)
            }
        case .success:
            break
        case .failure(let f):
            tasks[key]?.lastError = f.summary
            if f.rpcMeaning != .taskNotFound { schedulePoll(key, now: now) }
        }
        return []
    }

    mutating func handleAttachResult(_ key: TaskKey, _ result: Result<A2AResult, CallFailure>, now: Date) -> [Command] {
        switch result {
        case .success(.task(let t)):
            // Kept long if new: not in the decoder's heap (see `FreshCopy`).
            let key = TaskKey(agentID: key.agentID, taskID: TaskKey.isUsable(taskID: t.id) ? t.id : key.taskID).freshCopy()
            if tasks[key] == nil {
                guard unfinishedTaskCount < config.maxTasks else {
                    showError("attach: already following \(unfinishedTaskCount) tasks", now: now)
                    return []
                }
                tasks[key] = TaskEntry(key: key, origin: .attached, contextID: t.contextID.map(FreshCopy.of), now: now)
            }
            fold(.task(t), into: key, now: now)
            ui.selectedTask = key
            showInfo("following \(key.taskID)", now: now)
            if let entry = tasks[key], entry.state.isActive || entry.state.stateClass == .unknown {
                return subscribe(key)
            }
        case .success:
            showError("attach: the agent did not answer with a task", now: now)
        case .failure(let f):
            showError("attach \(key.taskID): \(f.summary)", now: now)
        }
        return []
    }

    /// The tasks of a list answer discovery reads (one page's worth, ids we key by), with their keys.
    static func listedTasks(_ page: TaskPage, on agent: AgentID) -> some Sequence<(A2ATask, TaskKey)> {
        page.tasks.prefix(listPageSize).lazy.filter { TaskKey.isUsable(taskID: $0.id) }
            .map { ($0, TaskKey(agentID: agent, taskID: $0.id)) }
    }

    /// A listed task discovery leaves whole: known, and followed by a stream (fresher than a list).
    func listSkips(_ key: TaskKey) -> Bool { tasks[key] != nil && streamTag(for: key) != nil }

    /// Discovery: unknown tasks join as "discovered"; running ones get a subscription.
    mutating func handleListResult(_ agent: AgentID, _ result: Result<A2AResult, CallFailure>, now: Date) -> [Command] {
        var out: [Command] = []
        switch result {
        case .success(.taskPage(let page)):
            listedTasks.count += page.tasks.count
            var tookEveryTask = true
            for (t, key) in Self.listedTasks(page, on: agent) {
                if tasks[key] == nil {
                    guard unfinishedTaskCount < config.maxTasks else {
                        tookEveryTask = false
                        continue
                    }
                    let key = key.freshCopy()  // kept long: not in the decoder's heap (see `FreshCopy`)
                    tasks[key] = TaskEntry(key: key, origin: .discovered, contextID: t.contextID.map(FreshCopy.of), now: now)
                    fold(.task(t), into: key, now: now)
                    if let entry = tasks[key], entry.state.isActive {
                        out += subscribe(key)
                    } else if t.history.isEmpty {
                        tasks[key]?.historyLeftOut = true
                    }
                } else if !listSkips(key) {
                    // Not streamed: the list is our freshest view of it.
                    fold(.task(t), into: key, now: now)
                }
            }
            if let index = agents.index(forKey: agent) {
                let active = page.tasks.contains { $0.status.state.isActive || $0.status.state.isInterrupted }
                agents.values[index].quietListPolls = active ? 0 : agents.values[index].quietListPolls + 1
                agents.values[index].listWatermark.note(page.tasks.prefix(Self.listPageSize), tookEveryTask: tookEveryTask)
            }
            scheduleListPoll(agent, now: now)
        case .success:
            scheduleListPoll(agent, now: now)
        case .failure(let f):
            if f.rpcMeaning == .methodNotFound || f.rpcMeaning == .unsupportedOperation {
                agents[agent]?.listUnsupported = true
            } else {
                // Rejected the status-time filter: ask it for the newest page whole from now on.
                if f.rpcMeaning == .invalidParams, agents[agent]?.listWatermark.filter != nil {
                    agents[agent]?.listWatermark.giveUp()
                }
                scheduleListPoll(agent, now: now)
            }
        }
        return out
    }
}
