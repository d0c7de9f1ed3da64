import ArgumentParser
import FleetKit
import Foundation

extension Scenario: ExpressibleByArgument {}

@main
struct FleetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agentdeck-fleet",
        abstract: "Serve a fleet of real A2A agents (1.0, 0.3 and blog-era 0.1) on loopback.",
        discussion: """
        Prints one agent card URL per line on stdout once every agent listens, then serves until
        SIGINT/SIGTERM. Any agent can be steered by message text: steps=N delay=S, chunks=N, ask,
        fail, reject, sleep=S.
        """)

    @Option(help: "Loopback address to listen on.") var host = "127.0.0.1"
    @Option(help: "First port; agents take PORT, PORT+1, … (0: free ports).") var port = 0
    @Option(help: "demo: distinct personalities; load: N synthetic agents; idle: the load agents with no tasks; stream: N 1.0 agents whose tasks stream for minutes; churn: N 1.0 agents finishing many short tasks with 4 KB prose reports.") var scenario: Scenario = .demo
    @Option(help: "Number of agents (demo: at most its roster; load: default 50, max \(Scenario.maxAgents)).") var agents: Int?
    @Option(help: "Load: status events per second across the fleet.") var rate = 50.0
    @Option(help: "Load: concurrent tasks.") var tasks = 20
    @Option(help: "Load/stream: progress steps per task (each step a status event and an artifact chunk; load default \(LoadDriver.defaultStepsPerTask), stream \(Scenario.streamStepsPerTask)).") var steps: Int?
    @Option(name: .customLong("artifact-bytes"), help: "Load/stream/churn: bytes of prose in each task's report (churn default \(Scenario.churnArtifactBytes), others 0: short chunk lines).") var artifactBytes: Int?
    @Option(name: .customLong("total-tasks"), help: "Load/stream/churn: tasks to start in all; once all have finished the fleet idles (still serving) until --duration ends.") var totalTasks: Int?
    @Flag(help: "Print the SSE events written so far to stderr every second (`sse_events_written N`).") var stats = false
    @Option(help: "Seconds to run (load default 60; demo runs until stopped unless given).") var duration: Double?
    @Option(name: .customLong("max-duration"), help: "Hard upper bound on --duration, in seconds.") var maxDuration = LoadDriver.maxDuration
    @Option(name: .customLong("chaos-drop"), help: "Probability of dropping a connection.") var chaosDrop = 0.0
    @Option(name: .customLong("chaos-5xx"), help: "Probability of a 503/500 answer.") var chaos5xx = 0.0
    @Option(name: .customLong("chaos-slow"), help: "Probability of a 3 s delay before answering.") var chaosSlow = 0.0
    @Option(name: .customLong("ping-interval"), help: "Seconds between SSE keep-alive comments (0: none).") var pingInterval = SSE.defaultPingInterval
    @Option(name: .customLong("delegate-every"), help: "Demo: seconds between peer-to-peer delegations (0: none).") var delegateEvery = 12.0

    func validate() throws {
        guard FleetServer.isLoopback(host) else { throw ValidationError("--host must be a loopback address (the fleet never listens beyond 127.0.0.1)") }
        if let agents, agents < 1 || agents > Scenario.maxAgents { throw ValidationError("--agents must be 1…\(Scenario.maxAgents)") }
        guard maxDuration > 0, maxDuration <= LoadDriver.maxDuration else { throw ValidationError("--max-duration must be 1…\(Int(LoadDriver.maxDuration))") }
        guard rate > 0, tasks >= 1, tasks <= LoadDriver.maxConcurrent else { throw ValidationError("--rate must be > 0 and --tasks 1…\(LoadDriver.maxConcurrent)") }
        if let totalTasks, totalTasks < 0 { throw ValidationError("--total-tasks must be >= 0") }
        if let steps, steps < 1 || steps > Directives.maxSteps { throw ValidationError("--steps must be 1…\(Directives.maxSteps)") }
        if let artifactBytes, artifactBytes < 0 || artifactBytes > Directives.maxText { throw ValidationError("--artifact-bytes must be 0…\(Directives.maxText)") }
        for p in [chaosDrop, chaos5xx, chaosSlow] where !(0...1).contains(p) { throw ValidationError("chaos probabilities must be in 0…1") }
    }

    func run() async throws {
        let chaos = Chaos(drop: chaosDrop, serverError: chaos5xx, slow: chaosSlow)
        let roster: [Personality]
        switch scenario {
        case .demo: roster = Array(Scenario.demoRoster.prefix(agents ?? Scenario.demoRoster.count))
        case .load, .idle: roster = Scenario.loadRoster(count: agents ?? 50)
        case .stream, .churn: roster = Scenario.streamRoster(count: agents ?? 50)
        }
        let endpoints = roster.map { AgentEndpoint(personality: $0, pingInterval: pingInterval, chaos: chaos) }
        let server = try FleetServer(endpoints: endpoints, host: host, port: port)
        // Load runs are always bounded; the demo runs until stopped unless --duration is given.
        let seconds: Double = duration.map { min($0, maxDuration) } ?? (scenario == .demo ? .infinity : min(60, maxDuration))

        let serving = Task { try await server.run(onReady: { urls in printLines(urls) }) }
        let stop = Shutdown(server: server, serving: serving)
        let signals = SignalWatcher(signals: [SIGINT, SIGTERM]) { Task { await stop.now() } }

        let background = Task {
            await withTaskGroup(of: Void.self) { group in
                switch scenario {
                case .demo:
                    group.addTask { await Delegation(endpoints: endpoints, interval: delegateEvery).run() }
                case .idle:
                    break  // nothing runs: the fleet only answers
                case .load, .stream, .churn:
                    let defaultSteps = switch scenario {
                    case .stream: Scenario.streamStepsPerTask
                    case .churn: Scenario.churnStepsPerTask
                    default: LoadDriver.defaultStepsPerTask
                    }
                    let stepsPerTask = self.steps ?? defaultSteps
                    let artifactBytes = self.artifactBytes ?? (scenario == .churn ? Scenario.churnArtifactBytes : 0)
                    group.addTask {
                        let report = await LoadDriver(endpoints: endpoints, eventsPerSecond: rate, concurrent: tasks,
                                                      duration: seconds, stepsPerTask: stepsPerTask, artifactBytes: artifactBytes,
                                                      totalTasks: totalTasks).run()
                        printError(report.description)
                        // With a task total the fleet stays up, idle, until --duration ends.
                        if totalTasks == nil { await stop.now() }
                    }
                }
                if stats {
                    group.addTask {
                        while !Task.isCancelled {
                            printError("sse_events_written \(SSETally.shared.eventsWritten)")
                            try? await Task.sleep(nanoseconds: 1_000_000_000)
                        }
                    }
                }
                if seconds.isFinite {
                    group.addTask {
                        try? await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
                        await stop.now()
                    }
                }
            }
        }
        defer { background.cancel(); signals.cancel() }
        do {
            try await serving.value
        } catch is CancellationError {
            // Normal end: a signal or the duration ran out.
        }
    }
}

/// Stops the fleet once: end the open streams first (so connections finish cleanly), then the servers.
actor Shutdown {
    private let server: FleetServer
    private let serving: Task<Void, Error>
    private var done = false

    init(server: FleetServer, serving: Task<Void, Error>) {
        self.server = server
        self.serving = serving
    }

    func now() async {
        guard !done else { return }
        done = true
        await server.closeAllStreams()
        // Give the just-finished streams a moment to flush their last bytes.
        try? await Task.sleep(nanoseconds: 100_000_000)
        serving.cancel()
    }
}

/// Turns SIGINT/SIGTERM into a callback on a dispatch queue (not in signal context).
// Dispatch sources are thread-safe and `sources` never changes after init.
final class SignalWatcher: @unchecked Sendable {
    private let sources: [any DispatchSourceSignal]

    init(signals: [Int32], handler: @escaping @Sendable () -> Void) {
        sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler(handler: handler)
            source.resume()
            return source
        }
    }

    func cancel() { sources.forEach { $0.cancel() } }
}

/// Writes lines to stdout unbuffered, so a parent reading the pipe sees them at once.
func printLines(_ lines: [String]) {
    FileHandle.standardOutput.write(Data(lines.map { $0 + "\n" }.joined().utf8))
}

func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
