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
        case .unrecognized(let raw): ViewText.agent(raw)
        default: state.name
        }
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
