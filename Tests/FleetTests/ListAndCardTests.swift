import Foundation
import Testing
@testable import FleetKit

@Suite struct ListAndCardTests {
    private func task(_ id: String, context: String, state: TaskState, second: Double) -> TaskRecord {
        TaskRecord(id: id, contextId: context, status: TaskStatus(state: state, message: nil, timestamp: Date(timeIntervalSince1970: second)))
    }

    @Test func pagesNewestFirstWithCursorTokens() throws {
        let tasks = (1...5).map { task("t\($0)", context: $0 % 2 == 0 ? "even" : "odd", state: $0 == 5 ? .working : .completed, second: Double($0)) }
        let first = try #require(TaskListQuery(contextId: nil, state: nil, pageSize: 2, pageToken: nil).page(of: tasks))
        #expect(first.tasks.map(\.id) == ["t5", "t4"])
        #expect(first.totalSize == 5)
        let token = try #require(first.nextPageToken)
        #expect(!token.contains("="))
        let second = try #require(TaskListQuery(contextId: nil, state: nil, pageSize: 2, pageToken: token).page(of: tasks))
        #expect(second.tasks.map(\.id) == ["t3", "t2"])
        let last = try #require(TaskListQuery(contextId: nil, state: nil, pageSize: 2, pageToken: second.nextPageToken).page(of: tasks))
        #expect(last.tasks.map(\.id) == ["t1"])
        #expect(last.nextPageToken == nil)
        #expect(TaskListQuery(contextId: nil, state: nil, pageSize: 2, pageToken: "garbage!").page(of: tasks) == nil)
    }

    @Test func filtersByContextAndState() throws {
        let tasks = (1...5).map { task("t\($0)", context: $0 % 2 == 0 ? "even" : "odd", state: $0 == 5 ? .working : .completed, second: Double($0)) }
        let even = try #require(TaskListQuery(contextId: "even", state: nil, pageSize: 50, pageToken: nil).page(of: tasks))
        #expect(even.tasks.map(\.id) == ["t4", "t2"])
        let working = try #require(TaskListQuery(contextId: nil, state: .working, pageSize: 50, pageToken: nil).page(of: tasks))
        #expect(working.tasks.map(\.id) == ["t5"])
        #expect(TaskState(wireName: "TASK_STATE_INPUT_REQUIRED") == .inputRequired)
        #expect(TaskState(wireName: "input-required") == .inputRequired)
        #expect(TaskState(wireName: "bogus") == nil)
    }

    @Test func filtersByStatusTimeAsTheSDKDoes() throws {
        var tasks = (1...5).map { task("t\($0)", context: "c", state: .completed, second: Double($0) + 0.25) }
        tasks.append(TaskRecord(id: "unstamped", contextId: "c", status: TaskStatus(state: .completed, message: nil, timestamp: nil)))
        var query = TaskListQuery(contextId: nil, state: nil, pageSize: 50, pageToken: nil)
        #expect(try #require(query.page(of: tasks)).tasks.count == 6)
        // At or after: the task at the very instant is listed; a task without a timestamp is not.
        query.statusTimestampAfter = Date(timeIntervalSince1970: 4.25)
        let changed = try #require(query.page(of: tasks))
        #expect(changed.tasks.map(\.id) == ["t5", "t4"])
        #expect(changed.totalSize == 2)
        #expect(Timestamp.parse("1970-01-01T00:00:04.25Z") == Date(timeIntervalSince1970: 4.25))
        #expect(Timestamp.parse("1970-01-01T00:00:04Z") == Date(timeIntervalSince1970: 4))
        #expect(Timestamp.parse("yesterday") == nil)
    }

    @Test func cardsHaveTheirDialectsShape() {
        let v1 = Card.json(for: .codeReview, baseURL: "http://127.0.0.1:9/")
        #expect(v1["supportedInterfaces"]?.arrayValue?.first?["protocolVersion"]?.stringValue == "1.0")
        #expect(v1["url"] == nil && v1["protocolVersion"] == nil)
        #expect(v1["securitySchemes"]?["bearer"]?["httpAuthSecurityScheme"]?["scheme"]?.stringValue == "bearer")
        #expect(v1["skills"]?.arrayValue?.map { $0["id"]?.stringValue } == ["security-scan", "performance-analysis"])

        let v03 = Card.json(for: .support, baseURL: "http://127.0.0.1:9/")
        #expect(v03["protocolVersion"]?.stringValue == "0.3.0")
        #expect(v03["preferredTransport"]?.stringValue == "JSONRPC")
        #expect(v03["url"]?.stringValue == "http://127.0.0.1:9/")
        #expect(v03["supportedInterfaces"] == nil)
        #expect(v03 == v03.sortedKeys())

        let v01 = Card.json(for: .legacyAnalyzer, baseURL: "http://127.0.0.1:9/")
        #expect(v01["protocolVersion"] == nil)
        #expect(v01["capabilities"]?["stateTransitionHistory"]?.boolValue == true)
        #expect(Card.paths(for: .v01) == ["/.well-known/agent.json"])
    }

    @Test func etagIsStableWeakAndComparedWeakly() {
        let card = Card.json(for: .pricing, baseURL: "http://127.0.0.1:9/")
        let tag = ETag.weak(for: card)
        #expect(tag.hasPrefix("W/\"") && tag.count == 68)
        #expect(tag == ETag.weak(for: card))
        #expect(tag != ETag.weak(for: Card.json(for: .pricing, baseURL: "http://127.0.0.1:10/")))
        #expect(ETag.matches(ifNoneMatch: tag, etag: tag))
        #expect(ETag.matches(ifNoneMatch: String(tag.dropFirst(2)), etag: tag))
        #expect(ETag.matches(ifNoneMatch: "\"other\", \(tag)", etag: tag))
        #expect(ETag.matches(ifNoneMatch: "*", etag: tag))
        #expect(!ETag.matches(ifNoneMatch: "\"other\"", etag: tag))
    }

    @Test func chaosAndAvailabilityAndLoopback() {
        #expect(Chaos(drop: 1).draw { 0.5 } == .drop)
        #expect(Chaos(serverError: 1).draw { 0.1 } == .serverError(503))
        #expect(Chaos(slow: 1, slowDelay: 2).draw { 0.1 } == .slow(2))
        #expect(Chaos(drop: 0.5).draw { 0.9 } == .serve)
        #expect(Chaos(drop: 7).drop == 1)
        let flaky = Availability.flaky(up: 40, down: 20)
        #expect(flaky.isUp(atSecond: 10) && !flaky.isUp(atSecond: 50) && flaky.isUp(atSecond: 61))
        #expect(FleetServer.isLoopback("127.0.0.1") && FleetServer.isLoopback("::1") && FleetServer.isLoopback("localhost"))
        #expect(!FleetServer.isLoopback("0.0.0.0") && !FleetServer.isLoopback("192.168.1.2") && !FleetServer.isLoopback("127.example.com"))
        #expect(throws: FleetServer.ConfigError.notLoopback("0.0.0.0")) { try FleetServer(endpoints: [], host: "0.0.0.0") }
    }

    @Test func loadDriverPacesStepsToTheRate() {
        let driver = LoadDriver(endpoints: [], eventsPerSecond: 100, concurrent: 50, duration: 10_000)
        #expect(driver.stepDelay == 0.5)
        #expect(driver.duration == LoadDriver.maxDuration)
        #expect(driver.prompt == "steps=10 delay=0.5")
    }
}
