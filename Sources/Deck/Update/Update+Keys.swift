import A2A
import Foundation

extension DeckState {
    mutating func handleKey(_ key: Key, now: Date) -> [Command] {
        // A mouse event the runtime did not place on a pane means nothing.
        if key == .resize { return [] }
        if case .mouse = key { return [] }
        if ui.prompt != nil { return handlePromptKey(key, now: now) }
        if ui.showHelp {
            // Help is modal: any key closes it; q still quits.
            ui.showHelp = false
            return effectiveKeyMap.action(for: key) == .quit ? [.quit] : []
        }
        if ui.showRaw { return handleRawKey(key) }
        guard let action = effectiveKeyMap.action(for: key) else {
            if let hidden = baseKeyMap.action(for: key), hidden.isMutating {
                showError("\(key) (\(hidden.summary)) is disabled: read-only", now: now)
            }
            return []
        }
        return perform(action, now: now)
    }

    mutating func perform(_ action: Action, now: Date) -> [Command] {
        switch action {
        case .quit: return [.quit]
        case .help: ui.showHelp.toggle()
        case .nextPane: focusPane(Self.pane(after: ui.focus, step: 1))
        case .prevPane: focusPane(Self.pane(after: ui.focus, step: -1))
        case .up: move(by: -1, now: now)
        case .down: move(by: 1, now: now)
        case .pageUp: move(by: -ui.visibleRows(ui.focus), now: now)
        case .pageDown: move(by: ui.visibleRows(ui.focus), now: now)
        case .home: move(by: Int.min / 2, now: now)
        case .end: move(by: Int.max / 2, now: now)
        case .open: open(now: now)
        case .back: back()
        case .dispatch: openDispatchPrompt(now: now)
        case .reply: openReplyPrompt(now: now)
        case .cancel: openCancelConfirmation(now: now)
        case .command: ui.prompt = PromptState(mode: .command, editor: LineEditor(history: ui.histories[.command] ?? []))
        case .filter:
            ui.prompt = PromptState(
                mode: .filter, editor: LineEditor(text: ui.filter.query, history: ui.histories[.filter] ?? []))
        case .zoom: ui.zoomed.toggle()
        case .refresh: return refreshAll(now: now)
        case .cycleSort:
            ui.sort = ui.sort.next
            showInfo("sorted by \(ui.sort.name)", now: now)
        case .cycleStateFilter:
            ui.filter.states = ui.filter.states.next
            selectFirstVisibleIfHidden(now: now)
            showInfo("showing \(ui.filter.states.name) tasks", now: now)
        case .copy: return copySelection(now: now)
        case .copyContext: return copyContextID(now: now)
        case .save: return saveSelection(path: nil, taskWhenNoArtifact: false, now: now)
        case .raw:
            ui.showRaw = true
            ui.rawScroll = 0
        }
        return []
    }

    static func pane(after pane: Pane, step: Int) -> Pane {
        let all = Pane.allCases
        let i = all.firstIndex(of: pane) ?? 0
        return all[(i + step + all.count) % all.count]
    }

    /// Moves the selection in the focused pane; the detail pane scrolls instead.
    mutating func move(by delta: Int, now: Date) {
        switch ui.focus {
        case .agents:
            let rows = agentOrder
            guard !rows.isEmpty else { return }
            let current = ui.selectedAgent.flatMap { rows.firstIndex(of: $0) } ?? 0
            let next = Self.clamp(current, delta, count: rows.count)
            ui.selectedAgent = rows[next]
            keepVisible(.agents, index: next, count: rows.count)
        case .tasks:
            let rows = visibleTaskKeys(now: now)
            guard !rows.isEmpty else { return }
            let next: Int
            if let current = ui.selectedTask.flatMap({ rows.firstIndex(of: $0) }) {
                next = Self.clamp(current, delta, count: rows.count)
            } else {
                // Nothing selected yet: a step selects the first row; a jump jumps from there.
                next = abs(delta) > 1 ? Self.clamp(0, delta, count: rows.count) : 0
            }
            ui.selectedTask = rows[next]
            keepVisible(.tasks, index: next, count: rows.count)
        case .detail:
            // The view knows the detail's length and clamps the bottom.
            ui.scroll[.detail] = max(0, Self.saturatingAdd(ui.scrollOffset(.detail), delta))
        }
    }

    static func saturatingAdd(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? (b > 0 ? Int.max : Int.min) : sum
    }

    static func clamp(_ index: Int, _ delta: Int, count: Int) -> Int {
        min(max(0, saturatingAdd(index, delta)), count - 1)
    }

    /// Scrolls just enough that row `index` is on screen.
    mutating func keepVisible(_ pane: Pane, index: Int, count: Int) {
        let rows = ui.visibleRows(pane)
        var offset = ui.scrollOffset(pane)
        if index < offset { offset = index }
        if index >= offset + rows { offset = index - rows + 1 }
        ui.scroll[pane] = max(0, min(offset, max(0, count - rows)))
    }

    /// After the filter or scope changed: a selection the operator can no longer see moves to
    /// the first row they can.
    mutating func selectFirstVisibleIfHidden(now: Date) {
        let rows = visibleTaskKeys(now: now)
        if let key = ui.selectedTask, rows.contains(key) { return }
        ui.selectedTask = rows.first ?? ui.selectedTask
        ui.scroll[.tasks] = 0
    }

    /// After a resize the panes hold fewer rows: scroll so the selections stay on screen.
    mutating func keepSelectionsVisible(now: Date) {
        if let agent = ui.selectedAgent, let i = agentOrder.firstIndex(of: agent) {
            keepVisible(.agents, index: i, count: agentOrder.count)
        }
        let rows = visibleTaskKeys(now: now)
        if let key = ui.selectedTask, let i = rows.firstIndex(of: key) {
            keepVisible(.tasks, index: i, count: rows.count)
        }
    }

    mutating func open(now: Date) {
        switch ui.focus {
        case .agents:
            guard let agent = ui.selectedAgent else { return }
            ui.agentScope = agent
            // The operator has now seen the changed card.
            agents[agent]?.cardChanged = false
            ui.focus = .tasks
            ui.scroll[.tasks] = 0
            selectFirstVisibleIfHidden(now: now)
        case .tasks:
            guard ui.selectedTask != nil else { return }
            focusPane(.detail)
        case .detail:
            break
        }
    }

    /// Moves the focus; entering the detail pane from the agents pane makes it show (and scroll)
    /// the selected agent, from anywhere else the selected task.
    mutating func focusPane(_ pane: Pane) {
        if pane == .detail, ui.focus != .detail {
            ui.detailShowsAgent = ui.focus == .agents || ui.selectedTask == nil
            ui.scroll[.detail] = 0
        }
        ui.focus = pane
    }

    /// Esc peels one layer: zoom, detail, agent scope, filter.
    mutating func back() {
        if ui.zoomed {
            ui.zoomed = false
        } else if ui.focus == .detail {
            ui.focus = .tasks
        } else if ui.agentScope != nil {
            ui.agentScope = nil
        } else if ui.filter.isActive {
            ui.filter = TaskFilter()
        } else if ui.focus == .tasks {
            ui.focus = .agents
        }
    }

    /// The agent a new task goes to unless the line names one.
    var dispatchTarget: AgentID? {
        switch ui.focus {
        case .agents: ui.selectedAgent
        case .tasks, .detail: ui.agentScope ?? ui.selectedTask?.agentID ?? ui.selectedAgent
        }
    }

    mutating func openDispatchPrompt(now: Date) {
        guard !isFullyReadOnly else {
            showError(ReadOnlyPolicy.refusal(for: nil, global: true), now: now)
            return
        }
        var target = dispatchTarget
        if let t = target, isReadOnly(t) { target = nil }
        ui.prompt = PromptState(mode: .dispatch(agent: target, skill: nil), editor: LineEditor(history: ui.histories[.dispatch] ?? []))
    }

    mutating func openReplyPrompt(now: Date) {
        guard let entry = selectedTaskEntry else {
            showError("no task selected", now: now)
            return
        }
        guard !isReadOnly(entry.key.agentID) else {
            showError(ReadOnlyPolicy.refusal(for: agents[entry.key.agentID]?.displayName, global: config.readOnly), now: now)
            return
        }
        guard entry.acceptsReply else {
            showError("task \(entry.key.taskID) is \(entry.state.name), not waiting for input", now: now)
            return
        }
        ui.prompt = PromptState(mode: .reply(entry.key), editor: LineEditor(history: ui.histories[.reply] ?? []))
    }

    mutating func openCancelConfirmation(now: Date) {
        guard let entry = selectedTaskEntry else {
            showError("no task selected", now: now)
            return
        }
        guard !isReadOnly(entry.key.agentID) else {
            showError(ReadOnlyPolicy.refusal(for: agents[entry.key.agentID]?.displayName, global: config.readOnly), now: now)
            return
        }
        if entry.state.isTerminal {
            showError("task \(entry.key.taskID) is \(entry.state.name): nothing to cancel", now: now)
            return
        }
        if entry.isPlaceholder {
            showError("the agent has not named this task yet: cancel it once it has", now: now)
            return
        }
        if entry.isCancelRequested {
            showInfo("cancel already requested for \(entry.key.taskID)", now: now)
            return
        }
        ui.prompt = PromptState(mode: .confirmCancel(entry.key))
    }

    mutating func refreshAll(now: Date) -> [Command] {
        var out: [Command] = []
        for id in agentOrder {
            guard let entry = agents[id] else { continue }
            out.append(.fetchCard(id, ifNoneMatch: entry.etag))
            deadlines[.cardPoll(id)] = nil
            agents[id]?.quietListPolls = 0
            agents[id]?.listWatermark.forget()  // a refresh lists the newest page whole
            if let list = listPollCommand(id) { out.append(list) }
        }
        showInfo("polling \(out.count) agent\(agentOrder.count == 1 ? "" : "s")", now: now)
        return out
    }

    /// What `Y` copies: the selected task's context id (the thread a reply or a follow-up joins).
    mutating func copyContextID(now: Date) -> [Command] {
        guard let entry = selectedTaskEntry else {
            showError("no task selected", now: now)
            return []
        }
        guard let context = entry.contextID, !context.isEmpty else {
            showError("task \(entry.key.taskID) has no context id", now: now)
            return []
        }
        showInfo("copied context id \(context)", now: now)
        return [.copyToClipboard(context)]
    }

    /// What `y` copies: the agent URL, the task id, or (in the detail pane) the artifacts' text.
    mutating func copySelection(now: Date) -> [Command] {
        let text: String?
        switch ui.focus {
        case .agents: text = selectedAgentEntry?.config.url
        case .tasks: text = selectedTaskEntry?.key.taskID
        case .detail:
            let artifacts = selectedTaskEntry?.task.artifacts.flatMap(\.parts).compactMap { part -> String? in
                if case .text(let t) = part.content { t } else { nil }
            }
            let joined = artifacts?.joined(separator: "\n") ?? ""
            text = joined.isEmpty ? selectedTaskEntry?.key.taskID : joined
        }
        guard let text else {
            showError("nothing to copy", now: now)
            return []
        }
        showInfo("copied \(text.count) characters", now: now)
        return [.copyToClipboard(text)]
    }
}
