/// Which agents a fleet runs.
public enum Scenario: String, Sendable, CaseIterable {
    /// Ten distinct personalities across all three dialects.
    case demo
    /// N look-alike agents (mostly 1.0, some 0.3, a few 0.1) for load runs.
    case load
    /// The load roster with nothing running: agents answer card polls and empty task lists
    /// only. What an idle console costs is measured against this.
    case idle
    /// Load agents that all speak 1.0 (so a console finds their tasks with ListTasks) and tasks
    /// that stream for minutes: a console that follows them sees the whole event rate.
    case stream
    /// Load agents that all speak 1.0 and finish many short tasks, each with a report of
    /// `churnArtifactBytes` of prose: a console that discovers and follows them piles up
    /// finished tasks quickly (the memory budget's 10,000 finished tasks with 4 KB each).
    case churn

    public static let maxAgents = 1_000

    /// The demo roster, in the order the fleet prints their card URLs.
    public static var demoRoster: [Personality] {
        [.inventory, .pricing, .support, .codeReview, .chineseInventory, .deploy,
         .slowBackfill, .flakyWeather, .legacyAnalyzer]
    }

    /// Load agents: every 10th speaks 0.1, every 5th (otherwise) 0.3, the rest 1.0, like real fleets.
    public static func loadRoster(count: Int) -> [Personality] {
        loadRoster(count: count) { i in i % 10 == 9 ? .v01 : (i % 5 == 4 ? .v03 : .v1) }
    }

    /// The load roster with every agent on 1.0.
    public static func streamRoster(count: Int) -> [Personality] {
        loadRoster(count: count) { _ in .v1 }
    }

    /// Progress steps per task in the stream scenario: the most a directive allows, so each task
    /// lives `steps × delay` (200 s at 1,000 tasks and 5,000 status events a second).
    public static let streamStepsPerTask = Directives.maxSteps

    /// Churn tasks: a few steps each, so they finish soon, yet live long enough (steps × delay)
    /// for a console's ListTasks poll to find them running and follow their stream (a task
    /// first listed once finished comes without its artifacts: ListTasks leaves them out).
    public static let churnStepsPerTask = 4
    public static let churnArtifactBytes = 4_096

    static func loadRoster(count: Int, dialect: (Int) -> Dialect) -> [Personality] {
        (0..<min(max(count, 1), maxAgents)).map { i in
            let dialect = dialect(i)
            return Personality(
                name: "Load Agent \(i + 1)",
                description: "Synthetic agent for load runs; steer it with steps=N delay=S chunks=N.",
                dialect: dialect,
                skills: [Skill(id: "work", name: "Work", description: "Does N steps of synthetic work.",
                               tags: ["load"], examples: ["steps=10 delay=0.5 chunks=3"])]) { request in
                Plan.directed(PlanRequest(taskId: request.taskId, text: "steps=5 delay=1 chunks=2",
                                          isFollowUp: request.isFollowUp, ordinal: request.ordinal))
            }
        }
    }
}
