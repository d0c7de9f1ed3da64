/// An agent's stable identity within one session: derived from the config (its order/name/URL),
/// never from what the agent says about itself (cards change, ids must not).
public struct AgentID: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
    public static func < (a: AgentID, b: AgentID) -> Bool { a.rawValue < b.rawValue }
}

/// Tasks are keyed by agent AND task id: two agents may hand out the same id (PROTOCOL.md §6).
public struct TaskKey: Hashable, Sendable, CustomStringConvertible {
    public var agentID: AgentID
    public var taskID: String
    public init(agentID: AgentID, taskID: String) {
        self.agentID = agentID
        self.taskID = taskID
    }
    public var description: String { "\(agentID)/\(taskID)" }

    /// The task id alone: hashing strings is most of a task lookup, and every stream event makes
    /// several. Equal keys still hash equal; two agents reusing one id share a bucket, which one
    /// agent alone cannot cause (its ids are distinct keys).
    public func hash(into hasher: inout Hasher) { hasher.combine(taskID) }

    /// Task ids come from agents: one longer than this is not an id we will key anything by.
    public static let maxTaskIDLength = 256

    public static func isUsable(taskID: String) -> Bool {
        !taskID.isEmpty && taskID.utf8.count <= maxTaskIDLength
    }
}

/// Names one request or stream the runtime runs for us; results come back carrying it.
public struct RequestTag: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var rawValue: UInt64
    public init(_ rawValue: UInt64) { self.rawValue = rawValue }
    public var description: String { "#\(rawValue)" }
    public static func < (a: RequestTag, b: RequestTag) -> Bool { a.rawValue < b.rawValue }
}
