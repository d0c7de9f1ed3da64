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
        guard var prompt = ui.prompt, !text.isEmpty else { return [] }
        if case .confirmCancel = prompt.mode { return [] }
        prompt.editor.insert(text)
        ui.prompt = prompt
        if prompt.mode == .filter { ui.filter.query = prompt.editor.text }
        return []
    }

    /// `@agent` names and `#skill` ids (of the agent the line targets) for Tab; on a `:` line,
    /// the command word and its arguments first.
    func complete(_ editor: inout LineEditor, mode: PromptMode) -> [String] {
        switch mode {
        case .dispatch, .reply, .command:
            if mode == .command, let shown = commandCompletion.complete(&editor) { return shown }
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
            return Completion.complete(&editor, agents: agentNames, skills: skills)
        case .filter, .confirmCancel:
            return []
        }
    }

    /// What a `:` line's arguments can be, from what the console knows now.
    var commandCompletion: CommandCompletion {
        // Task ids of the agent in scope first; bounded so a huge fleet does not slow Tab.
        let scoped = tasks.keys.filter { ui.agentScope == nil || $0.agentID == ui.agentScope }
        return CommandCompletion(
            agents: agentTags.flatMap(\.names), themes: config.themeNames,
            sortKeys: TaskSortOrder.allCases.map(\.name), taskIDs: Array(Set(scoped.map(\.taskID))).sorted().prefix(2000).map { $0 })
    }

    var agentTags: [(id: AgentID, names: [String])] {
        orderedAgents.map { ($0.id, PromptParser.tagNames(id: $0.id, displayName: $0.displayName)) }
    }

    func skillIDs(_ agent: AgentID) -> [String] { agents[agent]?.skills.map(\.id) ?? [] }

    /// Adds a line to a prompt's history (the runtime keeps `ui.histories` across runs).
    mutating func remember(_ line: String, kind: HistoryKind) {
        guard kind != .none, !line.isEmpty else { return }
        var h = ui.histories[kind] ?? []
        guard h.last != line else { return }
        h.append(line)
        if h.count > config.historyLimit { h.removeFirst(h.count - config.historyLimit) }
        ui.histories[kind] = h
    }

    mutating func submit(_ prompt: PromptState, now: Date) -> [Command] {
        let line = prompt.editor.text.trimmingCharacters(in: .whitespaces)
        // A refused `:agent add` with a credential in its URL must not reach the history file.
        if case .command = prompt.mode, case .addAgent(let url, _)? = ColonCommand.parse(line), Self.mayCarrySecrets(url) {
            return run(prompt.mode, line: line, now: now)
        }
        remember(line, kind: prompt.mode.historyKind)
        return run(prompt.mode, line: line, now: now)
    }

    mutating func run(_ mode: PromptMode, line: String, now: Date) -> [Command] {
        switch mode {
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
        if command.isMutating, isFullyReadOnly {
            showError(ReadOnlyPolicy.refusal(for: nil, global: true), now: now)
            return []
        }
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
        case .addAgent(let url, let name): return addAgent(url: url, name: name, now: now)
        case .removeAgent(let name): return removeAgent(named: name, now: now)
        case .theme(let name):
            guard name.count <= 256 else {
                showError("theme: name too long", now: now)
                return []
            }
            return [.loadTheme(name)]
        case .readOnly:
            if config.readOnly {
                showInfo("already read-only", now: now)
            } else {
                config.readOnly = true
                showInfo("read-only: nothing is sent to agents (:rw to go back)", now: now)
            }
        case .readWrite:
            if let why = config.readOnlyForcedBy {
                showError("staying read-only: \(why)", now: now)
            } else if !config.readOnly {
                showInfo("already read-write", now: now)
            } else {
                config.readOnly = false
                showInfo("read-write: dispatch, reply and cancel are back", now: now)
            }
        case .save(let path): return saveSelection(path: path, taskWhenNoArtifact: true, now: now)
        case .unknown(let why): showError(why, now: now)
        }
        return []
    }
}
