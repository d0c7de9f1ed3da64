import Foundation
import Synchronization
import Wire

/// `agentdeck-bench polls`: the idle console's network work alone (budget 4). One `AgentClient`
/// per agent of a running fleet (`POLL_URLS_FILE`, one URL a line, as `agentdeck-fleet` prints
/// them), every card fetched once, then `POLL_ROUNDS` rounds in which every agent's card is
/// polled at once (the dashboard's burst: agents started together stay one group) and answered
/// 304. Prints the process CPU per poll; under callgrind, run it with two round counts and
/// divide the difference by the extra polls for a repeatable instructions-per-poll figure.
enum PollBench {
    static func main() throws {
        let env = ProcessInfo.processInfo.environment
        guard let file = env["POLL_URLS_FILE"] else {
            throw BenchError("polls needs POLL_URLS_FILE (the URLs agentdeck-fleet printed)")
        }
        let urls = try String(contentsOfFile: file, encoding: .utf8)
            .split(separator: "\n").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let rounds = env["POLL_ROUNDS"].flatMap(Int.init) ?? 50
        let engine = HTTPEngine()
        let clients = urls.map { AgentClient(target: AgentTarget(url: $0), engine: engine) }

        let first = pollAll(clients)
        guard first.cards == clients.count else {
            throw BenchError("discovery: \(first.cards) cards of \(clients.count), \(first.failures) failures")
        }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let cpuBefore = seconds(usage.ru_utime) + seconds(usage.ru_stime)
        let wallBefore = Measure.now()
        var notModified = 0
        for _ in 0..<rounds {
            notModified += pollAll(clients).notModified
        }
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let cpu = seconds(usage.ru_utime) + seconds(usage.ru_stime) - cpuBefore
        let polls = rounds * clients.count
        guard notModified == polls else {
            throw BenchError("\(notModified) of \(polls) polls answered 304")
        }
        report("polls_\(clients.count)_agents_x\(rounds)_cpu_per_poll", cpu / Double(max(1, polls)) * 1e6, "us (process, all threads)")
        report("polls_wall_per_round", (Measure.now() - wallBefore) / Double(max(1, rounds)) * 1e3, "ms")
        engine.shutdown()
    }

    private struct Outcome { var cards = 0, notModified = 0, failures = 0 }

    /// Polls every client's card at once and waits for every answer.
    private static func pollAll(_ clients: [AgentClient]) -> Outcome {
        let group = DispatchGroup()
        let outcome = Mutex(Outcome())
        for client in clients {
            group.enter()
            client.pollCard { poll in
                outcome.withLock { o in
                    switch poll {
                    case .card: o.cards += 1
                    case .notModified: o.notModified += 1
                    case .failed: o.failures += 1
                    }
                }
                group.leave()
            }
        }
        group.wait()
        return outcome.withLock { $0 }
    }

    private static func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
}
