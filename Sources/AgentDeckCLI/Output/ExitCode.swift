import A2A

/// `send` exit codes: scripts branch on them.
enum SendExit {
    static let completed: Int32 = 0
    static let error: Int32 = 1
    static let unsuccessful: Int32 = 2  // failed, rejected, canceled
    static let needsInput: Int32 = 3    // input-required, auth-required

    static func code(for state: TaskState) -> Int32 {
        switch state {
        case .completed: completed
        case .failed, .rejected, .canceled: unsuccessful
        case .inputRequired, .authRequired: needsInput
        default: error
        }
    }
}
