import A2A
import Foundation

/// The states a task went through, with the local time each was first seen. Local receipt time,
/// not the agent's timestamp: agent clocks differ, and durations must add up on one clock.
public struct TaskTimeline: Sendable, Hashable {
    public struct Transition: Sendable, Hashable {
        public var state: TaskState
        public var at: Date
        public init(state: TaskState, at: Date) {
            self.state = state
            self.at = at
        }
    }

    /// Bounded: a task flapping between states must not grow without end.
    public static let maxTransitions = 64

    public private(set) var transitions: [Transition] = []

    public init() {}

    public init(start state: TaskState, at: Date) { transitions = [Transition(state: state, at: at)] }

    public var current: TaskState? { transitions.last?.state }

    /// Records a state when it differs from the current one. Returns true when recorded.
    @discardableResult
    public mutating func record(_ state: TaskState, at: Date) -> Bool {
        guard state != current else { return false }
        transitions.append(Transition(state: state, at: at))
        if transitions.count > Self.maxTransitions {
            transitions.removeSubrange(1...(transitions.count - Self.maxTransitions))
        }
        return true
    }

    /// Gives back the array's spare room: a finished task keeps its timeline for as long as it is
    /// retained, and growth left room for one or two transitions more (~30 bytes a task).
    public mutating func shrinkToFit() {
        guard transitions.capacity > transitions.count else { return }
        var exact: [Transition] = []
        exact.reserveCapacity(transitions.count)
        exact.append(contentsOf: transitions)
        transitions = exact
    }

    /// Time spent in each visit, in order; the last one runs until `now` unless it is terminal.
    public func spans(now: Date) -> [(state: TaskState, duration: TimeInterval)] {
        transitions.indices.map { i in
            let t = transitions[i]
            let end: Date
            if i + 1 < transitions.count {
                end = transitions[i + 1].at
            } else {
                end = t.state.isTerminal ? t.at : now
            }
            return (t.state, max(0, end.timeIntervalSince(t.at)))
        }
    }

    /// Total time spent in one state across all visits.
    public func timeIn(_ state: TaskState, now: Date) -> TimeInterval {
        spans(now: now).filter { $0.state == state }.reduce(0) { $0 + $1.duration }
    }

    /// From the first transition to the terminal one (or to now while running).
    public func totalDuration(now: Date) -> TimeInterval {
        guard let first = transitions.first, let last = transitions.last else { return 0 }
        let end = last.state.isTerminal ? last.at : now
        return max(0, end.timeIntervalSince(first.at))
    }
}
