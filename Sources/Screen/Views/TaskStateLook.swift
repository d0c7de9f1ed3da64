import A2A

/// How a task state is shown: a symbol and a short name (readable without colour) and the
/// theme role that colours it.
enum TaskStateLook {
    static func symbol(_ state: TaskState) -> String {
        switch state {
        case .submitted: "○"
        case .working: "▶"
        case .inputRequired: "?"
        case .authRequired: "!"
        case .completed: "✓"
        case .canceled: "⊘"
        case .failed: "✗"
        case .rejected: "⊗"
        case .unknown, .unrecognized: "~"
        }
    }

    /// At most 9 columns: `input-req`, `completed`.
    static func shortName(_ state: TaskState) -> String {
        switch state {
        case .inputRequired: "input-req"
        case .authRequired: "auth-req"
        case .unrecognized(let raw): readable(raw)
        default: state.name
        }
    }

    /// A state this build does not know, as the agent spelled it but in the familiar form:
    /// `TASK_STATE_PAUSED` reads `paused`.
    static func readable(_ raw: String) -> String {
        var name = ViewText.agent(raw).lowercased()
        if name.hasPrefix("task_state_") { name.removeFirst("task_state_".count) }
        name = name.replacingOccurrences(of: "_", with: "-")
        return name.isEmpty ? "?" : name
    }

    /// `▶ working`.
    static func label(_ state: TaskState) -> String { symbol(state) + " " + shortName(state) }

    static func role(_ state: TaskState) -> ThemeRole {
        switch state {
        case .submitted: .stateSubmitted
        case .working: .stateWorking
        case .inputRequired: .stateInputRequired
        case .authRequired: .stateAuthRequired
        case .completed: .stateCompleted
        case .canceled: .stateCanceled
        case .failed: .stateFailed
        case .rejected: .stateRejected
        case .unknown, .unrecognized: .stateUnknown
        }
    }

    static func style(_ state: TaskState) -> Style { Style(role(state)) }
}
