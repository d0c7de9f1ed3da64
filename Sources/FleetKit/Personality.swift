/// The protocol generation an agent speaks. Each fleet agent speaks exactly one.
public enum Dialect: String, Sendable, CaseIterable {
    /// A2A 1.0 (a2a-sdk 1.x without compat): `SendMessage`…, requires `A2A-Version: 1.0`.
    case v1
    /// A2A 0.3 (a2a-sdk 0.3): `message/send`…, `kind` tags.
    case v03
    /// The 2025 blog era: `tasks/send`, `tasks/sendSubscribe` with ad-hoc events.
    case v01
}

public struct Skill: Sendable {
    public var id: String
    public var name: String
    public var description: String
    public var tags: [String]
    public var examples: [String]

    public init(id: String, name: String, description: String, tags: [String], examples: [String]) {
        self.id = id
        self.name = name
        self.description = description
        self.tags = tags
        self.examples = examples
    }
}

/// Declared (not enforced) security, so consoles have something real to show.
public enum SecurityDeclaration: Sendable {
    case bearer(format: String)
    case apiKey(header: String)
}

/// When an agent answers at all.
public enum Availability: Sendable, Equatable {
    case always
    /// Up for `up` seconds, then down (503 on everything) for `down` seconds, repeating.
    case flaky(up: Double, down: Double)

    public func isUp(atSecond t: Double) -> Bool {
        switch self {
        case .always: return true
        case let .flaky(up, down):
            guard up + down > 0 else { return true }
            return t.truncatingRemainder(dividingBy: up + down) < up
        }
    }
}

/// A task one peer hands another: who asks, and what.
public struct DelegatedPrompt: Sendable, Equatable {
    public var from: String
    public var text: String

    public init(from: String, text: String) {
        self.from = from
        self.text = text
    }
}

/// Who an agent is: its card and its default behaviour.
public struct Personality: Sendable {
    public var name: String
    public var description: String
    public var version: String = "1.0.0"
    public var dialect: Dialect
    public var organization: String = "AgentDeck Demo Fleet"
    public var skills: [Skill]
    public var security: SecurityDeclaration?
    public var availability: Availability = .always
    /// Default plan for plain text (no directives).
    public var behaviour: @Sendable (PlanRequest) -> [Step]
    /// Plan after the client answers an input-required question without directives.
    public var followUp: @Sendable (PlanRequest) -> [Step] = { _ in [.finish(.completed, "Thanks, all done.")] }
    /// Work peers hand this agent on their own (for a live read-only console).
    public var delegatedPrompts: [DelegatedPrompt] = []

    public init(name: String, description: String, dialect: Dialect, skills: [Skill],
                behaviour: @escaping @Sendable (PlanRequest) -> [Step]) {
        self.name = name
        self.description = description
        self.dialect = dialect
        self.skills = skills
        self.behaviour = behaviour
    }

    /// Directives win; plain text gets the personality's own behaviour.
    public func plan(_ request: PlanRequest) -> [Step] {
        if request.isFollowUp { return request.directedTask ? Plan.directed(request) : followUp(request) }
        return request.directives.isEmpty ? behaviour(request) : Plan.directed(request)
    }
}
