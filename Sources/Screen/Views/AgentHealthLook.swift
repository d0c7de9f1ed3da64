import Deck

/// How an agent's health is shown: symbol + word (readable without colour) and a role.
enum AgentHealthLook {
    static func symbol(_ health: AgentHealth) -> String {
        switch health {
        case .unknown: "·"
        case .up: "●"
        case .degraded: "◐"
        case .down: "✗"
        case .unreachable: "○"
        case .grpcOnly: "⊘"
        }
    }

    /// `● up`, `○ unreach`: at most 10 columns.
    static func label(_ health: AgentHealth) -> String {
        let word: String
        switch health {
        case .unknown: word = "polling"
        case .up: word = "up"
        case .degraded: word = "degraded"
        case .down: word = "down"
        case .unreachable: word = "unreach"
        case .grpcOnly: word = "gRPC"
        }
        return symbol(health) + " " + word
    }

    static func role(_ health: AgentHealth) -> ThemeRole {
        switch health {
        case .unknown: .dim
        case .up: .agentUp
        case .degraded: .agentDegraded
        case .down, .unreachable, .grpcOnly: .agentDown
        }
    }
}
