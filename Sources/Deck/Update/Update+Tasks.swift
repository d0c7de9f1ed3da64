import A2A
import Foundation

/// Starting and steering tasks: dispatch, reply, cancel, attach, subscribe.
extension DeckState {
    /// A new task: shown at once as a pending row (selected), streamed when the card says the agent
    /// streams, else sent non-blocking and polled.
    mutating func dispatch(to agent: AgentID, skill: String?, text: String, now: Date) -> [Command] {
        guard let entry = agents[agent] else { return [] }
        guard !isReadOnly(agent) else {
            showError(ReadOnlyPolicy.refusal(for: entry.displayName, global: config.readOnly), now: now)
            return []
        }
        guard entry.health != .grpcOnly else {
            showError("\(entry.displayName) speaks only gRPC: nothing can be sent to it from here", now: now)
            return []
        }
        // A task of ours may start others there: discovery back to its interval.
        resetListBackoff(agent, now: now)
        // 0.1 agents expect the client to choose the task id; others name it in their first event.
        let clientChosenID = entry.dialect == .v01
        let taskID = clientChosenID ? ids.uuid() : makePlaceholderID()
        let key = TaskKey(agentID: agent, taskID: taskID)
        var task = TaskEntry(
            key: key, origin: .dispatched, isPlaceholder: !clientChosenID, skillID: skill, requestText: text, now: now)
        let message = Message(
            messageID: ids.uuid(), taskID: clientChosenID ? taskID : nil, role: .user, parts: [.text(text)])
        let tag = makeTag()
        let command: Command
        if entry.supportsStreaming {
            task.stream = .live
            command = .stream(agent, .stream(SendParams(message: message, skillID: skill)), tag: tag)
        } else {
            task.isPolled = true
            command = .call(agent, .send(SendParams(message: message, skillID: skill, blocking: false)), tag: tag)
        }
        requests[tag] = PendingRequest(agentID: agent, purpose: .dispatch(key), isStream: entry.supportsStreaming)
        tasks[key] = task
        taskOrder.markChanged(key, task)
        // Make sure the new row is visible and selected.
        if let scope = ui.agentScope, scope != agent { ui.agentScope = nil }
        ui.selectedTask = key
        if ui.focus == .agents { ui.focus = .tasks }
        showInfo("sent to \(entry.displayName)", now: now)
        return [command]
    }

    /// A follow-up on an interrupted task: the SAME taskId and contextId (a2a-sdk invents a new
    /// context when only the task id is sent).
    mutating func reply(to key: TaskKey, text: String, now: Date) -> [Command] {
        guard let entry = tasks[key], let agent = agents[key.agentID] else {
            showError("task \(key.taskID) is gone", now: now)
            return []
        }
        guard !isReadOnly(key.agentID) else {
            showError(ReadOnlyPolicy.refusal(for: agent.displayName, global: config.readOnly), now: now)
            return []
        }
        guard entry.acceptsReply else {
            showError("task \(key.taskID) is \(entry.state.name), not waiting for input", now: now)
            return []
        }
        let message = Message(
            messageID: ids.uuid(), contextID: entry.contextID, taskID: key.taskID, role: .user, parts: [.text(text)])
        let tag = makeTag()
        let streaming = agent.supportsStreaming
        requests[tag] = PendingRequest(agentID: key.agentID, purpose: .reply(key), isStream: streaming)
        tasks[key]?.lastError = nil
        tasks[key]?.reconnectAttempts = 0
        if streaming {
            tasks[key]?.stream = .live
            showInfo("reply sent to \(key.taskID)", now: now)
            return [.stream(key.agentID, .stream(SendParams(message: message)), tag: tag)]
        }
        tasks[key]?.isPolled = true
        showInfo("reply sent to \(key.taskID)", now: now)
        return [.call(key.agentID, .send(SendParams(message: message, blocking: false)), tag: tag)]
    }

    /// After `y`: ask the agent to cancel. The row says "cancel requested" until it reports canceled.
    mutating func confirmCancel(_ key: TaskKey, now: Date) -> [Command] {
        guard let entry = tasks[key], entry.isCancelable else {
            showError("task \(key.taskID) cannot be canceled now", now: now)
            return []
        }
        guard !isReadOnly(key.agentID) else {
            showError(ReadOnlyPolicy.refusal(for: agents[key.agentID]?.displayName, global: config.readOnly), now: now)
            return []
        }
        tasks[key]?.cancel = .requested(at: now)
        let tag = makeTag()
        requests[tag] = PendingRequest(agentID: key.agentID, purpose: .cancel(key), isStream: false)
        showInfo("cancel requested for \(key.taskID)", now: now)
        return [.call(key.agentID, .cancel(taskID: key.taskID), tag: tag)]
    }

    /// `:attach ID`: get the task, then subscribe while it runs. The row appears with the answer.
    mutating func attach(agent: AgentID, taskID: String, now: Date) -> [Command] {
        let key = TaskKey(agentID: agent, taskID: taskID)
        if tasks[key] != nil {
            ui.selectedTask = key
            showInfo("already following \(taskID)", now: now)
            return []
        }
        let tag = makeTag()
        requests[tag] = PendingRequest(agentID: agent, purpose: .attach(key), isStream: false)
        showInfo("attaching to \(taskID)…", now: now)
        return [.call(agent, .get(taskID: taskID, historyLength: nil), tag: tag)]
    }

    /// Follows a running task's events, unless a stream already does.
    mutating func subscribe(_ key: TaskKey) -> [Command] {
        guard tasks[key] != nil, streamTag(for: key) == nil else { return [] }
        let tag = makeTag()
        requests[tag] = PendingRequest(agentID: key.agentID, purpose: .subscribe(key), isStream: true)
        tasks[key]?.stream = .live
        return [.stream(key.agentID, .subscribe(taskID: key.taskID), tag: tag)]
    }

    /// A get that reconciles after a dropped stream (then subscribes if still active).
    mutating func reconcile(_ key: TaskKey) -> [Command] {
        guard tasks[key] != nil else { return [] }
        let tag = makeTag()
        requests[tag] = PendingRequest(agentID: key.agentID, purpose: .reconcile(key), isStream: false)
        return [.call(key.agentID, .get(taskID: key.taskID, historyLength: nil), tag: tag)]
    }

    /// A selected task discovered without its history (see `historyLeftOut`) gets it fetched,
    /// once. Checked after every update: one lookup, whatever moved the selection.
    mutating func fetchHistoryOfSelectedTask() -> [Command] {
        guard let key = ui.selectedTask, let entry = tasks[key], entry.historyLeftOut else { return [] }
        tasks[key]?.historyLeftOut = false
        let tag = makeTag()
        requests[tag] = PendingRequest(agentID: key.agentID, purpose: .history(key), isStream: false)
        return [.call(key.agentID, .get(taskID: key.taskID, historyLength: nil), tag: tag)]
    }

    /// The placeholder row takes the id the agent gave. Returns the key the task now lives under.
    mutating func adopt(realID: String, contextID: String?, for key: TaskKey) -> TaskKey {
        // Cheap checks first: this runs for every event of every stream.
        guard realID != key.taskID, TaskKey.isUsable(taskID: realID), let index = tasks.index(forKey: key),
            tasks.values[index].isPlaceholder
        else { return key }
        let newKey = TaskKey(agentID: key.agentID, taskID: realID).freshCopy()  // kept long (see `FreshCopy`)
        // Taken out, not copied: the entry is then the only owner of its box, and the writes below
        // do not copy its fields.
        var entry = tasks.remove(at: index).value
        if var existing = tasks[newKey] {
            // A list poll found it first: keep its data, but it is ours.
            existing.origin = .dispatched
            existing.requestText = existing.requestText ?? entry.requestText
            existing.skillID = existing.skillID ?? entry.skillID
            existing.createdAt = min(existing.createdAt, entry.createdAt)
            existing.stream = entry.stream
            existing.isPolled = existing.isPolled || entry.isPolled
            tasks[newKey] = existing
            recordFinishedFirstSeenByDiscovery(existing, placeholder: entry)
            taskOrder.markChanged(key, nil)
            forgetInIndexes(key, wasFinished: entry.state.isTerminal)
        } else {
            let wasFinished = entry.state.isTerminal
            entry.key = newKey
            entry.accumulator = TaskAccumulator(taskID: realID, contextID: contextID)
            entry.isPlaceholder = false
            tasks[newKey] = entry
            // The row keeps its place in the pane's index under its new name (no slot freed and
            // another taken, no count moved: the agent and, until the event is folded, the state
            // are the same).
            if !taskOrder.rename(key, to: newKey, task: entry) { taskOrder.markChanged(key, nil) }
            forgetInIndexes(key, wasFinished: wasFinished)
        }
        requests.rekey(key, to: newKey)
        if !deadlines.isEmpty {
            if let at = deadlines.removeValue(forKey: .taskPoll(key)) { deadlines[.taskPoll(newKey)] = at }
            if let at = deadlines.removeValue(forKey: .reconnect(key)) { deadlines[.reconnect(newKey)] = at }
        }
        noteFinishedState(newKey)
        if ui.selectedTask == key { ui.selectedTask = newKey }
        return newKey
    }

    /// `noteFinishedState` for a key that no longer names a task, minus the order index (the
    /// caller renamed or removed its slot): a placeholder that never finished (nearly all) is in
    /// none of the finished indexes, and holds no artifact bytes.
    private mutating func forgetInIndexes(_ key: TaskKey, wasFinished: Bool) {
        if wasFinished {
            finishedTasks.note(key, finishedAt: nil)
            packing.unpacked.note(key, finishedAt: nil)
        }
        if liveArtifacts.bytes(of: key) != 0 { liveArtifacts.set(key, bytes: 0) }
    }

    /// Folds one agent event into a task, adopting the real id first if it is a placeholder.
    /// Returns the task's key afterwards.
    @discardableResult
    mutating func fold(_ event: StreamEvent, into key: TaskKey, now: Date) -> TaskKey {
        var key = key
        // The id compared here first: most events name the task they are folded into, and then
        // there is nothing to adopt (nor a context id to copy out of the event for it).
        if let id = event.taskID, !id.isEmpty, id != key.taskID {
            key = adopt(realID: id, contextID: Self.contextID(of: event), for: key)
        }
        // Mutated in place through the dictionary: a copy taken out and written back would share
        // the task's arrays and make every artifact chunk copy the whole artifact list.
        guard let index = tasks.index(forKey: key) else { return key }
        let wasTerminal = tasks.values[index].state.isTerminal
        let bytesBefore = wasTerminal ? 0 : tasks.values[index].artifactByteCount
        tasks.values[index].heardFromAgent = true
        if case .message(let m) = event, tasks.values[index].isPlaceholder, m.taskID == nil {
            // The agent answered with a message and made no task: the exchange is complete.
            let done = StatusUpdate(
                taskID: key.taskID, contextID: m.contextID, status: TaskStatus(state: .completed, message: m), isFinal: true)
            tasks.values[index].apply(.status(done), now: now)
        } else if !wasTerminal, case .artifact(let update) = event,
                  !Self.admits(update, of: key, entry: tasks.values[index], budget: liveArtifacts, limit: config.liveArtifactByteLimit) {
            tasks.values[index].refuseParts(of: update, now: now)
        } else {
            tasks.values[index].apply(event, now: now)
        }
        // Only a running task's bytes count; most events change none (no lookup then).
        if !wasTerminal || !tasks.values[index].state.isTerminal {
            noteLiveArtifactBytes(key, tasks.values[index], before: wasTerminal ? -1 : bytesBefore)
        }
        taskOrder.markChanged(key, tasks.values[index])
        if !wasTerminal, tasks.values[index].state.isTerminal {
            taskFinishedSinceRetention = true
            recordFinished(tasks.values[index])
            // Finished, by whatever told us (a get, a list poll): no stream is coming back for it.
            if case .reconnecting = tasks.values[index].stream {
                tasks.values[index].stream = .ended
                tasks.values[index].reconnectAttempts = 0
                deadlines[.reconnect(key)] = nil
            }
        }
        if wasTerminal || tasks.values[index].state.isTerminal { noteFinishedState(key) }
        return key
    }

    /// Marks a task that never reached the agent (or that we lost) as failed, locally.
    mutating func failLocally(_ key: TaskKey, _ why: String, now: Date) {
        guard var entry = tasks[key] else { return }
        taskFinishedSinceRetention = true
        entry.lastError = why
        entry.stream = .ended
        // Never reached the agent (or it never said a word): nothing else will ever finish it.
        if entry.isPlaceholder || !entry.heardFromAgent {
            let failed = StatusUpdate(
                taskID: key.taskID, status: TaskStatus(state: .failed, message: nil), isFinal: true)
            let wasTerminal = entry.state.isTerminal
            entry.apply(.status(failed), now: now)
            if !wasTerminal { recordFinished(entry) }
        }
        tasks[key] = entry
        noteFinishedState(key)
    }

    static func contextID(of event: StreamEvent) -> String? {
        switch event {
        case .task(let t): t.contextID
        case .message(let m): m.contextID
        case .status(let s): s.contextID
        case .artifact(let a): a.contextID
        }
    }
}
