import Deck
import Foundation

/// `agentdeck-bench deckpolls`: what an idle console's card polls cost on the UI thread (budget
/// 4). 100 agents with cards; `POLL_ROUNDS` rounds 2 s apart, each a timer tick (the polls
/// come due) and then every agent's 304, through `updateReportingView` as the app calls it.
/// Prints the thread CPU per poll; under callgrind, two round counts give instructions per poll.
enum DeckPollBench {
    static func main() throws {
        let rounds = ProcessInfo.processInfo.environment["POLL_ROUNDS"].flatMap(Int.init) ?? 500
        var deck = BenchDeck(agents: 100)
        var now = Date(timeIntervalSince1970: 1_800_000_000)
        try deck.giveCards(now: now)
        var quiet = 0
        let start = Measure.threadCPU()
        for _ in 0..<rounds {
            now += 2
            _ = deck.state.updateReportingView(.tick, now: now)
            for (i, agent) in deck.agents.enumerated() {
                let answeredAt = now + 0.0005 * Double(i)
                if !deck.state.updateReportingView(.card(agent, .notModified(latency: 0.002)), now: answeredAt).changesView {
                    quiet += 1
                }
            }
        }
        let polls = rounds * deck.agents.count
        report("deck_304_update_cpu_per_poll", (Measure.threadCPU() - start) / Double(max(1, polls)) * 1e6, "us")
        report("deck_304_quiet_share", 100 * Double(quiet) / Double(max(1, polls)), "%")
    }
}
