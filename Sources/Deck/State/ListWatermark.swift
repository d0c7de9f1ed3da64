import A2A
import Foundation

/// Incremental discovery: the newest task status time an agent's ListTasks answers have shown.
/// The next poll asks only for tasks whose status changed since (1.0 `statusTimestampAfter`), so
/// a quiet agent answers with a task or two instead of restating its fifty newest every round:
/// 200 agents' worth of pages of finished tasks, decoded and compared only to change nothing, was
/// the console's largest memory swing (BENCHMARKS round 11).
///
/// What the filter would hide is what we already know: a task whose status has not changed since
/// we listed it. The filter starts `margin` before the newest status listed: replicas of one agent
/// whose clocks differ a little, or a status stored just after a newer one was listed, are not
/// missed (what it costs: tasks changed in that last second are restated, at most a page, as
/// before). A task the console could not take in (discovery's room was full) keeps the mark where
/// it was, so it is listed again until there is room.
public struct ListWatermark: Sendable, Hashable {
    /// The newest status timestamp listed so far; nil lists the newest page whole.
    public private(set) var newest: Date?
    /// The agent listed a task without a status timestamp. a2a-sdk's filter leaves such tasks
    /// out, so this agent is listed whole from now on.
    public private(set) var isUnusable = false

    public init() {}

    /// How far before the newest listed status the filter starts (see above).
    public static let margin: TimeInterval = 1

    /// What the next ListTasks asks for: tasks changed at or after this instant, or all of them.
    public var filter: Date? { isUnusable ? nil : newest?.addingTimeInterval(-Self.margin) }

    /// Takes in a page of listed tasks. `tookEveryTask` is false when discovery left some unknown
    /// task out (no room): the mark then stays, so the next poll lists it again.
    mutating func note(_ tasks: some Sequence<A2ATask>, tookEveryTask: Bool) {
        guard !isUnusable else { return }
        var pageNewest: Date?
        for task in tasks {
            guard let stamp = task.status.timestamp else {
                giveUp()
                return
            }
            if pageNewest.map({ stamp > $0 }) ?? true { pageNewest = stamp }
        }
        guard tookEveryTask, let pageNewest else { return }
        // Never backwards: an agent that ignores the filter restates older tasks.
        if newest.map({ pageNewest > $0 }) ?? true { newest = pageNewest }
    }

    /// List the agent whole from now on: it rejected the filter (invalid params) or listed a task
    /// the filter would hide.
    mutating func giveUp() {
        isUnusable = true
        newest = nil
    }

    /// The next poll lists the newest page whole again: the agent came back (it may have restarted
    /// with an empty store or another clock), or the operator asked for a refresh.
    mutating func forget() { newest = nil }
}
