import A2A
import Foundation
import Testing

@testable import Deck

/// What the health window costs per frame with every window full: 200 agents, a card poll every
/// 3 s and a finished task every 2 s per agent for 15 minutes. Measures and prints; never
/// asserts a time. Runs with AGENTDECK_BENCH=1.
@Suite("Health benchmark")
struct HealthBenchmark {
    static var enabled: Bool { ProcessInfo.processInfo.environment["AGENTDECK_BENCH"] == "1" }

    @Test(.enabled(if: enabled)) func viewModelWith200FullWindows() throws {
        let configs = (0..<200).map { AgentConfig(id: AgentID("a\($0)"), url: "http://127.0.0.1:\(9000 + $0)/") }
        var state = DeckState(config: DeckConfig(agents: configs, listPollInterval: nil))
        let clock = ContinuousClock()
        let feed = clock.measure {
            for second in stride(from: 0, to: 900, by: 1) {
                let at = t0.addingTimeInterval(Double(second))
                for (i, c) in configs.enumerated() {
                    if (second + i) % 3 == 0 {
                        state.agents[c.id]?.metrics.recordPoll(ok: second % 97 != 0, latency: Double((second * 7 + i) % 200) / 1000, at: at)
                    }
                    if (second + i) % 2 == 0 {
                        let ending: TaskOutcome.Ending = (second + i) % 11 == 0 ? .failed : .completed
                        state.agents[c.id]?.metrics.recordTask(
                            TaskOutcome(ending: ending, duration: Double((second * 13 + i) % 120), skill: "skill-\(i % 5)", finishedAt: at))
                    }
                }
            }
        }
        let now = t0.addingTimeInterval(899)
        state.ui.focus = .agents
        let frames = 20
        var model: DeckViewModel?
        let modelTime = clock.measure { for _ in 0..<frames { model = state.viewModel(now: now) } }
        let events = 900 * 200 / 3 + 900 * 200 / 2
        print("health: \(events) events fed in \(feed) (\(feed / events) each); view model with 200 full windows: \(modelTime / frames) per frame")
        let detail = try #require(model?.agentDetail?.metrics)
        #expect(detail.finished > 0 && detail.durationP95 != nil)
    }
}

extension HealthBenchmark {
    @Test(.enabled(if: enabled)) func partsOfASummary() {
        var m = AgentMetrics(shape: .standard)
        for second in 0..<900 {
            let at = t0.addingTimeInterval(Double(second))
            if second % 3 == 0 { m.recordPoll(ok: true, latency: Double(second % 200) / 1000, at: at) }
            if second % 2 == 0 { m.recordTask(TaskOutcome(ending: .completed, duration: Double(second % 120), skill: "s", finishedAt: at)) }
        }
        let now = t0.addingTimeInterval(899)
        let clock = ContinuousClock()
        let n = 200
        var count = 0
        let buckets = clock.measure { for _ in 0..<n { count += m.window.buckets(endingAt: now).count } }
        let row = clock.measure { for _ in 0..<n { count += m.summary(now: now).polls } }
        let detailed = clock.measure { for _ in 0..<n { count += m.summary(now: now, detailed: true).polls } }
        print("health parts per agent: buckets \(buckets / n), row summary \(row / n), detailed \(detailed / n) (\(count))")
    }
}
