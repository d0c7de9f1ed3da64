import A2A
import Foundation

/// A task that reached a terminal state while we watched it: how it ended, how long it took,
/// which skill it ran.
public struct TaskOutcome: Sendable, Hashable {
    public enum Ending: Sendable, Hashable { case completed, failed, canceled, rejected }

    public var ending: Ending
    /// From the first state we saw to the terminal one, on the local clock (for a task we
    /// attached to or discovered while it ran, a lower bound).
    public var duration: TimeInterval
    public var skill: String?
    public var finishedAt: Date

    public init(ending: Ending, duration: TimeInterval, skill: String?, finishedAt: Date) {
        self.ending = ending
        self.duration = duration
        self.skill = skill
        self.finishedAt = finishedAt
    }

    /// The outcome of a task that has just become terminal; nil when it is not terminal, when
    /// it was already over the first time we heard of it (a finished task found by a list poll
    /// or `:attach`: it says nothing about this window, and its duration is unknown), or when it
    /// had ended before (an agent that flips a task back out of a terminal state and in again
    /// must not count it twice).
    public init?(finished entry: TaskEntry) {
        let transitions = entry.timeline.transitions
        guard let last = transitions.last, let first = transitions.first, last.state.isTerminal else { return nil }
        let ending: Ending
        switch last.state {
        case .completed: ending = .completed
        case .failed: ending = .failed
        case .canceled: ending = .canceled
        case .rejected: ending = .rejected
        default: return nil
        }
        let earlier = transitions.dropLast()
        guard !earlier.contains(where: { $0.state.isTerminal }) else { return nil }
        let seenRunning = earlier.contains { $0.at < last.at }
        guard entry.origin == .dispatched || seenRunning else { return nil }
        self.init(ending: ending, duration: max(0, last.at.timeIntervalSince(first.at)), skill: entry.skillID, finishedAt: last.at)
    }

    public var isSuccess: Bool { ending == .completed }
}
