import Deck
import Foundation
import Testing

@testable import Screen

/// `DashboardFrameKey` decides when the runtime reuses the last frame's cells: two equal keys
/// must draw the same cells, and the clock must enter it where the views read it (task ages).
@Suite struct DashboardFrameKeyTests {
    typealias F = DashboardFixture

    struct Frame {
        var key: DashboardFrameKey
        var buffer: CellBuffer
        var model: DeckViewModel
    }

    func frame(_ state: DeckState, at now: Date, width: Int = 120, height: Int = 40) -> Frame {
        let model = state.viewModel(now: now)
        var buffer = CellBuffer(width: width, height: height)
        DashboardView.render(model, now: now, into: &buffer, options: F.options)
        return Frame(key: DashboardFrameKey(model, now: now, options: F.options, width: width, height: height), buffer: buffer, model: model)
    }

    @Test func equalKeysDrawEqualCellsAndAgesAreInTheKey() {
        // Only finished tasks: their rows change with the clock through their age alone.
        var state = F.busy()
        state.tasks = state.tasks.filter { $0.value.state.isTerminal }
        // Every quarter second over 150 s, once the health window is full (before, the task rate
        // divides by the time watched, which moves every frame): ages step a minute meanwhile.
        let start = F.now.addingTimeInterval(900)
        let frames = (0..<600).map { frame(state, at: start.addingTimeInterval(Double($0) * 0.25)) }
        var equalPairs = 0
        var agesOnly = 0
        for i in frames.indices.dropLast() {
            let (a, b) = (frames[i], frames[i + 1])
            if a.key == b.key {
                equalPairs += 1
                #expect(a.buffer == b.buffer, "frame \(i)")
            } else if a.model == b.model {
                agesOnly += 1
                #expect(a.buffer != b.buffer, "frame \(i): only an age moved, and it shows")
            }
        }
        #expect(equalPairs > 500, "most quarter seconds change nothing")
        #expect(agesOnly > 0, "some changed only an age")
    }

    @Test func sizeAndOptionsAreInTheKey() {
        let state = F.busy()
        let model = state.viewModel(now: F.now)
        let key = DashboardFrameKey(model, now: F.now, options: F.options, width: 120, height: 40)
        #expect(key == DashboardFrameKey(model, now: F.now, options: F.options, width: 120, height: 40))
        #expect(key != DashboardFrameKey(model, now: F.now, options: F.options, width: 80, height: 40))
        var ascii = F.options
        ascii.asciiBars = true
        #expect(key != DashboardFrameKey(model, now: F.now, options: ascii, width: 120, height: 40))
    }
}
