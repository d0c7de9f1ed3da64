import Foundation

/// Task states, named once; each dialect prints them its own way.
public enum TaskState: String, Sendable, CaseIterable {
    case submitted, working, inputRequired, authRequired, completed, canceled, failed, rejected, unknown

    public var isTerminal: Bool { [.completed, .canceled, .failed, .rejected].contains(self) }
    /// Interrupted states end a stream; the task goes on when the client answers.
    public var isInterrupted: Bool { self == .inputRequired || self == .authRequired }

    /// V1 ProtoJSON enum name, e.g. `TASK_STATE_INPUT_REQUIRED`.
    public var v1Name: String {
        switch self {
        case .submitted: return "TASK_STATE_SUBMITTED"
        case .working: return "TASK_STATE_WORKING"
        case .inputRequired: return "TASK_STATE_INPUT_REQUIRED"
        case .authRequired: return "TASK_STATE_AUTH_REQUIRED"
        case .completed: return "TASK_STATE_COMPLETED"
        case .canceled: return "TASK_STATE_CANCELED"
        case .failed: return "TASK_STATE_FAILED"
        case .rejected: return "TASK_STATE_REJECTED"
        case .unknown: return "TASK_STATE_UNSPECIFIED"
        }
    }

    /// V03 / V01 kebab-case name, e.g. `input-required`.
    public var kebabName: String {
        switch self {
        case .inputRequired: return "input-required"
        case .authRequired: return "auth-required"
        default: return rawValue
        }
    }

    /// Accepts any dialect's spelling (for ListTasks filters).
    public init?(wireName: String) {
        guard let match = TaskState.allCases.first(where: { $0.v1Name == wireName || $0.kebabName == wireName }) else {
            return nil
        }
        self = match
    }
}

public enum Role: Sendable { case user, agent }

/// One part of a message or artifact. Files are out of the fleet's scope.
public enum Part: Sendable, Equatable {
    case text(String)
    case data(JSON)

    public var text: String? { if case let .text(t) = self { return t }; return nil }
}

public struct Message: Sendable {
    public var messageId: String
    public var contextId: String?
    public var taskId: String?
    public var role: Role
    public var parts: [Part]
    public var metadata: JSON?
    public var referenceTaskIds: [String] = []

    public var text: String { parts.compactMap(\.text).joined(separator: "\n") }
}

public struct TaskStatus: Sendable {
    public var state: TaskState
    public var message: Message?
    public var timestamp: Date?
}

public struct Artifact: Sendable {
    public var artifactId: String
    public var name: String?
    public var parts: [Part]
}

/// The fleet's own record of one task, independent of dialect.
public struct TaskRecord: Sendable {
    public var id: String
    public var contextId: String
    public var status: TaskStatus
    public var artifacts: [Artifact] = []
    public var history: [Message] = []
    /// Ordered metadata members (e.g. `progress`), merged from status updates as a2a-sdk does.
    public var metadata: [(String, JSON)] = []
    /// The skill asked for (blog-era `params.skillId`, or message metadata).
    public var skillId: String?
    /// Whether the first message carried directives (decides how an answer to `ask` is handled).
    public var directed = false
    /// Monotonic sequence for stable ordering of tasks with equal timestamps.
    public var sequence: Int = 0

    public var metadataJSON: JSON? { metadata.isEmpty ? nil : .object(metadata) }

    mutating func mergeMetadata(_ extra: [(String, JSON)]) {
        for (key, value) in extra {
            if let i = metadata.firstIndex(where: { $0.0 == key }) { metadata[i].1 = value } else { metadata.append((key, value)) }
        }
    }

    /// A new status replaces the current one; the old status message moves into history,
    /// which is how a2a-sdk's TaskManager keeps it.
    mutating func setStatus(_ status: TaskStatus) {
        if let old = self.status.message { history.append(old) }
        self.status = status
    }

    /// Apply one artifact chunk: append to the same `artifactId`, or start/replace it.
    mutating func applyArtifact(_ artifact: Artifact, append: Bool) {
        if let i = artifacts.firstIndex(where: { $0.artifactId == artifact.artifactId }) {
            if append {
                artifacts[i].parts += artifact.parts
            } else {
                artifacts[i] = artifact
            }
        } else {
            artifacts.append(artifact)
        }
    }
}

/// What the engine tells stream subscribers.
public enum TaskEvent: Sendable {
    /// A full snapshot (first event of a stream or subscription).
    case snapshot(TaskRecord)
    case status(taskId: String, contextId: String, status: TaskStatus, metadata: JSON?)
    case artifact(taskId: String, contextId: String, artifact: Artifact, append: Bool, lastChunk: Bool)

    /// Whether a stream ends after this event (terminal or interrupted state).
    public var endsStream: Bool {
        switch self {
        case let .snapshot(task): return task.status.state.isTerminal
        case let .status(_, _, status, _): return status.state.isTerminal || status.state.isInterrupted
        case .artifact: return false
        }
    }
}
