import A2A

import Seeded

/// An agent's stable identity within one session: derived from the config (its order/name/URL),
/// never from what the agent says about itself (cards change, ids must not).
///
/// Its hash is worked out once, when the id is made: the agents, their task counts and the
/// selection are looked up by id several times per stream event, and hashing the string each
/// time was most of those lookups.
public struct AgentID: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var rawValue: String {
        didSet { rawValueHash = StoredHash.of(rawValue) }
    }
    private var rawValueHash: Int

    public init(_ rawValue: String) {
        self.rawValue = rawValue
        rawValueHash = StoredHash.of(rawValue)
    }
    public var description: String { rawValue }
    public static func < (a: AgentID, b: AgentID) -> Bool { a.rawValue < b.rawValue }

    /// Different hashes settle most unequal pairs without comparing the strings.
    public static func == (a: AgentID, b: AgentID) -> Bool {
        a.rawValueHash == b.rawValueHash && a.rawValue == b.rawValue
    }
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValueHash) }
    /// What `Dictionary` and `Set` ask for (see `StoredHash.scrambled`).
    public func _rawHashValue(seed: Int) -> Int { StoredHash.scrambled(rawValueHash, seed: seed) }
}

/// Tasks are keyed by agent AND task id: two agents may hand out the same id (PROTOCOL.md §6).
public struct TaskKey: Hashable, Sendable, CustomStringConvertible {
    public var agentID: AgentID
    public var taskID: String {
        didSet { taskIDHash = StoredHash.of(taskID) }
    }
    /// `taskID`'s hash, worked out once when the key is made. Every stream event looks its task
    /// up several times (the task, its order and finished indexes, its requests), and hashing a
    /// 36-byte id each time was most of those lookups.
    private var taskIDHash: Int

    public init(agentID: AgentID, taskID: String) {
        self.agentID = agentID
        self.taskID = taskID
        taskIDHash = StoredHash.of(taskID)
    }
    public var description: String { "\(agentID)/\(taskID)" }

    /// The same key with its id in fresh storage made on this thread (see `FreshCopy`): for a
    /// key the state starts keeping (a new task), so that the id the network thread decoded,
    /// shared by the task's entry and every index that names it, does not pin a page of that
    /// thread's heap for as long as the task is retained.
    public func freshCopy() -> TaskKey {
        var copy = self
        copy.taskID = FreshCopy.of(taskID)
        return copy
    }

    /// The task id alone: two agents reusing one id share a bucket, which one agent alone cannot
    /// cause (its ids are distinct keys). `Hasher` is seeded per process, so the stored value is
    /// as unpredictable to an agent as hashing the id at each lookup.
    public func hash(into hasher: inout Hasher) { hasher.combine(taskIDHash) }
    /// What `Dictionary` and `Set` ask for (see `StoredHash.scrambled`).
    public func _rawHashValue(seed: Int) -> Int { StoredHash.scrambled(taskIDHash, seed: seed) }

    /// Different hashes settle most unequal pairs without comparing the strings.
    public static func == (a: TaskKey, b: TaskKey) -> Bool {
        a.taskIDHash == b.taskIDHash && a.taskID == b.taskID && a.agentID == b.agentID
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
    /// Looked up on every stream event; tags are ours (a counter), so the cheap mix is enough.
    public func _rawHashValue(seed: Int) -> Int { StoredHash.scrambled(Int(truncatingIfNeeded: rawValue), seed: seed) }
}

/// A key's hash worked out once, when the key is made (`AgentID`, `TaskKey`), and what the
/// hashed collections get from it.
enum StoredHash {
    /// The string's full `Hasher` hash. `Hasher` is seeded per process, so a stored value is as
    /// unpredictable to an agent choosing ids as hashing the string at each lookup.
    static func of(_ string: String) -> Int {
        var hasher = Hasher()
        hasher.combine(string)
        return hasher.finalize()
    }

    /// `Dictionary` and `Set` hash each key with a seed of their own (two tables with different
    /// seeds place the same keys differently, so copying one into the other stays linear). By
    /// default that runs a whole `Hasher` over the stored hash: an initialisation, a combine and a
    /// finalisation, ~120 instructions per lookup, and a stream event does about a dozen lookups.
    /// The stored hash is already a keyed hash, so a cheap bijective mix with the seed (the
    /// SplitMix64 finaliser) spreads it as well: every bit of the result depends on every bit of
    /// both, and equal keys still get equal values.
    @inline(__always) static func scrambled(_ stored: Int, seed: Int) -> Int {
        Int(bitPattern: UInt(SplitMix64.mix(UInt64(UInt(bitPattern: stored ^ seed)))))
    }
}
