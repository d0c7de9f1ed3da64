import Foundation
import Testing
@testable import FleetKit

/// The load scenarios' rosters and pacing (what the process benchmarks run against).
@Suite struct ScenarioTests {
    @Test func theLoadRosterMixesDialectsTheStreamRosterIsAll1_0() {
        let load = Scenario.loadRoster(count: 20).map(\.dialect)
        #expect(load.filter { $0 == .v01 }.count == 2)
        #expect(load.filter { $0 == .v03 }.count == 2)
        #expect(load.filter { $0 == .v1 }.count == 16)
        let stream = Scenario.streamRoster(count: 200)
        #expect(stream.count == 200)
        #expect(stream.allSatisfy { $0.dialect == .v1 })
        #expect(Set(stream.map(\.name)).count == 200, "every agent has its own name")
    }

    @Test func streamTasksLiveForMinutesAtTheBenchmarkRate() {
        // 1,000 tasks, 5,000 status updates a second: a step every 0.2 s, 1,000 steps = 200 s.
        let driver = LoadDriver(endpoints: [], eventsPerSecond: 5_000, concurrent: 1_000, duration: 60,
                                stepsPerTask: Scenario.streamStepsPerTask)
        #expect(driver.prompt == "steps=1000 delay=0.2")
        #expect(Double(driver.stepsPerTask) * driver.stepDelay >= 180)
        // The directive the agents read back gives the same.
        let directives = Directives(parsing: driver.prompt)
        #expect(directives.steps == 1_000 && directives.delay == 0.2)
    }

    @Test func stepsAreBoundedAndDefaultToTen() {
        #expect(LoadDriver(endpoints: [], eventsPerSecond: 10, concurrent: 1, duration: 1).prompt.hasPrefix("steps=10 "))
        #expect(LoadDriver(endpoints: [], eventsPerSecond: 10, concurrent: 1, duration: 1, stepsPerTask: 0).stepsPerTask == 1)
        #expect(LoadDriver(endpoints: [], eventsPerSecond: 10, concurrent: 1, duration: 1, stepsPerTask: 1_000_000).stepsPerTask == Directives.maxSteps)
    }

    @Test func theSSETallyCountsEventsNotKeepAlives() {
        let tally = SSETally()
        tally.wrote("event: status\ndata: {}\n\n")
        tally.wrote(": ping\n\n")
        tally.wrote("data: {\"a\":1}\n\n")
        #expect(tally.eventsWritten == 2)
    }
}
