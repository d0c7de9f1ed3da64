import A2A
import Foundation

extension DeckState {
    mutating func handlePromptKey(_ key: Key, now: Date) -> [Command] {
        guard var prompt = ui.prompt else { return [] }
        if case .confirmCancel(let task) = prompt.mode {
            ui.prompt = nil
            // Only `y` confirms; anything else (n, Enter, Esc, Y, …) is an abort.
            guard key == .char("y") else {
                showInfo("cancel aborted", now: now)
                return []
            }
            return confirmCancel(task, now: now)
        }
        switch key {
        case .escape, .ctrl("c"), .ctrl("g"):
            if prompt.mode == .filter { ui.filter.query = "" }
            ui.prompt = nil
            return []
        case .enter:
            ui.prompt = nil
            return submit(prompt, now: now)
        case .tab:
            prompt.completions = complete(&prompt.editor, mode: prompt.mode)
            ui.prompt = prompt
            return []
        default:
            _ = prompt.editor.handle(key)
            prompt.completions = []
            ui.prompt = prompt
            if prompt.mode == .filter {
                ui.filter.query = prompt.editor.text
                selectFirstVisibleIfHidden(now: now)
            }
            return []
        }
    }

    mutating func handlePaste(_ text: String) -> [Command] {
        guard var prompt = ui.prompt, prompt.mode != .command || !text.isEmpty else { return [] }
        if case .confirmCancel = prompt.mode { return [] }
        prompt.editor.insert(text)
        ui.prompt = prompt
        if prompt.mode == .filter { ui.filter.query = prompt.editor.text }
        return []
    }

    /// `@agent` names and `#skill` ids (of the agent the line targets) for Tab.
    func complete(_ editor: inout LineEditor, mode: PromptMode) -> [String] {
        switch mode {
        case .dispatch, .reply, .command:
            let agentNames = orderedAgents.filter { !isReadOnly($0.id) }.map(\.id.rawValue)
            let target: AgentID?
            switch mode {
            case .dispatch(let a, _): target = a
            case .reply(let k): target = k.agentID
            default: target = ui.selectedAgent
            }
            let parsed = PromptParser.parseDispatch(
                editor.text, defaultAgent: target, defaultSkill: nil, agents: agentTags, skills: skillIDs)
            let skills = parsed.agentID.map(skillIDs) ?? []
            if mode == .command, !editor.text.contains(" ") {
                return Completion.complete(&editor, commandNames: ColonCommand.names)
            }
            return Completion.complete(&editor, agents: agentNames, skills: skills)
        case .filter, .confirmCancel:
            return []
        }
    }

    var agentTags: [(id: AgentID, names: [String])] {
        orderedAgents.map { ($0.id, PromptParser.tagNames(id: $0.id, displayName: $0.displayName)) }
    }

    func skillIDs(_ agent: AgentID) -> [String] { agents[agent]?.skills.map(\.id) ?? [] }

    mutating func remember(_ line: String, kind: HistoryKind) {
        guard kind != .none, !line.isEmpty else { return }
        var h = ui.histories[kind] ?? []
        if h.last != line { h.append(line) }
        if h.count > config.historyLimit { h.removeFirst(h.count - config.historyLimit) }
        ui.histories[kind] = h
    }

    mutating func submit(_ prompt: PromptState, now: Date) -> [Command] {
        let line = prompt.editor.text.trimmingCharacters(in: .whitespaces)
        remember(line, kind: prompt.mode.historyKind)
        switch prompt.mode {
        case .dispatch(let agent, let skill):
            return submitDispatch(line, defaultAgent: agent, defaultSkill: skill, now: now)
        case .reply(let key):
            guard !line.isEmpty else {
                showError("nothing to send", now: now)
                return []
            }
            return reply(to: key, text: line, now: now)
        case .command:
            guard let command = ColonCommand.parse(line) else { return [] }
            return run(command, now: now)
        case .filter:
            ui.filter.query = line
            return []
        case .confirmCancel:
            return []
        }
    }

    mutating func submitDispatch(_ line: String, defaultAgent: AgentID?, defaultSkill: String?, now: Date) -> [Command] {
        let request = PromptParser.parseDispatch(
            line, defaultAgent: defaultAgent, defaultSkill: defaultSkill, agents: agentTags, skills: skillIDs)
        guard let agent = request.agentID else {
            showError("which agent? start the line with @agent", now: now)
            return []
        }
        guard !request.text.isEmpty else {
            showError("nothing to send", now: now)
            return []
        }
        return dispatch(to: agent, skill: request.skillID, text: request.text, now: now)
    }

    mutating func run(_ command: ColonCommand, now: Date) -> [Command] {
        switch command {
        case .quit: return [.quit]
        case .help: ui.showHelp = true
        case .refresh: return refreshAll(now: now)
        case .sort(let order):
            ui.sort = order
            showInfo("sorted by \(order.name)", now: now)
        case .filter(let query): ui.filter.query = query
        case .attach(let name, let taskID):
            let agent: AgentID?
            if let name {
                agent = PromptParser.matchAgent(name, agentTags)
                if agent == nil {
                    showError("no agent named @\(name)", now: now)
                    return []
                }
            } else {
                agent = ui.agentScope ?? ui.selectedAgent
            }
            guard let agent else {
                showError("no agent selected: :attach @agent TASK_ID", now: now)
                return []
            }
            return attach(agent: agent, taskID: taskID, now: now)
        case .send(let line):
            return submitDispatch(line, defaultAgent: dispatchTarget, defaultSkill: nil, now: now)
        case .cancel:
            openCancelConfirmation(now: now)
        case .copy: return copySelection(now: now)
        case .unknown(let why): showError(why, now: now)
        }
        return []
    }
}
