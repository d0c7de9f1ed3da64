/// Which agents a fleet runs.
public enum Scenario: String, Sendable, CaseIterable {
    /// Ten distinct personalities across all three dialects.
    case demo
    /// N look-alike agents (mostly 1.0, some 0.3, a few 0.1) for load runs.
    case load

    public static let maxAgents = 1_000

    /// The demo roster, in the order the fleet prints their card URLs.
    public static var demoRoster: [Personality] {
        [.inventory, .pricing, .support, .codeReview, .chineseInventory, .deploy,
         .slowBackfill, .flakyWeather, .legacyAnalyzer]
    }

    /// Load agents: every 10th speaks 0.1, every 5th (otherwise) 0.3, the rest 1.0, like real fleets.
    public static func loadRoster(count: Int) -> [Personality] {
        (0..<min(max(count, 1), maxAgents)).map { i in
            let dialect: Dialect = i % 10 == 9 ? .v01 : (i % 5 == 4 ? .v03 : .v1)
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
