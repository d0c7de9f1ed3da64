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
    /// The agent's message about this status, if any.
    public var message: Message? {
        get { boxedMessage?.value }
        set { boxedMessage = newValue.map(MessageBox.init) }
    }
    /// Parsed from any ISO 8601 spelling (0–9 fraction digits, `Z`, `+00:00` or no zone).
    public var timestamp: Date?
    /// The message out of line: a task keeps its status for as long as it is retained, and inline
    /// the optional message took 97 of the ~500 bytes each of the dashboard's tasks holds — in
    /// nearly every finished task nil (packed apart). Boxed: 8.
    private var boxedMessage: MessageBox?

    public init(state: TaskState, message: Message? = nil, timestamp: Date? = nil) {
        self.state = state
        self.boxedMessage = message.map(MessageBox.init)
        self.timestamp = timestamp
    }
}

/// A message held by reference; equal and hashed by its value.
final class MessageBox: Sendable, Hashable {
    let value: Message
    init(_ value: Message) { self.value = value }
    static func == (a: MessageBox, b: MessageBox) -> Bool { a === b || a.value == b.value }
    func hash(into hasher: inout Hasher) { value.hash(into: &hasher) }
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
