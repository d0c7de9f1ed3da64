import A2A
import Foundation
import Testing

@testable import Deck

/// Clicks and the wheel, as the runtime places them on panes.
@Suite struct PointerTests {
    func fleet() -> Harness {
        var h = Harness.standard()
        for i in 1...6 { h.discovered("t-\(i)", .working) }
        h.send(.tick)
        return h
    }

    @Test func aClickFocusesThePaneAndSelectsTheRow() throws {
        var h = fleet()
        h.state.ui.focus = .tasks
        h.send(.pointer(.select(.agents, row: 1)))
        #expect(h.state.ui.focus == .agents)
        #expect(h.state.ui.selectedAgent == bob)
        let rows = h.state.visibleTaskKeys(now: h.now)
        h.send(.pointer(.select(.tasks, row: 4)))
        #expect(h.state.ui.focus == .tasks)
        #expect(h.state.ui.selectedTask == rows[4])
        h.send(.pointer(.select(.detail, row: nil)))
        #expect(h.state.ui.focus == .detail)
        #expect(h.state.ui.selectedTask == rows[4], "focusing the detail keeps the task")
    }

    @Test func aClickBelowTheLastRowOnlyFocuses() {
        var h = fleet()
        let before = h.state.ui.selectedTask
        h.send(.pointer(.select(.tasks, row: 99)))
        #expect(h.state.ui.focus == .tasks)
        #expect(h.state.ui.selectedTask == before)
        h.send(.pointer(.select(.agents, row: -1)))
        #expect(h.state.ui.selectedAgent == alice)
    }

    @Test func theWheelMovesThroughThePaneUnderThePointer() throws {
        var h = fleet()
        let rows = h.state.visibleTaskKeys(now: h.now)
        h.state.ui.selectedTask = rows[0]
        h.state.ui.focus = .agents
        h.send(.pointer(.scroll(.tasks, by: DeckState.wheelStep)))
        #expect(h.state.ui.focus == .tasks)
        #expect(h.state.ui.selectedTask == rows[3])
        h.send(.pointer(.scroll(.tasks, by: -DeckState.wheelStep)))
        #expect(h.state.ui.selectedTask == rows[0])
        h.send(.pointer(.scroll(.detail, by: DeckState.wheelStep)))
        #expect(h.state.ui.scrollOffset(.detail) == 3)
    }

    @Test func theOpenPromptAndTheHelpAreNotClickedThrough() {
        var h = fleet()
        h.key(.char(":"))
        h.send(.pointer(.select(.agents, row: 1)))
        #expect(h.state.ui.prompt?.mode == .command)
        #expect(h.state.ui.selectedAgent == alice)
        h.key(.escape)
        h.key(.char("?"))
        h.send(.pointer(.select(.agents, row: 1)))
        #expect(!h.state.ui.showHelp, "a click closes the help")
        #expect(h.state.ui.selectedAgent == alice, "and does nothing else")
    }

    @Test func anUnplacedMouseKeyDoesNothing() {
        var h = fleet()
        let before = h.state
        #expect(h.key(.mouse(MouseEvent(.press, x: 3, y: 3))).isEmpty)
        #expect(h.state == before)
    }
}
