import Foundation

/// One agent as the operator configured it.
public struct AgentConfig: Sendable, Hashable {
    public var id: AgentID
    /// The configured display name; the card's name is used when absent.
    public var name: String?
    public var url: String
    /// Never send anything that changes this agent (dispatch, reply, cancel).
    public var readOnly: Bool
    /// TLS verification is off for this agent (shown as a warning flag).
    public var insecure: Bool

    public init(id: AgentID, name: String? = nil, url: String, readOnly: Bool = false, insecure: Bool = false) {
        self.id = id
        self.name = name
        self.url = url
        self.readOnly = readOnly
        self.insecure = insecure
    }
}

/// Everything the dashboard is told at start. Intervals in seconds.
public struct DeckConfig: Sendable, Hashable {
    public var agents: [AgentConfig]
    /// Monitoring only: no mutating action exists, for any agent. `:ro` turns it on at run time;
    /// `:rw` turns it off unless `readOnlyForcedBy` says it was forced.
    public var readOnly: Bool
    /// Why read-only cannot be left (`--read-only`, the config's `readOnly: true`); nil when the
    /// console started read-write.
    public var readOnlyForcedBy: String?
    public var cardPollInterval: TimeInterval
    /// ListTasks discovery on V1 agents; nil turns discovery off.
    public var listPollInterval: TimeInterval?
    /// Polling a task dispatched to a non-streaming agent.
    public var taskPollInterval: TimeInterval
    /// A card poll slower than this marks the agent degraded.
    public var slowPollThreshold: TimeInterval
    /// This many failed calls in a row mark the agent degraded.
    public var callFailuresForDegraded: Int
    /// Finished (terminal) tasks kept; the oldest beyond this are dropped.
    public var maxFinishedTasks: Int
    /// The most recently finished tasks kept unpacked; older finished ones are packed (about a
    /// third of their size, unpacked again when read: ~0.1 ms), a few per update. At or above
    /// `maxFinishedTasks`, nothing is ever packed. 32, not more: an unpacked task holds the values
    /// its events were decoded into, on the network thread's heap pages, which stay resident as
    /// long as one of them lives (BENCHMARKS.md, round 9).
    public var keepFinishedUnpacked: Int
    /// Finished tasks packed together, in one deflate stream (`TaskAccumulator.compact(together:)`):
    /// their texts share vocabulary, so a group packs smaller than its tasks alone. The packing
    /// waits until this many are beyond `keepFinishedUnpacked` (1: each task alone, at once).
    public var finishedPackingGroup = 8
    /// Artifact bytes (`TaskAccumulator.artifactByteCount`) all running tasks may hold together
    /// before chunks are dropped, visibly (see `LiveArtifactBudget`: at most twice this in all).
    public var liveArtifactByteLimit = 16 << 20
    /// Discovery and attach stop adding tasks while this many are unfinished: an agent listing
    /// endless "working" tasks must not exhaust memory. Finished tasks do not count (they are
    /// bounded by `maxFinishedTasks`): counted in, 10,000 retained finished tasks kept discovery
    /// from ever reaching them (the default here was half of that).
    public var maxTasks: Int
    /// How long an info/error line stays on the status line.
    public var statusLineDuration: TimeInterval
    /// Seeds the generator of message ids, placeholder ids and jitter: same seed, same run.
    public var seed: UInt64
    /// Prompt history entries kept per prompt kind.
    public var historyLimit: Int
    /// The themes `:theme` can name (for Tab completion; the runtime still checks the name).
    public var themeNames: [String] = []
    /// Fleet health is kept over this rolling window, cut into `healthBucket` intervals (one
    /// sparkline cell each).
    public var healthWindow: TimeInterval
    public var healthBucket: TimeInterval

    public init(
        agents: [AgentConfig], readOnly: Bool = false, cardPollInterval: TimeInterval = 30,
        listPollInterval: TimeInterval? = 10, taskPollInterval: TimeInterval = 2, slowPollThreshold: TimeInterval = 2,
        callFailuresForDegraded: Int = 3, maxFinishedTasks: Int = 200, keepFinishedUnpacked: Int = 32, maxTasks: Int = 5000, statusLineDuration: TimeInterval = 5,
        seed: UInt64 = 0x5EED, historyLimit: Int = 100, readOnlyForcedBy: String? = nil,
        healthWindow: TimeInterval = 900, healthBucket: TimeInterval = 30
    ) {
        self.agents = agents
        self.readOnly = readOnly
        // Started read-only without a stated reason: still forced, `:rw` must not undo it.
        self.readOnlyForcedBy = readOnly ? (readOnlyForcedBy ?? "the console was started read-only") : nil
        self.cardPollInterval = cardPollInterval
        self.listPollInterval = listPollInterval
        self.taskPollInterval = taskPollInterval
        self.slowPollThreshold = slowPollThreshold
        self.callFailuresForDegraded = callFailuresForDegraded
        self.maxFinishedTasks = maxFinishedTasks
        self.keepFinishedUnpacked = keepFinishedUnpacked
        self.maxTasks = maxTasks
        self.statusLineDuration = statusLineDuration
        self.seed = seed
        self.historyLimit = historyLimit
        self.healthWindow = healthWindow
        self.healthBucket = healthBucket
    }

    /// The health window as configured (nonsense corrected, see `HealthWindowShape`).
    public var healthWindowShape: HealthWindowShape { HealthWindowShape(window: healthWindow, bucket: healthBucket) }
}
