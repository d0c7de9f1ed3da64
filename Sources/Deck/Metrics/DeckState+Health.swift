import Foundation

/// Where `update` feeds the health window when a task ends (card polls are fed in
/// `handleCard`). Kept here so the update files only carry one-line calls.
extension DeckState {
    /// The hook `update` calls where a task becomes terminal: counts it in its agent's window
    /// (if we watched it run, see `TaskOutcome.init(finished:)`).
    mutating func recordFinished(_ entry: TaskEntry) {
        guard let outcome = TaskOutcome(finished: entry) else { return }
        agents[entry.key.agentID]?.metrics.recordTask(outcome)
    }

    /// A task we sent that a list poll saw finish before its stream named it: the discovered
    /// entry was not counted (found finished), and its end will not be seen again. Counted here,
    /// timed from the dispatch.
    mutating func recordFinishedFirstSeenByDiscovery(_ merged: TaskEntry, placeholder: TaskEntry) {
        guard !placeholder.state.isTerminal, let end = merged.timeline.transitions.last,
            var outcome = TaskOutcome(finished: merged)
        else { return }
        outcome.duration = max(0, end.at.timeIntervalSince(placeholder.createdAt))
        agents[merged.key.agentID]?.metrics.recordTask(outcome)
    }
}
