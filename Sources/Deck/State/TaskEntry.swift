import A2A
import Foundation

/// How a task came to be in the list.
public enum TaskOrigin: Sendable, Hashable {
    /// Sent from this console.
    case dispatched
    /// Found by a ListTasks poll.
    case discovered
    /// Followed by id (`:attach`).
    case attached
}

/// Where our request to cancel a task stands.
public enum CancelStatus: Sendable, Hashable {
    case none
    /// Sent; shown until the agent reports `canceled`.
    case requested(at: Date)
    /// The agent refused or the call failed; the text says why.
    case refused(String)
    /// The agent reported `canceled`.
    case done
}

/// The event stream that feeds a task.
public enum StreamStatus: Sendable, Hashable {
    /// No stream was ever attached (a polled or discovered task).
    case none
    /// A stream was requested or is open.
    case live
    /// The stream ended early; we are fetching the task and subscribing again.
    case reconnecting(attempt: Int)
    case ended
}

/// One task as the dashboard knows it.
///
/// The fields live in one shared, copy-on-write box: every read out of the task dictionary copies
/// the entry (Dictionary has no borrowing read), and a copy of the box is one reference count where
/// a copy of the fields is some fifteen (about 700 instructions, a third of a frame at 10,000
/// tasks). A write copies the box first when another entry still shares it.
public struct TaskEntry: Sendable, Hashable {
    /// The stored fields, plainly.
    struct Fields: Sendable, Hashable {
        var key: TaskKey
        var accumulator: TaskAccumulator
        var isPlaceholder: Bool
        var origin: TaskOrigin
        var skillID: String?
        var requestText: String?
        var createdAt: Date
        var updatedAt: Date
        var timeline: TaskTimeline
        var cancel: CancelStatus = .none
        var stream: StreamStatus = .none
        var lastError: String?
        var reconnectAttempts = 0
        var isPolled = false
        var heardFromAgent = false
        var historyLeftOut = false
    }

    /// Mutated only while uniquely referenced (see `unique`), so sharing it across threads is safe.
    final class Box: @unchecked Sendable {
        @exclusivity(unchecked) var fields: Fields
        init(_ fields: Fields) { self.fields = fields }
    }

    private var box: Box

    /// The box, copied first if another entry shares it.
    private var unique: Box {
        mutating get {
            if !isKnownUniquelyReferenced(&box) { box = Box(box.fields) }
            return box
        }
    }

    public var key: TaskKey {
        get { box.fields.key }
        set { unique.fields.key = newValue }
    }
    /// Folds the agent's events; the source of truth for state, artifacts, history.
    public var accumulator: TaskAccumulator {
        get { box.fields.accumulator }
        _modify { yield &unique.fields.accumulator }
    }
    /// The task id is ours, waiting for the agent's first event to say the real one.
    public var isPlaceholder: Bool {
        get { box.fields.isPlaceholder }
        set { unique.fields.isPlaceholder = newValue }
    }
    public var origin: TaskOrigin {
        get { box.fields.origin }
        set { unique.fields.origin = newValue }
    }
    public var skillID: String? {
        get { box.fields.skillID }
        set { unique.fields.skillID = newValue }
    }
    /// The text the operator sent first, for the row and the detail view.
    public var requestText: String? {
        get { box.fields.requestText }
        set { unique.fields.requestText = newValue }
    }
    public var createdAt: Date {
        get { box.fields.createdAt }
        set { unique.fields.createdAt = newValue }
    }
    public var updatedAt: Date {
        get { box.fields.updatedAt }
        set { unique.fields.updatedAt = newValue }
    }
    public var timeline: TaskTimeline {
        get { box.fields.timeline }
        _modify { yield &unique.fields.timeline }
    }
    public var cancel: CancelStatus {
        get { box.fields.cancel }
        set { unique.fields.cancel = newValue }
    }
    public var stream: StreamStatus {
        get { box.fields.stream }
        set { unique.fields.stream = newValue }
    }
    public var lastError: String? {
        get { box.fields.lastError }
        set { unique.fields.lastError = newValue }
    }
    /// Stream drops in a row; reset by any event. Drives the reconnect backoff.
    public var reconnectAttempts: Int {
        get { box.fields.reconnectAttempts }
        set { unique.fields.reconnectAttempts = newValue }
    }
    /// The task was sent to a non-streaming agent: we poll it until it stops.
    public var isPolled: Bool {
        get { box.fields.isPolled }
        set { unique.fields.isPolled = newValue }
    }
    /// Any event or answer about this task arrived from the agent (false: only our own record).
    public var heardFromAgent: Bool {
        get { box.fields.heardFromAgent }
        set { unique.fields.heardFromAgent = newValue }
    }
    /// Discovered finished from a ListTasks answer, which leaves histories out: the history is
    /// fetched once, when the operator selects the task (`fetchHistoryOfSelectedTask`).
    public var historyLeftOut: Bool {
        get { box.fields.historyLeftOut }
        set { unique.fields.historyLeftOut = newValue }
    }

    public init(
        key: TaskKey, origin: TaskOrigin, isPlaceholder: Bool = false, contextID: String? = nil, skillID: String? = nil,
        requestText: String? = nil, now: Date
    ) {
        let accumulator = TaskAccumulator(taskID: key.taskID, contextID: contextID)
        box = Box(
            Fields(
                key: key, accumulator: accumulator, isPlaceholder: isPlaceholder, origin: origin, skillID: skillID,
                requestText: requestText, createdAt: now, updatedAt: now,
                timeline: TaskTimeline(start: accumulator.state, at: now)))
    }

    public static func == (a: TaskEntry, b: TaskEntry) -> Bool { a.box === b.box || a.box.fields == b.box.fields }
    public func hash(into hasher: inout Hasher) { box.fields.hash(into: &hasher) }

    public var agentID: AgentID { box.fields.key.agentID }
    /// The whole task; rebuilt from the packed form once the task finished (see `apply`): read it
    /// for the detail pane, a save or a copy, not for every row.
    public var task: A2ATask { box.fields.accumulator.task }
    public var state: TaskState { box.fields.accumulator.state }
    public var contextID: String? { box.fields.accumulator.contextID }
    public var statusText: String? { box.fields.accumulator.statusText }
    public var progressPercent: Double? { box.fields.accumulator.progressPercent }

    /// Cancel is offered for anything not finished and not already being canceled.
    public var isCancelable: Bool {
        guard !state.isTerminal, !isPlaceholder else { return false }
        if case .requested = cancel { return false }
        return true
    }

    /// A reply continues a task paused on input (or credentials).
    public var acceptsReply: Bool { state.isInterrupted && !isPlaceholder }

    public var isCancelRequested: Bool {
        if case .requested = cancel { true } else { false }
    }

    /// Folds an event in, recording state changes on the timeline. Returns true when visible.
    @discardableResult
    public mutating func apply(_ event: StreamEvent, now: Date) -> Bool {
        let changed = accumulator.apply(event)
        noteStateChange(now: now)
        if changed { updatedAt = now }
        // A finished task is packed later, a few per update, once it is no longer among the most
        // recently finished (see DeckState.packOldFinishedTasks); a later event unpacks it first.
        return changed
    }

    /// The accumulator's counted artifact bytes, read in place (the `accumulator` getter copies
    /// the whole accumulator: `fold` reads this twice per event).
    var artifactByteCount: Int { box.fields.accumulator.artifactByteCount }

    /// Whether an artifact lost chunks to a limit, read in place.
    func isArtifactTruncated(_ id: String) -> Bool { box.fields.accumulator.isTruncated(artifactID: id) }

    /// An artifact chunk the dashboard has no room for (`LiveArtifactBudget`): dropped, the
    /// artifact marked truncated.
    mutating func refuseParts(of update: ArtifactUpdate, now: Date) {
        if accumulator.refuseParts(of: update) { updatedAt = now }
    }

    /// Records the accumulator's current state on the timeline; settles a pending cancel.
    mutating func noteStateChange(now: Date) {
        if timeline.record(state, at: now) { updatedAt = now }
        if state == .canceled {
            cancel = .done
        } else if state.isTerminal, isCancelRequested {
            // Finished some other way before the cancel landed.
            cancel = .none
        }
    }
}
