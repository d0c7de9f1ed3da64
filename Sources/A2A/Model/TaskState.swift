import Foundation

/// The nine task states, plus any state string we have never seen (kept, never mapped to a neighbour).
public enum TaskState: Sendable, Hashable {
    case submitted, working, inputRequired, authRequired
    case completed, canceled, failed, rejected
    /// `unknown` (V03/V01) or `TASK_STATE_UNSPECIFIED` (V1).
    case unknown
    /// A state string this build does not know, shown as received.
    case unrecognized(String)

    /// Where a state sits in the lifecycle.
    public enum Class: Sendable, Hashable {
        /// Still running: submitted, working.
        case active
        /// Paused on a human or credentials: the stream ends, a follow-up message continues it.
        case interrupted
        /// Finished for good.
        case terminal
        /// Unknown or unrecognized: reported as received.
        case unknown
    }

    public var stateClass: Class {
        switch self {
        case .submitted, .working: .active
        case .inputRequired, .authRequired: .interrupted
        case .completed, .canceled, .failed, .rejected: .terminal
        case .unknown, .unrecognized: .unknown
        }
    }

    public var isTerminal: Bool { stateClass == .terminal }
    public var isActive: Bool { stateClass == .active }
    public var isInterrupted: Bool { stateClass == .interrupted }
    /// A human has to act: answer, authenticate, or look at a failure.
    public var needsAttention: Bool { isInterrupted || self == .failed || self == .rejected }

    public static let all: [TaskState] = [
        .submitted, .working, .inputRequired, .authRequired, .completed, .canceled, .failed, .rejected, .unknown,
    ]

    /// The V03/V01 spelling, also our display name: `input-required`.
    public var name: String {
        switch self {
        case .submitted: "submitted"
        case .working: "working"
        case .inputRequired: "input-required"
        case .authRequired: "auth-required"
        case .completed: "completed"
        case .canceled: "canceled"
        case .failed: "failed"
        case .rejected: "rejected"
        case .unknown: "unknown"
        case .unrecognized(let raw): raw
        }
    }

    /// The V1 ProtoJSON spelling: `TASK_STATE_INPUT_REQUIRED`.
    public var v1Name: String {
        switch self {
        case .unknown: "TASK_STATE_UNSPECIFIED"
        case .unrecognized(let raw): raw
        default: "TASK_STATE_" + name.uppercased().replacingOccurrences(of: "-", with: "_")
        }
    }

    /// Reads any dialect's spelling: `input-required`, `TASK_STATE_INPUT_REQUIRED`, `INPUT_REQUIRED`,
    /// `cancelled`. Anything else is kept as `.unrecognized`.
    public init(wireName raw: String) {
        var key = raw.lowercased()
        if key.hasPrefix("task_state_") { key.removeFirst("task_state_".count) }
        key = key.replacingOccurrences(of: "_", with: "-")
        switch key {
        case "submitted": self = .submitted
        case "working": self = .working
        case "input-required": self = .inputRequired
        case "auth-required": self = .authRequired
        case "completed": self = .completed
        case "canceled", "cancelled": self = .canceled
        case "failed": self = .failed
        case "rejected": self = .rejected
        case "unknown", "unspecified": self = .unknown
        default: self = .unrecognized(raw)
        }
    }
}

extension TaskState: CustomStringConvertible {
    public var description: String { name }
}
