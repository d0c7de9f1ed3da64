/// One thing an agent tells us about a task: a whole task snapshot, a message, a status change or
/// an artifact chunk. Every dialect's stream events and call results decode to these.
public enum StreamEvent: Sendable, Hashable {
    case task(A2ATask)
    case message(Message)
    case status(StatusUpdate)
    case artifact(ArtifactUpdate)

    /// The task this event is about, when it says.
    public var taskID: String? {
        switch self {
        case .task(let t): t.id
        case .message(let m): m.taskID
        case .status(let s): s.taskID
        case .artifact(let a): a.taskID
        }
    }
}

public struct StatusUpdate: Sendable, Hashable {
    // The status first: see `Message` for why the order differs from `init`'s.
    public var status: TaskStatus
    public var taskID: String
    public var contextID: String?
    /// V03/V01 `final: true`; V1 has no such flag (derive the end from the state).
    public var isFinal: Bool
    /// Progress in percent (0–100) when the agent sent one (`metadata.progress`, blog-era `percent`).
    public var progressPercent: Double?
    public var metadata: JSONValue?
}

extension StatusUpdate {
    public init(
        taskID: String, contextID: String? = nil, status: TaskStatus, isFinal: Bool = false,
        progressPercent: Double? = nil, metadata: JSONValue? = nil
    ) {
        self.init(
            status: status, taskID: taskID, contextID: contextID, isFinal: isFinal, progressPercent: progressPercent,
            metadata: metadata)
    }
}

public struct ArtifactUpdate: Sendable, Hashable {
    public var taskID: String
    public var contextID: String?
    public var artifact: Artifact
    /// Append these parts to the artifact with the same id; false starts or replaces it.
    public var append: Bool
    /// The artifact is complete.
    public var lastChunk: Bool
    public var metadata: JSONValue?

    public init(
        taskID: String, contextID: String? = nil, artifact: Artifact, append: Bool = false, lastChunk: Bool = false,
        metadata: JSONValue? = nil
    ) {
        self.taskID = taskID
        self.contextID = contextID
        self.artifact = artifact
        self.append = append
        self.lastChunk = lastChunk
        self.metadata = metadata
    }
}
