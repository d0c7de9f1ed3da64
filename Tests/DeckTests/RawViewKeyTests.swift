import A2A
import Foundation
import Testing

@testable import Deck

@Suite struct RawViewKeyTests {
    @Test func vOpensTheRawViewWhichScrollsAndClosesOnAnyOtherKey() {
        var h = Harness.standard()
        #expect(h.key(.char("v")).isEmpty)
        #expect(h.state.ui.showRaw)
        h.key(.char("j"))
        h.key(.down)
        #expect(h.state.ui.rawScroll == 2)
        h.key(.char("k"))
        #expect(h.state.ui.rawScroll == 1)
        h.key(.pageDown)
        #expect(h.state.ui.rawScroll > 2)
        h.key(.home)
        #expect(h.state.ui.rawScroll == 0)
        h.key(.up)
        #expect(h.state.ui.rawScroll == 0, "never above the top")
        // A key that would do something else (here: dispatch) only closes the view.
        #expect(h.key(.char("n")).isEmpty)
        #expect(!h.state.ui.showRaw)
        #expect(h.state.ui.prompt == nil)
    }

    @Test func qQuitsFromTheRawView() {
        var h = Harness.standard()
        h.key(.char("v"))
        #expect(h.key(.char("q")) == [.quit])
    }

    @Test func theRawViewIsAvailableReadOnlyAndListedInTheHelp() {
        let h = Harness.standard(readOnly: true)
        #expect(h.state.effectiveKeyMap.action(for: .char("v")) == .raw)
        #expect(KeyMap.standard.help.contains { $0.action == .raw && $0.keys == ["v"] })
    }
}
