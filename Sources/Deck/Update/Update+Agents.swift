import A2A
import Foundation

/// `:agent add` and `:agent rm`: the fleet changes while the console runs. Both change only this
/// console, so they are allowed in read-only mode.
extension DeckState {
    /// Bounds a fleet grown by hand (each agent is polled).
    static let maxAgents = 500
    static let maxURLLength = 2048

    mutating func addAgent(url: String, name: String?, now: Date) -> [Command] {
        let scheme = url.hasPrefix("https://") ? "https://" : url.hasPrefix("http://") ? "http://" : nil
        guard let scheme, url.count > scheme.count, url.count <= Self.maxURLLength,
            !url.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F })
        else {
            showError("agent add: '\(url.prefix(80))' is not an http:// or https:// URL", now: now)
            return []
        }
        if Self.mayCarrySecrets(url) {
            // The state, the screen and the history must never hold a credential.
            showError("agent add: no user:password@ or ?query in the URL here: list the agent in the config with auth:", now: now)
            return []
        }
        if let existing = orderedAgents.first(where: { $0.config.url == url }) {
            showError("already watching \(url) as \(existing.displayName)", now: now)
            return []
        }
        guard agentOrder.count < Self.maxAgents else {
            showError("agent add: \(Self.maxAgents) agents is the most one console watches", now: now)
            return []
        }
        var id = AgentID(String(format: "a%02d", nextAgentNumber))
        while agents[id] != nil {
            nextAgentNumber += 1
            id = AgentID(String(format: "a%02d", nextAgentNumber))
        }
        nextAgentNumber += 1
        let config = AgentConfig(id: id, name: name.map { String($0.prefix(80)) }, url: url)
        agentOrder.append(id)
        agents[id] = AgentEntry(config: config, healthWindow: self.config.healthWindowShape)
        self.config.agents.append(config)
        ui.selectedAgent = id
        showInfo("added \(agents[id]?.displayName ?? url): polling its card", now: now)
        // The runtime makes the client first, then polls with it.
        return [.addAgent(config), .fetchCard(id, ifNoneMatch: nil)]
    }

    /// A URL with user info (`user:pass@host`) or a query (`?token=…`) may hold a secret.
    static func mayCarrySecrets(_ url: String) -> Bool {
        guard let schemeEnd = url.range(of: "://") else { return false }
        let rest = url[schemeEnd.upperBound...]
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return authority.contains("@") || rest.contains("?")
    }

    /// Finds an agent by `@name`, id, display name or URL.
    func agent(named typed: String) -> AgentID? {
        let name = typed.hasPrefix("@") ? String(typed.dropFirst()) : typed
        if let id = PromptParser.matchAgent(name, agentTags) { return id }
        let lowered = name.lowercased()
        return orderedAgents.first { $0.displayName.lowercased() == lowered || $0.config.url == name }?.id
    }

    mutating func removeAgent(named name: String, now: Date) -> [Command] {
        guard let id = agent(named: name), let entry = agents[id] else {
            showError("no agent named \(name)", now: now)
            return []
        }
        // Its streams close; answers to its other requests will find no tag and be ignored.
        var out = dropRequests { $0.agentID == id }
        for deadline in deadlines.keys {
            let owner: AgentID
            switch deadline {
            case .cardPoll(let a), .listPoll(let a): owner = a
            case .taskPoll(let k), .reconnect(let k): owner = k.agentID
            }
            if owner == id { deadlines[deadline] = nil }
        }
        let dropped = tasks.keys.filter { $0.agentID == id }
        for key in dropped {
            tasks[key] = nil
            noteFinishedState(key)  // retention's index forgets it too
        }
        agents[id] = nil
        agentOrder.removeAll { $0 == id }
        config.agents.removeAll { $0.id == id }
        if ui.agentScope == id { ui.agentScope = nil }
        if ui.selectedTask?.agentID == id { ui.selectedTask = nil }
        if case .reply(let key)? = ui.prompt?.mode, key.agentID == id { ui.prompt = nil }
        let tasksNote = dropped.isEmpty ? "" : " and its \(dropped.count) task\(dropped.count == 1 ? "" : "s")"
        showInfo("removed \(entry.displayName)\(tasksNote)", now: now)
        out.append(.removeAgent(id))
        return out
    }
}
