import A2A
import Foundation

/// One line of the tasks pane.
public struct TaskRow: Sendable, Hashable {
    public var key: TaskKey
    public var agentName: String
    public var state: TaskState
    public var needsAttention: Bool
    public var isPlaceholder: Bool
    public var origin: TaskOrigin
    public var skillID: String?
    /// The latest status text, else what we asked.
    public var summary: String
    public var progressPercent: Double?
    public var cancel: CancelStatus
    public var stream: StreamStatus
    public var lastError: String?
    public var createdAt: Date
    public var updatedAt: Date
    /// Since the first state we saw, to the terminal one or now.
    public var duration: TimeInterval
    public var isSelected: Bool

    init(_ entry: TaskEntry, agentName: String, selected: Bool, now: Date) {
        key = entry.key
        self.agentName = agentName
        state = entry.state
        needsAttention = entry.state.needsAttention
        isPlaceholder = entry.isPlaceholder
        origin = entry.origin
        skillID = entry.skillID
        summary = entry.statusText ?? entry.requestText ?? ""
        progressPercent = entry.progressPercent
        cancel = entry.cancel
        stream = entry.stream
        lastError = entry.lastError
        createdAt = entry.createdAt
        updatedAt = entry.updatedAt
        duration = entry.timeline.totalDuration(now: now)
        isSelected = selected
    }
}
