import Deck
import Foundation
import Synchronization

/// Which card poll answers may wait in the inbox for the UI's next timer (`Inbox.postLazily`)
/// instead of waking it: a 304 in time, after an answer that was one too. Such an answer changes
/// nothing an operator sees until the health interval turns (see `UpdateEffect`). Everything
/// else — a new card, a failure, a slow answer, the first 304 after any of those — is news and
/// goes at once.
final class QuietPollGate: Sendable {
    /// A 304 slower than this shows as "slow" (`DeckConfig.slowPollThreshold`): news.
    let slowLatency: TimeInterval
    /// The agents whose last answer was quiet.
    private let quietAgents = Mutex<Set<AgentID>>([])

    init(slowLatency: TimeInterval) {
        self.slowLatency = slowLatency
    }

    /// Records the answer and says whether it may wait.
    func mayWait(_ agent: AgentID, _ outcome: CardPollOutcome) -> Bool {
        let quiet: Bool
        if case .notModified(let latency) = outcome, latency <= slowLatency {
            quiet = true
        } else {
            quiet = false
        }
        return quietAgents.withLock { agents in
            guard quiet else {
                agents.remove(agent)
                return false
            }
            // The first quiet answer after news goes at once: it may end a slow or down spell.
            return !agents.insert(agent).inserted
        }
    }
}
