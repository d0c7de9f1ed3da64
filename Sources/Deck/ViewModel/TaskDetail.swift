import A2A
import Foundation

/// Everything the detail pane shows about the selected task.
public struct TaskDetail: Sendable, Hashable {
    public var row: TaskRow
    public var task: A2ATask
    public var contextID: String?
    /// Each visit to a state and how long it lasted (the last one until now while running).
    public var timeline: [Span]
    public var completedArtifactIDs: Set<String>
    /// Artifacts that lost chunks to a limit (shown as truncated, never silently cut).
    public var truncatedArtifactIDs: Set<String>
    public var requestText: String?
    public var canReply: Bool
    public var canCancel: Bool

    public struct Span: Sendable, Hashable {
        public var state: TaskState
        public var start: Date
        public var duration: TimeInterval
    }

    init(_ entry: TaskEntry, row: TaskRow, readOnly: Bool, now: Date) {
        self.row = row
        // Unpacked once (a finished task is kept packed) for both the task and the complete ids.
        let accumulator = entry.accumulator.unpacked
        task = accumulator.task
        contextID = entry.contextID
        let spans = entry.timeline.spans(now: now)
        timeline = zip(entry.timeline.transitions, spans).map { Span(state: $0.state, start: $0.at, duration: $1.duration) }
        completedArtifactIDs = accumulator.completedArtifactIDs
        truncatedArtifactIDs = accumulator.truncatedArtifactIDs
        requestText = entry.requestText
        canReply = !readOnly && entry.acceptsReply
        canCancel = !readOnly && entry.isCancelable
    }
}
