import A2A
import Foundation

/// Bounds the artifact bytes that running (unfinished) tasks hold in all. Each task is bounded on
/// its own (`TaskAccumulator.taskArtifactByteLimit`, 24 MB), but 1,000 followed tasks streaming
/// long reports grew the dashboard by 120 MB in 30 s; finished tasks are bounded by retention and
/// packed, running ones were not.
///
/// The rule: a chunk is always taken while all running tasks together stay within `limit`;
/// beyond it, only while its task holds no more than its fair share (`limit` / tasks holding
/// bytes). So the total stays under twice the limit, and one flooding task cannot starve the
/// others. A refused chunk is dropped and its artifact marked truncated
/// (`TaskAccumulator.refuseParts(of:)`: the detail pane and a save say so), and so are that
/// artifact's later chunks: its text is a true prefix, never one with holes. The raw view and the
/// journal still have what the agent sent.
struct LiveArtifactBudget: Sendable, Hashable {
    /// Counted bytes (`TaskAccumulator.artifactByteCount`) of each unfinished task holding any.
    private(set) var bytesByTask: [TaskKey: Int] = [:]
    private(set) var total = 0

    func bytes(of key: TaskKey) -> Int { bytesByTask[key] ?? 0 }

    /// Records what a task holds now (0, or a finished task: it no longer counts).
    mutating func set(_ key: TaskKey, bytes: Int) {
        let old = bytes > 0 ? bytesByTask.updateValue(bytes, forKey: key) : bytesByTask.removeValue(forKey: key)
        total += bytes - (old ?? 0)
    }

    /// Whether a task holding `held` bytes may take `incoming` more.
    func admits(_ incoming: Int, held: Int, limit: Int) -> Bool {
        if total + incoming <= limit { return true }
        let holders = bytesByTask.count + (held == 0 ? 1 : 0)
        return held + incoming <= limit / max(1, holders)
    }

    /// Forgets tasks that are gone or finished by a path that did not say so (tasks changed
    /// outside `update`: fixtures, benchmarks).
    mutating func forgetStale(_ tasks: [TaskKey: TaskEntry]) {
        for key in bytesByTask.keys where tasks[key].map({ $0.state.isTerminal }) ?? true {
            set(key, bytes: 0)
        }
    }
}

extension DeckState {
    /// Artifact bytes running tasks hold in all (see `LiveArtifactBudget`).
    public var liveArtifactBytes: Int { liveArtifacts.total }

    /// `fold`'s gate for an artifact chunk of an unfinished task: false when the budget has no
    /// room for it (or its artifact already lost chunks to the budget). Static, given the budget
    /// and the limit: as a method it made `fold` copy the whole state for each artifact chunk.
    static func admits(
        _ update: ArtifactUpdate, of key: TaskKey, entry: TaskEntry, budget: LiveArtifactBudget, limit: Int
    ) -> Bool {
        let incoming = update.artifact.parts.reduce(0) { $0 + TaskAccumulator.size(of: $1) }
        let held = budget.bytes(of: key)
        guard budget.admits(incoming, held: held, limit: limit) else { return false }
        // A prefix, not one with a hole: an artifact truncated by the budget stays so.
        return !(update.append && entry.isArtifactTruncated(update.artifact.artifactID))
    }

    /// After `fold` applied an event to a task that held `before` bytes (-1: it was finished, so
    /// not counted): what it holds now (a finished task no longer counts).
    mutating func noteLiveArtifactBytes(_ key: TaskKey, _ entry: TaskEntry, before: Int) {
        if entry.state.isTerminal {
            liveArtifacts.set(key, bytes: 0)
        } else {
            let bytes = entry.artifactByteCount
            if bytes != before { liveArtifacts.set(key, bytes: bytes) }
        }
    }
}
