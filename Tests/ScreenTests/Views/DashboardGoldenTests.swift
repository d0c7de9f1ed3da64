import A2A
import Deck
import Foundation
import Screen
import Testing

/// Whole screens compared with `Golden/*.txt` (see `Golden`).
@Suite("Dashboard golden screens")
struct DashboardGoldenTests {
    typealias F = DashboardFixture

    @Test func busyFleetAt120x40() throws {
        try Golden.check(F.lines(F.busy(), width: 120, height: 40), named: "busy-120x40")
    }

    @Test func busyFleetAt80x24() throws {
        try Golden.check(F.lines(F.busy(), width: 80, height: 24), named: "busy-80x24")
    }

    @Test func taskDetailFocusedAt80x24() throws {
        var state = F.busy()
        F.press([.enter], on: &state)
        #expect(state.ui.focus == .detail)
        try Golden.check(F.lines(state, width: 80, height: 24), named: "detail-80x24")
    }

    @Test func agentCardAt120x40() throws {
        var state = F.busy()
        F.press([.tab, .tab], on: &state)
        #expect(state.ui.focus == .agents)
        try Golden.check(F.lines(state, width: 120, height: 40), named: "agents-120x40")
    }

    @Test func readOnlyHelpAt80x24() throws {
        var state = F.busy(readOnly: true)
        F.press([.char("?")], on: &state)
        try Golden.check(F.lines(state, width: 80, height: 24), named: "help-ro-80x24")
    }

    @Test func readWriteHelpAt80x24() throws {
        var state = F.busy()
        F.press([.char("?")], on: &state)
        try Golden.check(F.lines(state, width: 80, height: 24), named: "help-rw-80x24")
    }

    @Test func cancelConfirmationAt80x24() throws {
        var state = F.busy()
        F.press([.char("c")], on: &state)
        try Golden.check(F.lines(state, width: 80, height: 24), named: "confirm-80x24")
    }

    @Test func dispatchPromptAt80x24() throws {
        var state = F.busy()
        F.press([.char("n")], on: &state)
        F.type("#summarize the Q3 deck", on: &state)
        try Golden.check(F.lines(state, width: 80, height: 24), named: "dispatch-80x24")
    }

    @Test func tooSmall() throws {
        try Golden.check(F.lines(F.busy(), width: 50, height: 12), named: "too-small-50x12")
    }
}
