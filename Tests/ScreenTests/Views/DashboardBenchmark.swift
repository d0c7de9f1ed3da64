import A2A
import Deck
import Foundation
import Screen
import Testing

/// Frame cost at scale: 200 agents and 10,000 tasks at 120×40. Measures and prints; never
/// asserts a time (speed is for benchmarks, not pass/fail). Runs with AGENTDECK_BENCH=1.
@Suite("Dashboard benchmark")
struct DashboardBenchmark {
    static var enabled: Bool { ProcessInfo.processInfo.environment["AGENTDECK_BENCH"] == "1" }

    static func bigFleet(agents: Int, tasks: Int) -> DeckState {
        let configs = (0..<agents).map { AgentConfig(id: AgentID("a\($0)"), name: "agent-\($0)", url: "http://127.0.0.1:\(9000 + $0)/") }
        var state = DeckState(config: DeckConfig(agents: configs, listPollInterval: nil, maxFinishedTasks: tasks, maxTasks: tasks))
        let t0 = DashboardFixture.t0
        for c in configs {
            _ = state.update(.card(c.id, .fetched(DashboardFixture.card(c.name ?? ""), endpoint: DashboardFixture.endpoint(.v1), etag: nil, latency: 0.05)), now: t0)
        }
        let states: [TaskState] = [.working, .completed, .failed, .inputRequired, .submitted, .canceled]
        for i in 0..<tasks {
            let agent = configs[i % configs.count].id
            let at = t0.addingTimeInterval(Double(i % 280))
            var entry = TaskEntry(key: TaskKey(agentID: agent, taskID: "task-\(i)"), origin: .discovered, now: at)
            entry.apply(DashboardFixture.status("task-\(i)", states[i % states.count], "status text \(i)"), now: at)
            state.tasks[entry.key] = entry
        }
        state.ui.selectedTask = TaskKey(agentID: configs[0].id, taskID: "task-0")
        _ = state.update(.resize(TerminalSize(columns: 120, rows: 40)), now: t0)
        return state
    }

    @Test(.enabled(if: enabled)) func frameAt120x40With200AgentsAnd10000Tasks() {
        let state = Self.bigFleet(agents: 200, tasks: 10_000)
        var buffer = CellBuffer(width: 120, height: 40)
        let clock = ContinuousClock()
        let frames = 20
        var model: DeckViewModel?
        let modelTime = clock.measure { for _ in 0..<frames { model = state.viewModel(now: DashboardFixture.now) } }
        let drawTime = clock.measure {
            for _ in 0..<frames {
                if let model { DashboardView.render(model, now: DashboardFixture.now, into: &buffer, options: DashboardFixture.options) }
            }
        }
        print("view model: \(modelTime / frames) per frame; drawing: \(drawTime / frames) per frame")
        #expect(buffer.lines()[0].hasPrefix("AgentDeck [RW]"))
    }
}
