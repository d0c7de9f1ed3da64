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
public struct TaskEntry: Sendable, Hashable {
    public var key: TaskKey
    /// Folds the agent's events; the source of truth for state, artifacts, history.
    public var accumulator: TaskAccumulator
    /// The task id is ours, waiting for the agent's first event to say the real one.
    public var isPlaceholder: Bool
    public var origin: TaskOrigin
    public var skillID: String?
    /// The text the operator sent first, for the row and the detail view.
    public var requestText: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var timeline: TaskTimeline
    public var cancel: CancelStatus = .none
    public var stream: StreamStatus = .none
    public var lastError: String?
    /// Stream drops in a row; reset by any event. Drives the reconnect backoff.
    public var reconnectAttempts = 0
    /// The task was sent to a non-streaming agent: we poll it until it stops.
    public var isPolled = false

    public init(
        key: TaskKey, origin: TaskOrigin, isPlaceholder: Bool = false, contextID: String? = nil, skillID: String? = nil,
        requestText: String? = nil, now: Date
    ) {
        self.key = key
        self.accumulator = TaskAccumulator(taskID: key.taskID, contextID: contextID)
        self.isPlaceholder = isPlaceholder
        self.origin = origin
        self.skillID = skillID
        self.requestText = requestText
        self.createdAt = now
        self.updatedAt = now
        self.timeline = TaskTimeline(start: accumulator.task.status.state, at: now)
    }

    public var task: A2ATask { accumulator.task }
    public var state: TaskState { accumulator.task.status.state }
    public var contextID: String? { accumulator.task.contextID }
    public var statusText: String? { accumulator.statusText }
    public var progressPercent: Double? { accumulator.progressPercent }

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
        return changed
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
