/// Builds our view of one task from what the agent sends: status changes, artifact chunks
/// (`append`, `lastChunk`, snapshot replace) and progress (PROTOCOL.md §5).
/// CONTRACT (implemented by the codecs work): the CLI and the dashboard both fold events through it.
public struct TaskAccumulator: Sendable, Hashable {
    /// The task as we know it: latest status, artifacts assembled so far, history.
    public private(set) var task: A2ATask
    /// Artifacts whose `lastChunk` arrived (or that came whole in a snapshot).
    public private(set) var completedArtifactIDs: Set<String> = []
    /// Latest progress in percent (0–100), when the agent sends one.
    public private(set) var progressPercent: Double?
    /// Latest status message text, sanitized later by the screen.
    public private(set) var statusText: String?

    public init(taskID: String, contextID: String? = nil) {
        task = A2ATask(id: taskID, contextID: contextID, status: TaskStatus(state: .submitted))
    }

    /// Folds one event in. Returns true when anything visible changed.
    @discardableResult
    public mutating func apply(_ event: StreamEvent) -> Bool { false }
}
