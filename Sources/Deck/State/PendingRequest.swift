/// Why we sent a request: tells `update` what to do with the answer that comes back by tag.
public enum RequestPurpose: Sendable, Hashable {
    /// A new task (stream or non-blocking send); the key may still be a placeholder.
    case dispatch(TaskKey)
    /// A follow-up message on an interrupted task.
    case reply(TaskKey)
    case cancel(TaskKey)
    /// Reconcile after a stream dropped: get, then subscribe if still active.
    case reconcile(TaskKey)
    /// Poll a task that has no stream.
    case poll(TaskKey)
    /// Follow a task by id: get, then subscribe if active.
    case attach(TaskKey)
    /// Reattach to a running task's events.
    case subscribe(TaskKey)
    /// ListTasks discovery on one agent.
    case list(AgentID)
    /// The history a ListTasks answer left out, fetched when the operator selects the task.
    case history(TaskKey)

    public var taskKey: TaskKey? {
        switch self {
        case .dispatch(let k), .reply(let k), .cancel(let k), .reconcile(let k), .poll(let k), .attach(let k),
            .subscribe(let k), .history(let k):
            k
        case .list: nil
        }
    }

    /// The same purpose for a task that got its real id.
    func rekeyed(from old: TaskKey, to new: TaskKey) -> RequestPurpose {
        guard taskKey == old else { return self }
        switch self {
        case .dispatch: return .dispatch(new)
        case .reply: return .reply(new)
        case .cancel: return .cancel(new)
        case .reconcile: return .reconcile(new)
        case .poll: return .poll(new)
        case .attach: return .attach(new)
        case .subscribe: return .subscribe(new)
        case .history: return .history(new)
        case .list: return self
        }
    }
}

/// A request or stream in flight.
public struct PendingRequest: Sendable, Hashable {
    public var agentID: AgentID
    public var purpose: RequestPurpose
    public var isStream: Bool
    public init(agentID: AgentID, purpose: RequestPurpose, isStream: Bool) {
        self.agentID = agentID
        self.purpose = purpose
        self.isStream = isStream
    }
}
