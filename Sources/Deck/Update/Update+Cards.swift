import A2A
import Foundation

/// Card polls: health, latency, ETag, card changes. A failed poll keeps the card we had.
extension DeckState {
    mutating func startPolling(now: Date) -> [Command] {
        var out: [Command] = []
        for id in agentOrder {
            out.append(.fetchCard(id, ifNoneMatch: agents[id]?.etag))
        }
        return out
    }

    mutating func handleCard(_ id: AgentID, _ outcome: CardPollOutcome, now: Date) -> [Command] {
        // Taken out while it changes: a copy read out of the dictionary shares the entry's box,
        // and the first write would copy all its fields (and free the old ones) on every poll.
        guard var entry = agents.removeValue(forKey: id) else { return [] }
        let wasDown = entry.health.isDown
        entry.lastPollAt = now
        var out: [Command] = []
        switch outcome {
        case .fetched(let card, let endpoint, let etag, let latency):
            noteCardChange(in: &entry, to: card, now: now)
            entry.card = card
            if let endpoint { entry.endpoint = endpoint }
            entry.etag = etag
            entry.pollLatency = latency
            entry.lastSeenAt = now
            entry.consecutivePollFailures = 0
            entry.setHealth(health(of: entry, gotEndpoint: endpoint != nil), at: now)
            entry.metrics.recordPoll(ok: true, latency: latency, at: now)
        case .notModified(let latency):
            entry.pollLatency = latency
            entry.lastSeenAt = now
            entry.consecutivePollFailures = 0
            entry.setHealth(health(of: entry, gotEndpoint: entry.endpoint != nil), at: now)
            entry.metrics.recordPoll(ok: true, latency: latency, at: now)
        case .failed(let failure):
            entry.consecutivePollFailures += 1
            entry.metrics.recordPoll(ok: false, latency: nil, at: now)
            switch failure {
            case .unreachable(let why): entry.setHealth(.unreachable(why), at: now)
            case .http, .malformed: entry.setHealth(.down(failure.summary), at: now)
            }
        }
        agents[id] = entry
        deadlines[.cardPoll(id)] = now.addingTimeInterval(config.cardPollInterval)
        if wasDown, entry.health.isUp { out += reconcileAfterReturn(of: id, now: now) }
        // Discovery starts once we know the agent speaks V1 (ListTasks is V1 only over JSON-RPC).
        if deadlines[.listPoll(id)] == nil, let list = listPollCommand(id) { out.append(list) }
        return out
    }

    /// What an uneventful card poll must leave as it was for the screen to stay the same, taken
    /// before the answer is handled; nil when the answer cannot be uneventful. Only a 304 can:
    /// it writes the poll's time and latency (shown nowhere), the failure count, the health, and
    /// the health window, whose settled figures leave it out when it lands in the interval
    /// still running (`AgentMetrics.answeredPollIsSettled`).
    func quietPollFace(_ id: AgentID, _ outcome: CardPollOutcome, now: Date) -> QuietPollFace? {
        guard case .notModified = outcome, let index = agents.index(forKey: id) else { return nil }
        let entry = agents.values[index]
        guard entry.metrics.answeredPollIsSettled(at: now) else { return nil }
        return QuietPollFace(entry)
    }

    /// Flags a card that differs from the one before. The diff is against the card the operator
    /// last saw (`previousCard`, kept while the flag is up), so two quick changes show as one
    /// diff, and a card that changes back clears the flag.
    mutating func noteCardChange(in entry: inout AgentEntry, to card: AgentCard, now: Date) {
        guard let old = entry.card, old != card, !CardDiff.diff(old, card).isEmpty else { return }
        entry.cardChangedAt = now
        let seen = entry.cardChanged ? (entry.previousCard ?? old) : old
        if CardDiff.diff(seen, card).isEmpty {
            entry.cardChanged = false
            entry.previousCard = nil
            return
        }
        entry.previousCard = seen
        entry.cardChanged = true
        showInfo("\(entry.displayName): card changed", now: now)
    }

    /// Health after a successful poll: gRPC-only, slow, failing calls, or up.
    func health(of entry: AgentEntry, gotEndpoint: Bool) -> AgentHealth {
        if let card = entry.card, !gotEndpoint {
            return Self.offersOnlyGRPC(card) ? .grpcOnly : .down("the card offers no interface this console speaks")
        }
        if let latency = entry.pollLatency, latency > config.slowPollThreshold {
            return .degraded(String(format: "slow: card took %.1f s", latency))
        }
        if entry.consecutiveCallFailures >= config.callFailuresForDegraded {
            return .degraded("\(entry.consecutiveCallFailures) failed calls in a row")
        }
        return .up
    }

    static func offersOnlyGRPC(_ card: AgentCard) -> Bool {
        guard !card.interfaces.isEmpty else { return card.preferredTransport?.uppercased() == "GRPC" }
        return card.interfaces.allSatisfy { $0.binding == .grpc }
    }

    /// Counts call outcomes: a run of failures degrades an agent that polls fine.
    mutating func noteCall(on id: AgentID, failed: Bool, now: Date) {
        guard var entry = agents[id] else { return }
        entry.consecutiveCallFailures = failed ? entry.consecutiveCallFailures + 1 : 0
        let polledFine = entry.card != nil && entry.consecutivePollFailures == 0
        if polledFine, entry.health != .grpcOnly {
            entry.setHealth(health(of: entry, gotEndpoint: entry.endpoint != nil), at: now)
        }
        agents[id] = entry
    }

    /// A ListTasks request for an agent where discovery applies, registered as in flight.
    mutating func listPollCommand(_ id: AgentID) -> Command? {
        guard config.listPollInterval != nil, let entry = agents[id], entry.dialect == .v1, !entry.listUnsupported,
            !requests.values.contains(where: { $0.purpose == .list(id) })
        else { return nil }
        deadlines[.listPoll(id)] = nil
        let tag = makeTag()
        requests[tag] = PendingRequest(agentID: id, purpose: .list(id), isStream: false)
        let query = ListTasksQuery(pageSize: Self.listPageSize, historyLength: Self.listHistoryLength,
                                   statusTimestampAfter: entry.listWatermark.filter)
        return .call(id, .list(query), tag: tag)
    }

    /// Discovery reads one page per poll: enough to see what runs now, bounded for big stores.
    static let listPageSize = 50
    /// Without histories: every poll restates up to a page of tasks, and with their histories
    /// (unset means all of it) each answer carried every message of every listed task, every 10 s,
    /// from every agent — decoded, compared and dropped again. A running task's history comes with
    /// its subscription's first event; a finished one's when the operator selects it.
    static let listHistoryLength = 0
}

extension DeckState {
    /// The agent answers again after being down: every task whose stream it lost is fetched and
    /// resubscribed now, instead of waiting out the backoff (or after it gave up).
    mutating func reconcileAfterReturn(of agent: AgentID, now: Date) -> [Command] {
        // It may have restarted with an empty store or another clock: list its newest page whole.
        agents[agent]?.listWatermark.forget()
        var lost: [TaskKey] = []
        for (key, entry) in tasks where key.agentID == agent && !entry.isPlaceholder && !entry.state.isTerminal {
            switch entry.stream {
            case .reconnecting: lost.append(key)
            case .ended where !entry.state.isInterrupted && !entry.isPolled: lost.append(key)
            default: break
            }
        }
        var out: [Command] = []
        for key in lost.sorted(by: { $0.taskID < $1.taskID }) {
            // A first attempt again: `scheduleReconnect` reconciles at once on attempt 1.
            deadlines[.reconnect(key)] = nil
            tasks[key]?.reconnectAttempts = 0
            out += scheduleReconnect(key, because: nil, now: now)
        }
        return out
    }

    /// A stream to the agent failed at the transport: poll its card soon, so the agents pane says
    /// it is down within a second or two rather than at the next scheduled poll.
    mutating func pollCardSoon(_ agent: AgentID, now: Date) {
        let soon = now.addingTimeInterval(1)
        if let due = deadlines[.cardPoll(agent)], due <= soon { return }
        deadlines[.cardPoll(agent)] = soon
    }
}

/// The fields of an agent a 304 may change that the screen shows (see `quietPollFace`).
struct QuietPollFace: Equatable {
    var health: AgentHealth
    var healthChangedAt: Date?
    var consecutivePollFailures: Int

    init(_ entry: AgentEntry) {
        health = entry.health
        healthChangedAt = entry.healthChangedAt
        consecutivePollFailures = entry.consecutivePollFailures
    }
}
