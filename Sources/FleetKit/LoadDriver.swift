import Foundation

/// Keeps the load fleet busy: `concurrent` tasks at a time spread over the agents, paced so
/// that all of them together emit about `eventsPerSecond` status events. Bounded in time and,
/// when `totalTasks` is set, in the number of tasks started.
public struct LoadDriver: Sendable {
    public static let maxDuration = 600.0
    public static let maxConcurrent = 10_000
    public static let maxRate = 100_000.0
    /// Progress steps per synthetic task, unless told otherwise.
    public static let defaultStepsPerTask = 10

    public var endpoints: [AgentEndpoint]
    public var eventsPerSecond: Double
    public var concurrent: Int
    public var duration: Double
    /// Progress steps per task: with `stepDelay`, how long each task streams.
    public var stepsPerTask: Int
    /// Bytes of prose each task's report carries in all (0: the short "chunk i of n" lines).
    public var artifactBytes: Int
    /// Tasks to start in all (nil: as many as fit in `duration`). Once that many have started, the
    /// lanes stop starting more and `run` returns when the last one has finished: the fleet then
    /// idles with every task finished (the memory benchmark's settled state).
    public var totalTasks: Int?

    public init(endpoints: [AgentEndpoint], eventsPerSecond: Double, concurrent: Int, duration: Double,
                stepsPerTask: Int = LoadDriver.defaultStepsPerTask, artifactBytes: Int = 0, totalTasks: Int? = nil) {
        self.endpoints = endpoints
        self.totalTasks = totalTasks.map { max($0, 0) }
        self.stepsPerTask = min(max(stepsPerTask, 1), Directives.maxSteps)
        self.artifactBytes = min(max(artifactBytes, 0), Directives.maxText)
        self.eventsPerSecond = min(max(eventsPerSecond.isFinite ? eventsPerSecond : 1, 0.1), Self.maxRate)
        self.concurrent = min(max(concurrent, 1), Self.maxConcurrent)
        self.duration = min(max(duration.isFinite ? duration : 60, 1), Self.maxDuration)
    }

    /// Seconds between one task's steps: `concurrent` tasks each stepping every `delay` gives the rate.
    public var stepDelay: Double { Double(concurrent) / eventsPerSecond }

    /// The directive text each synthetic task gets (each step: one status update and one artifact chunk).
    public var prompt: String {
        "steps=\(stepsPerTask) delay=\(JSON.pythonFloat(stepDelay))" + (artifactBytes > 0 ? " text=\(artifactBytes)" : "")
    }

    public struct Report: Sendable, CustomStringConvertible {
        public var started = 0
        public var finished = 0
        public var seconds = 0.0
        public var description: String {
            "load: started \(started) tasks, \(finished) finished in \(String(format: "%.1f", seconds)) s"
        }
    }

    /// Runs for `duration` seconds (or until cancelled), then returns what it did.
    public func run() async -> Report {
        guard !endpoints.isEmpty else { return Report() }
        let start = Date()
        let deadline = start.addingTimeInterval(duration)
        let counter = Locked(Report())
        let quota = StartQuota(limit: totalTasks)
        await withTaskGroup(of: Void.self) { group in
            for lane in 0..<concurrent {
                group.addTask {
                    var n = lane
                    while Date() < deadline, !Task.isCancelled, quota.take() {
                        let endpoint = endpoints[n % endpoints.count]
                        n += concurrent
                        guard endpoint.isUp,
                              let sent = try? await endpoint.engine.send(Delegation.message(prompt: prompt, from: "load driver"), stream: true)
                        else {
                            quota.giveBack()
                            try? await Task.sleep(nanoseconds: 200_000_000)
                            continue
                        }
                        counter.update { $0.started += 1 }
                        // Wait for the end, but never past the deadline.
                        let finished = await withTaskGroup(of: Bool.self) { race in
                            race.addTask { await settle(sent.events); return true }
                            race.addTask {
                                try? await Task.sleep(nanoseconds: UInt64(max(0, deadline.timeIntervalSinceNow) * 1_000_000_000))
                                return false
                            }
                            let first = await race.next() ?? false
                            race.cancelAll()
                            return first
                        }
                        if finished { counter.update { $0.finished += 1 } }
                    }
                }
            }
        }
        var report = counter.get()
        report.seconds = Date().timeIntervalSince(start)
        return report
    }
}

/// How many more tasks the load driver's lanes may start (shared by all lanes).
final class StartQuota: Sendable {
    private let left: Locked<Int?>

    /// nil: no limit.
    init(limit: Int?) { left = Locked(limit) }

    /// Takes one start; false once the limit is used up.
    func take() -> Bool {
        var taken = false
        left.update { left in
            guard let n = left else { taken = true; return }
            if n > 0 { left = n - 1; taken = true }
        }
        return taken
    }

    /// Returns a start that did not happen (the send failed).
    func giveBack() {
        left.update { left in left = left.map { $0 + 1 } }
    }
}
