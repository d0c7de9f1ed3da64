import Foundation

/// A task as the agent reports it. Named `A2ATask` so it never collides with Swift's `Task`.
public struct A2ATask: Sendable, Hashable {
    public var id: String
    public var contextID: String?
    public var status: TaskStatus
    public var artifacts: [Artifact]
    public var history: [Message]
    public var metadata: JSONValue?

    public init(
        id: String, contextID: String? = nil, status: TaskStatus, artifacts: [Artifact] = [], history: [Message] = [],
        metadata: JSONValue? = nil
    ) {
        self.id = id
        self.contextID = contextID
        self.status = status
        self.artifacts = artifacts
        self.history = history
        self.metadata = metadata
    }
}

public struct TaskStatus: Sendable, Hashable {
    public var state: TaskState
    public var message: Message?
    /// Parsed from any ISO 8601 spelling (0–9 fraction digits, `Z`, `+00:00` or no zone).
    public var timestamp: Date?

    public init(state: TaskState, message: Message? = nil, timestamp: Date? = nil) {
        self.state = state
        self.message = message
        self.timestamp = timestamp
    }
}

public struct Artifact: Sendable, Hashable {
    /// `artifactId`; V01 artifacts are keyed by their `index`, kept here as its decimal string.
    public var artifactID: String
    public var name: String?
    public var description: String?
    public var parts: [Part]
    public var metadata: JSONValue?

    public init(artifactID: String, name: String? = nil, description: String? = nil, parts: [Part], metadata: JSONValue? = nil) {
        self.artifactID = artifactID
        self.name = name
        self.description = description
        self.parts = parts
        self.metadata = metadata
    }
}
