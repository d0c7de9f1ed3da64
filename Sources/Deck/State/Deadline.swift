/// Things to do later. Timers are data in the state: the runtime sleeps until
/// `DeckState.nextDeadline` and sends `.tick`; `update` then does whatever is due.
public enum Deadline: Sendable, Hashable {
    case cardPoll(AgentID)
    case listPoll(AgentID)
    /// Poll a task sent to a non-streaming agent (or after a cancel with no stream).
    case taskPoll(TaskKey)
    /// Try again to reattach to a task whose stream dropped.
    case reconnect(TaskKey)
}
