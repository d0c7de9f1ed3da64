/// What a dispatch line asks for: `@agent #skill text`, the tags anywhere in the line.
public struct DispatchRequest: Sendable, Hashable {
    public var agentID: AgentID?
    public var skillID: String?
    public var text: String
}

/// Reads `@agent` and `#skill` out of a message line. A tag that names no known agent (or no skill
/// of the chosen agent) stays in the text: "fix issue #42" must not lose its `#42`.
public enum PromptParser {
    /// - Parameters:
    ///   - agents: each agent's id and the names `@` may use for it.
    ///   - skills: the skill ids an agent offers.
    public static func parseDispatch(
        _ line: String, defaultAgent: AgentID?, defaultSkill: String?, agents: [(id: AgentID, names: [String])],
        skills: (AgentID) -> [String]
    ) -> DispatchRequest {
        var words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        var agent = defaultAgent
        if let i = words.firstIndex(where: { $0.hasPrefix("@") && matchAgent(String($0.dropFirst()), agents) != nil }) {
            agent = matchAgent(String(words[i].dropFirst()), agents)
            words.remove(at: i)
        }
        var skill = defaultSkill
        if let agent {
            let offered = skills(agent)
            if let i = words.firstIndex(where: { w in
                w.hasPrefix("#") && offered.contains { $0.lowercased() == w.dropFirst().lowercased() }
            }) {
                let typed = words[i].dropFirst().lowercased()
                skill = offered.first { $0.lowercased() == typed }
                words.remove(at: i)
            }
        }
        return DispatchRequest(agentID: agent, skillID: skill, text: words.joined(separator: " "))
    }

    static func matchAgent(_ name: String, _ agents: [(id: AgentID, names: [String])]) -> AgentID? {
        let wanted = name.lowercased()
        guard !wanted.isEmpty else { return nil }
        return agents.first { a in a.names.contains { $0.lowercased() == wanted } }?.id
    }

    /// How an agent may be named after `@`: its id, and its display name without spaces.
    public static func tagNames(id: AgentID, displayName: String) -> [String] {
        let squeezed = displayName.split(separator: " ").joined()
        return squeezed.isEmpty || squeezed == id.rawValue ? [id.rawValue] : [id.rawValue, squeezed]
    }
}
