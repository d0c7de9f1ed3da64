import Foundation

/// The whole fleet over the window, for the header: throughput and success across agents.
public struct FleetHealth: Sendable, Hashable {
    public var window: TimeInterval
    public var finished = 0
    public var completed = 0
    public var tasksPerMinute: Double = 0
    public var polls = 0
    public var pollsFailed = 0

    /// Completed over all finished; nil before any task finished in the window.
    public var successRate: Double? { finished == 0 ? nil : Double(completed) / Double(finished) }

    public init(_ agents: [HealthSummary]) {
        window = agents.map(\.window).max() ?? 0
        for a in agents {
            finished += a.finished
            completed += a.completed
            tasksPerMinute += a.tasksPerMinute
            polls += a.polls
            pollsFailed += a.pollsFailed
        }
    }
}
