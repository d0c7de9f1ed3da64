import Foundation
import Seeded
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

    @Test func churnTasksCarryTheirProseBytesInTheirReport() {
        // 600 tasks at once, 200 steps a second: each task's 4 steps are 3 s apart, so it lives
        // 12 s, longer than the console's 10 s ListTasks interval: it is found running and followed.
        let driver = LoadDriver(endpoints: [], eventsPerSecond: 200, concurrent: 600, duration: 60,
                                stepsPerTask: Scenario.churnStepsPerTask, artifactBytes: Scenario.churnArtifactBytes)
        #expect(Double(driver.stepsPerTask) * driver.stepDelay >= 12)
        let directives = Directives(parsing: driver.prompt)
        #expect(directives.steps == 4 && directives.text == 4_096)
        let plan = Plan.directed(PlanRequest(taskId: "9f1c2d3e-aaaa", text: driver.prompt))
        var report = ""
        var chunks = 0
        for case let .chunk(id, _, parts, _, last) in plan {
            #expect(id == "report-9f1c2d3e")
            report += parts.compactMap(\.text).joined()
            chunks += 1
            #expect(last == (chunks == 4))
        }
        #expect(chunks == 4)
        #expect(report.utf8.count == 4_096)
        #expect(report == ProseText.make(bytes: 4_096, seed: ProseText.seed(for: "9f1c2d3e-aaaa")))
        // Another task reports other text; bounds hold.
        let other = Plan.directed(PlanRequest(taskId: "0b0b0b0b-bbbb", text: driver.prompt))
        #expect(texts(of: other) != report)
        #expect(LoadDriver(endpoints: [], eventsPerSecond: 1, concurrent: 1, duration: 1, artifactBytes: -5).prompt == "steps=10 delay=1.0")
        #expect(Directives(parsing: "text=99999999").text == Directives.maxText)
    }

    private func texts(of plan: [Step]) -> String {
        plan.map { step in
            if case let .chunk(_, _, parts, _, _) = step { return parts.compactMap(\.text).joined() }
            return ""
        }.joined()
    }

    @Test func stepsAreBoundedAndDefaultToTen() {
        #expect(LoadDriver(endpoints: [], eventsPerSecond: 10, concurrent: 1, duration: 1).prompt.hasPrefix("steps=10 "))
        #expect(LoadDriver(endpoints: [], eventsPerSecond: 10, concurrent: 1, duration: 1, stepsPerTask: 0).stepsPerTask == 1)
        #expect(LoadDriver(endpoints: [], eventsPerSecond: 10, concurrent: 1, duration: 1, stepsPerTask: 1_000_000).stepsPerTask == Directives.maxSteps)
    }

    @Test func aTaskTotalStopsTheDriverOnceThatManyTasksFinished() async {
        // 3 lanes, 7 tasks in all over 2 agents: the driver returns when the 7th has finished,
        // long before its 600 s duration, and the agents hold exactly 7 tasks, all completed.
        let endpoints = Scenario.streamRoster(count: 2).map { AgentEndpoint(personality: $0) }
        let driver = LoadDriver(endpoints: endpoints, eventsPerSecond: 300, concurrent: 3, duration: 600,
                                stepsPerTask: 1, totalTasks: 7)
        let report = await driver.run()
        #expect(report.started == 7 && report.finished == 7)
        var tasks: [TaskRecord] = []
        for endpoint in endpoints { tasks += await endpoint.engine.allTasks() }
        #expect(tasks.count == 7)
        #expect(tasks.allSatisfy { $0.status.state == .completed })
    }

    @Test func aStartQuotaHandsOutItsLimitAndTakesBackFailedStarts() {
        let quota = StartQuota(limit: 2)
        #expect(quota.take() && quota.take())
        #expect(!quota.take())
        quota.giveBack()
        #expect(quota.take() && !quota.take())
        let unlimited = StartQuota(limit: nil)
        #expect((0..<1_000).allSatisfy { _ in unlimited.take() })
    }

    @Test func theSSETallyCountsEventsNotKeepAlives() {
        let tally = SSETally()
        tally.wrote("event: status\ndata: {}\n\n")
        tally.wrote(": ping\n\n")
        tally.wrote("data: {\"a\":1}\n\n")
        #expect(tally.eventsWritten == 2)
    }
}
