import A2A

/// What `s` and `:save` ask the runtime to write. Local files only: allowed in read-only mode.
public struct SaveRequest: Sendable, Hashable {
    public enum Content: Sendable, Hashable {
        /// One artifact: text as text, data parts as JSON, file bytes decoded. Parts given by URL
        /// are never fetched.
        case artifact(Artifact)
        /// The whole task as JSON (when it has no artifact to save).
        case task(A2ATask)
    }

    public var content: Content
    /// The agent the task belongs to, named in the task JSON.
    public var agentName: String
    public var taskID: String
    /// Where to write, as typed after `:save`; nil means a fresh file in the save directory,
    /// named after the artifact.
    public var path: String?
    /// The artifact lost chunks to a limit (`TaskAccumulator.truncatedArtifactIDs`): the file
    /// holds what was kept, and the status line says it is not all the agent sent.
    public var truncated: Bool

    public init(content: Content, agentName: String, taskID: String, path: String? = nil, truncated: Bool = false) {
        self.content = content
        self.agentName = agentName
        self.taskID = taskID
        self.path = path
        self.truncated = truncated
    }
}
