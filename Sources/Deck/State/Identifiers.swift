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
    public var taskID: String {
        didSet { taskIDHash = Self.hash(of: taskID) }
    }
    /// `taskID`'s hash, worked out once when the key is made. Every stream event looks its task
    /// up several times (the task, its order and finished indexes, its requests), and hashing a
    /// 36-byte id each time was most of those lookups.
    private var taskIDHash: Int

    public init(agentID: AgentID, taskID: String) {
        self.agentID = agentID
        self.taskID = taskID
        taskIDHash = Self.hash(of: taskID)
    }
    public var description: String { "\(agentID)/\(taskID)" }

    /// The task id alone: two agents reusing one id share a bucket, which one agent alone cannot
    /// cause (its ids are distinct keys). `Hasher` is seeded per process, so the stored value is
    /// as unpredictable to an agent as hashing the id at each lookup.
    public func hash(into hasher: inout Hasher) { hasher.combine(taskIDHash) }

    /// Different hashes settle most unequal pairs without comparing the strings.
    public static func == (a: TaskKey, b: TaskKey) -> Bool {
        a.taskIDHash == b.taskIDHash && a.taskID == b.taskID && a.agentID == b.agentID
    }

    private static func hash(of taskID: String) -> Int {
        var hasher = Hasher()
        hasher.combine(taskID)
        return hasher.finalize()
    }

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
