import Foundation
import Testing
@testable import AgentDeckCLI

@Suite struct DeadlineGridTests {
    @Test func deadlinesWakeAtTheNextGridPointNeverBefore() {
        let grid = DeadlineGrid(step: 0.25)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<1_000 {
            let deadline = Date(timeIntervalSince1970: 1_800_000_000 + Double.random(in: 0..<100, using: &generator))
            let wake = grid.wakeUp(for: deadline)
            #expect(wake >= deadline)
            #expect(wake.timeIntervalSince(deadline) < 0.25 + 1e-6)
            let steps = wake.timeIntervalSince1970 / 0.25
            #expect(abs(steps - steps.rounded()) < 1e-6, "on the grid")
        }
    }

    @Test func deadlinesWithinOneStepShareOneWakeUp() {
        let grid = DeadlineGrid(step: 0.25)
        let base = 1_800_000_000.0
        let wakes = Set([0.01, 0.07, 0.19, 0.25].map { grid.wakeUp(for: Date(timeIntervalSince1970: base + $0)) })
        #expect(wakes == [Date(timeIntervalSince1970: base + 0.25)])
        #expect(grid.wakeUp(for: Date(timeIntervalSince1970: base + 0.26)) == Date(timeIntervalSince1970: base + 0.5))
    }

    @Test func aZeroStepKeepsTheDeadline() {
        let deadline = Date(timeIntervalSince1970: 1_800_000_000.123)
        #expect(DeadlineGrid(step: 0).wakeUp(for: deadline) == deadline)
    }
}
