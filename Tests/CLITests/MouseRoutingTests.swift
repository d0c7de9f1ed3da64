import A2A
import Deck
import Foundation
import Screen
import Testing

@testable import AgentDeckCLI

/// A click lands on the row drawn under it (the views' layout and scrolling, not an estimate).
@Suite struct MouseRoutingTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func state(tasks: Int, width: Int = 120, height: Int = 40) -> DeckState {
        let agents = (1...3).map { AgentConfig(id: AgentID("a0\($0)"), url: "http://127.0.0.1:9/\($0)") }
        var state = DeckState(config: DeckConfig(agents: agents, listPollInterval: nil))
        _ = state.update(.resize(TerminalSize(columns: width, rows: height)), now: now)
        for i in 0..<tasks {
            var entry = TaskEntry(key: TaskKey(agentID: agents[0].id, taskID: "t-\(i)"), origin: .discovered, now: now.addingTimeInterval(Double(i)))
            entry.apply(.task(A2ATask(id: "t-\(i)", status: TaskStatus(state: .working))), now: now.addingTimeInterval(Double(i)))
            state.tasks[entry.key] = entry
        }
        return state
    }

    func layout(_ state: DeckState) -> DashboardLayout {
        DashboardLayout(width: state.ui.size.columns, height: state.ui.size.rows, focus: state.ui.focus, zoomed: state.ui.zoomed, agentCount: state.agentOrder.count)
    }

    @Test func aPressOnAnAgentRowSelectsThatAgent() throws {
        let s = state(tasks: 0)
        let agents = try #require(layout(s).agents)
        // Row 0 is drawn two lines under the pane's top (border, column header).
        let action = MouseRouting.action(for: MouseEvent(.press, x: agents.x + 5, y: agents.y + 2 + 2), in: s, now: now)
        #expect(action == .select(.agents, row: 2))
        #expect(MouseRouting.action(for: MouseEvent(.press, x: agents.x + 5, y: agents.y), in: s, now: now) == .select(.agents, row: nil), "the border only focuses")
    }

    @Test func aPressOnATaskRowFollowsTheScrolledWindow() throws {
        var s = state(tasks: 100)
        let keys = s.visibleTaskKeys(now: now)
        // Select a task far down: the view scrolls to keep it on screen; the click must agree.
        s.ui.selectedTask = keys[80]
        let tasks = try #require(layout(s).tasks)
        let visibleRows = tasks.height - 3
        let first = 80 - visibleRows + 1
        let action = MouseRouting.action(for: MouseEvent(.press, x: tasks.x + 3, y: tasks.y + 2), in: s, now: now)
        #expect(action == .select(.tasks, row: first))
        // Applied, it selects the task drawn there.
        _ = s.update(.pointer(try #require(action)), now: now)
        #expect(s.ui.selectedTask == keys[first])
    }

    @Test func theWheelAndTheDetailPane() throws {
        let s = state(tasks: 5)
        let detail = try #require(layout(s).detail, "side by side at 120 columns")
        #expect(MouseRouting.action(for: MouseEvent(.wheelDown, x: detail.x + 2, y: detail.y + 5), in: s, now: now) == .scroll(.detail, by: 3))
        #expect(MouseRouting.action(for: MouseEvent(.press, x: detail.x + 2, y: detail.y + 5), in: s, now: now) == .select(.detail, row: nil))
    }

    @Test func outsideThePanesOrOnATooSmallScreenNothingHappens() {
        let s = state(tasks: 5)
        #expect(MouseRouting.action(for: MouseEvent(.press, x: 3, y: 0), in: s, now: now) == nil, "the header")
        #expect(MouseRouting.action(for: MouseEvent(.press, x: 3, y: 39), in: s, now: now) == nil, "the key hints")
        let tiny = state(tasks: 5, width: 30, height: 10)
        #expect(MouseRouting.action(for: MouseEvent(.press, x: 3, y: 3), in: tiny, now: now) == nil)
    }
}
