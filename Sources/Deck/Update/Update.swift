import A2A
import Foundation

/// `update(state, msg, now) -> [Command]`: the dashboard's only state transition. Pure: no I/O, no
/// clock (time is `now`), no randomness (the state's seeded generator).
public func update(_ state: inout DeckState, _ msg: Msg, now: Date) -> [Command] {
    state.update(msg, now: now)
}

/// What one `update` did: the commands to run, and whether the view model may show something
/// new. `changesView` false is a promise: the view model at the same instant is what it was
/// before the message (an uneventful card poll, a timer that only sent polls), so a frame for
/// it would be the frame already drawn. Time passing changes the view on its own (ages, health
/// interval boundaries): that is the runtime's to redraw for, not this flag's.
public struct UpdateEffect: Sendable {
    public var commands: [Command]
    public var changesView: Bool
}

extension DeckState {
    public mutating func update(_ msg: Msg, now: Date) -> [Command] {
        updateReportingView(msg, now: now).commands
    }

    /// `update`, also saying whether the view may have changed (see `UpdateEffect`).
    public mutating func updateReportingView(_ msg: Msg, now: Date) -> UpdateEffect {
        resyncFinishedTasksIfChangedOutside()
        if taskOrder.tasksChangedOutside { taskOrder.invalidate() }
        let taskCountBefore = tasks.count
        let selectedBefore = ui.selectedTask
        let (statusBefore, selectedAgentBefore) = (ui.status, ui.selectedAgent)
        // Only messages known to leave the screen alone say so; everything else may change it.
        var quiet = false
        var out: [Command]
        switch msg {
        case .start: out = startPolling(now: now)
        case .tick:
            quiet = dueDeadlinesOnlyPoll(now: now)
            out = fireDueDeadlines(now: now)
        case .key(let key): out = handleKey(key, now: now)
        case .paste(let text): out = handlePaste(text)
        case .resize(let size):
            ui.size = size
            keepSelectionsVisible(now: now)
            out = []
        case .card(let agent, let outcome):
            let quietBefore = quietPollFace(agent, outcome, now: now)
            out = handleCard(agent, outcome, now: now)
            quiet = quietBefore != nil && out.isEmpty && quietBefore == agents[agent].map(QuietPollFace.init)
        case .endpoint(let agent, let endpoint):
            agents[agent]?.endpoint = endpoint
            // The ladder may have found V1 after all: discovery applies from now on.
            out = deadlines[.listPoll(agent)] == nil ? listPollCommand(agent).map { [$0] } ?? [] : []
        case .result(let tag, let result): out = handleResult(tag, result, now: now)
        case .streamOpened(let tag): out = handleStreamOpened(tag, now: now)
        case .streamEvent(let tag, let event): out = handleStreamEvent(tag, event, now: now)
        case .streamEnded(let tag, let end): out = handleStreamEnded(tag, end, now: now)
        case .local(let outcome): out = handleLocal(outcome, now: now)
        case .pointer(let action): out = handlePointer(action, now: now)
        }
        // Retention scans every task: only when a task was added or finished, or the selection
        // (which retention spares) moved.
        if tasks.count > taskCountBefore || taskFinishedSinceRetention || ui.selectedTask != selectedBefore {
            taskFinishedSinceRetention = false
            out += applyRetention()
        }
        // After retention, so that tasks about to be dropped are not packed first.
        packOldFinishedTasks()
        repairSelection(tasksChanged: tasks.count != taskCountBefore, now: now)
        out += fetchHistoryOfSelectedTask()
        if let status = ui.status, !status.isVisible(at: now) { ui.status = nil }
        finishedTasks.taskCountSeen = tasks.count
        taskOrder.settle(tasks, sort: ui.sort)
        let allowed = enforceReadOnly(out, now: now)
        let screenStateMoved = ui.status != statusBefore || ui.selectedAgent != selectedAgentBefore
            || ui.selectedTask != selectedBefore || tasks.count != taskCountBefore
        return UpdateEffect(commands: allowed, changesView: !quiet || screenStateMoved)
    }

    /// The last gate (see `ReadOnlyPolicy`).
    mutating func enforceReadOnly(_ commands: [Command], now: Date) -> [Command] {
        guard !commands.isEmpty else { return commands }  // most updates (stream events) command nothing
        let (allowed, dropped) = ReadOnlyPolicy.filter(commands, in: self)
        if let first = dropped.first {
            let name = first.agentID.flatMap { agents[$0]?.displayName }
            showError(ReadOnlyPolicy.refusal(for: name, global: config.readOnly), now: now)
        }
        return allowed
    }

    // MARK: status line

    mutating func showInfo(_ text: String, now: Date) {
        ui.status = StatusLine(text: text, kind: .info, expiresAt: now.addingTimeInterval(config.statusLineDuration))
    }

    mutating func showError(_ text: String, now: Date) {
        // Errors stay twice as long: they are what the operator must not miss.
        ui.status = StatusLine(text: text, kind: .error, expiresAt: now.addingTimeInterval(2 * config.statusLineDuration))
    }

    // MARK: housekeeping

    /// Drops finished tasks beyond the configured bound, and anything still attached to them.
    mutating func applyRetention() -> [Command] {
        // The index, not a scan of every task: this runs each time a task is added or finishes.
        let spared = ui.selectedTask.map(finishedTasks.contains) == true ? 1 : 0
        let excess = finishedTasks.count - spared - max(0, config.maxFinishedTasks)
        guard excess > 0 else { return [] }
        let drop = finishedTasks.removeOldest(excess, sparing: ui.selectedTask)
        guard !drop.isEmpty else { return [] }
        packing.released += drop.count
        for key in drop {
            tasks[key] = nil
            taskOrder.markChanged(key, nil)
            packing.unpacked.note(key, finishedAt: nil)
            deadlines[.taskPoll(key)] = nil
            deadlines[.reconnect(key)] = nil
        }
        return dropRequests(tags: drop.flatMap(requests.tags(for:)))
    }

    /// Forgets the requests `matching` says, closing their streams. Only the matching few are
    /// sorted (in tag order, so commands come out the same every run); answers that still arrive
    /// find no tag and are ignored.
    mutating func dropRequests(matching: (PendingRequest) -> Bool) -> [Command] {
        dropRequests(tags: requests.compactMap { matching($0.value) ? $0.key : nil })
    }

    /// Forgets the requests with these tags (see `dropRequests(matching:)`).
    mutating func dropRequests(tags: [RequestTag]) -> [Command] {
        var out: [Command] = []
        for tag in tags.sorted() {
            guard let pending = requests.removeValue(forKey: tag) else { continue }
            if pending.isStream { out.append(.cancelStream(tag)) }
        }
        return out
    }

    /// A selection that points at a task that is gone moves to the first visible row; with no
    /// selection, the first task to appear gets it. (Not re-sorted on every event: that would
    /// cost a sort per stream event while a filter hides everything.)
    mutating func repairSelection(tasksChanged: Bool, now: Date) {
        // `index(forKey:)`, not `agents[$0] == nil`: that copies the whole agent entry, every update.
        if ui.selectedAgent.map({ agents.index(forKey: $0) == nil }) ?? true { ui.selectedAgent = agentOrder.first }
        let needed: Bool
        if let key = ui.selectedTask {
            needed = tasks.index(forKey: key) == nil  // (`tasks[key]` copies the entry out)
        } else {
            needed = tasksChanged && !tasks.isEmpty
        }
        if needed { ui.selectedTask = visibleTaskKeys(now: now).first }
    }

    /// The tag of a stream in flight for this task, if one is.
    func streamTag(for key: TaskKey) -> RequestTag? {
        requests.tags(for: key).filter { requests[$0]?.isStream == true }.min()
    }
}
