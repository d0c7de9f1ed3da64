import A2A

extension ThemeRole {
    /// The role that colours a task state: `Style(ThemeRole(task.state))`.
    /// A state this build does not recognise looks like `unknown`.
    public init(_ state: TaskState) {
        switch state {
        case .submitted: self = .stateSubmitted
        case .working: self = .stateWorking
        case .inputRequired: self = .stateInputRequired
        case .authRequired: self = .stateAuthRequired
        case .completed: self = .stateCompleted
        case .canceled: self = .stateCanceled
        case .failed: self = .stateFailed
        case .rejected: self = .stateRejected
        case .unknown, .unrecognized: self = .stateUnknown
        }
    }
}
