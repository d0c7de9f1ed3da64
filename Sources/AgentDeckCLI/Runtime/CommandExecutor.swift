import A2A
import Deck
import Foundation
import Synchronization
import Wire

/// Runs the commands `update()` asks for, on the agents' clients, and posts what comes back to the
/// inbox as `Msg`s. Called on the UI thread; the clients' callbacks run on the network thread and
/// only post.
final class CommandExecutor: Sendable {
    /// Agents come and go at run time (`:agent add/rm`).
    private let clientsByAgent: Mutex<[AgentID: AgentClient]>
    private let inbox: Inbox<Msg>
    private let streams = Mutex<[RequestTag: CallHandle]>([:])
    /// The endpoint each agent's client last used, so the dashboard hears of ladder changes.
    private let endpoints = Mutex<[AgentID: Endpoint]>([:])
    private let clipboard: @Sendable (String) -> Void
    private let local: LocalServices
    /// Receives the agents' JSON as received (raw view, journal); nil: not kept.
    private let raw: RawSink?
    /// Decides which card poll answers may wait in the inbox (nil: none do).
    private let quietPolls: QuietPollGate?

    /// What the executor needs for commands that stay on this machine.
    struct LocalServices: Sendable {
        /// A client for an agent added at run time.
        var makeClient: @Sendable (AgentConfig) -> AgentClient?
        var saver: ArtifactSaver
        /// nil: histories are not kept (no writable state folder).
        var history: HistoryStore?

        init(
            makeClient: @escaping @Sendable (AgentConfig) -> AgentClient? = { _ in nil },
            saver: ArtifactSaver = ArtifactSaver(directory: ArtifactSaver.defaultDirectory(environment: ProcessInfo.processInfo.environment)),
            history: HistoryStore? = nil
        ) {
            self.makeClient = makeClient
            self.saver = saver
            self.history = history
        }
    }

    init(
        clients: [AgentID: AgentClient], inbox: Inbox<Msg>, clipboard: @escaping @Sendable (String) -> Void,
        local: LocalServices = LocalServices(), raw: RawSink? = nil, quietPolls: QuietPollGate? = nil
    ) {
        self.quietPolls = quietPolls
        self.clientsByAgent = Mutex(clients)
        self.inbox = inbox
        self.clipboard = clipboard
        self.local = local
        self.raw = raw
    }

    private var clients: [AgentID: AgentClient] { clientsByAgent.withLock { $0 } }

    /// Executes one command. `.quit` is handled by the app; here it does nothing.
    func execute(_ command: Command) {
        switch command {
        case .fetchCard(let agent, _):
            // The client keeps the ETag itself and sends If-None-Match.
            guard let client = clients[agent] else { return }
            client.pollCard { [inbox, quietPolls] poll in
                let outcome = Self.outcome(poll)
                if quietPolls?.mayWait(agent, outcome) == true {
                    inbox.postLazily(.card(agent, outcome))
                } else {
                    inbox.post(.card(agent, outcome))
                }
            }
        case .call(let agent, let request, let tag):
            guard let client = clients[agent] else { return }
            // The body arrives just before its result, on the same thread.
            let body = LatestRaw()
            let onRaw: (@Sendable (String) -> Void)? = raw == nil ? nil : body.set
            client.call(request, onRaw: onRaw) { [self] result in
                if let raw, case .success(let value) = result, let text = body.take() {
                    raw.receivedResult(text, agent: agent, result: value, tag: tag)
                }
                reportEndpointChange(agent, client)
                inbox.post(.result(tag, result.mapError(Self.failure)))
            }
        case .stream(let agent, let request, let tag):
            guard let client = clients[agent] else { return }
            let opened = Atomic<Bool>(false)
            let latest = LatestRaw()
            let onRaw: (@Sendable (String) -> Void)? = raw == nil ? nil : latest.set
            let handle = client.stream(request, context: Self.context(for: request), onRaw: onRaw) { [self] item in
                switch item {
                case .events(let events):
                    if let raw, let text = latest.take() {
                        raw.received(text, agent: agent, taskIDs: events.compactMap(\.taskID), source: "event")
                    }
                    if !opened.exchange(true, ordering: .relaxed) {
                        reportEndpointChange(agent, client)
                        inbox.post(.streamOpened(tag))
                    }
                    inbox.post(contentsOf: events.map { Msg.streamEvent(tag, $0) })
                case .warning:
                    break  // an oversized or unreadable event was skipped; the stream goes on
                case .ended(let end):
                    _ = streams.withLock { $0.removeValue(forKey: tag) }
                    inbox.post(.streamEnded(tag, Self.streamEnd(end)))
                }
            }
            streams.withLock { $0[tag] = handle }
        case .cancelStream(let tag):
            streams.withLock { $0.removeValue(forKey: tag) }?.cancel()
        case .copyToClipboard(let text):
            clipboard(text)
        case .addAgent(let config):
            guard let client = local.makeClient(config) else { return }
            clientsByAgent.withLock { $0[config.id] = client }
        case .removeAgent(let agent):
            clientsByAgent.withLock { $0[agent] = nil }
            _ = endpoints.withLock { $0.removeValue(forKey: agent) }
        case .save(let request):
            inbox.post(.local(local.saver.save(request)))
        case .loadTheme, .quit:
            break  // the app handles these: they touch the terminal
        }
    }

    /// Writes the prompt histories that changed. Losing a history line is not worth
    /// interrupting the operator for, so a failed write is dropped.
    func storeHistories(_ histories: [HistoryKind: [String]], previous: [HistoryKind: [String]]) {
        guard let store = local.history else { return }
        for (kind, entries) in histories where previous[kind] != entries {
            try? store.store(kind, entries)
        }
    }

    /// Closes every open stream (on quit).
    func closeAll() {
        let all = streams.withLock { s in
            let handles = Array(s.values)
            s.removeAll()
            return handles
        }
        for handle in all { handle.cancel() }
    }

    private func reportEndpointChange(_ agent: AgentID, _ client: AgentClient) {
        guard let now = client.discovery?.endpoint else { return }
        let changed = endpoints.withLock { known -> Bool in
            defer { known[agent] = now }
            return known[agent] != nil && known[agent] != now
        }
        if changed { inbox.post(.endpoint(agent, now)) }
    }

    static func context(for request: A2ARequest) -> StreamContext {
        switch request {
        case .stream(let p), .send(let p): StreamContext(taskID: p.message.taskID, contextID: p.message.contextID)
        case .subscribe(let id), .cancel(let id), .get(let id, _): StreamContext(taskID: id)
        case .list: StreamContext()
        }
    }

    static func outcome(_ poll: CardPoll) -> CardPollOutcome {
        switch poll {
        case .card(let d):
            return .fetched(d.card, endpoint: d.endpoint, etag: d.etag, latency: d.latency)
        case .notModified(let latency):
            return .notModified(latency: latency)
        case .failed(let error, _):
            switch error {
            case .http(let status, let detail): return .failed(.http(status: status, detail))
            case .protocolFailure(let f): return .failed(.malformed(f.summary))
            case .noEndpoint(let why), .unsupported(let why): return .failed(.malformed(why))
            case .transport(let why), .readOnly(let why): return .failed(.unreachable(why))
            }
        }
    }

    static func failure(_ error: ClientError) -> CallFailure {
        if case .protocolFailure(let f) = error { return .agent(f) }
        return .transport(error.summary)
    }

    static func streamEnd(_ outcome: StreamOutcome) -> Deck.StreamEnd {
        switch outcome {
        case .closed, .canceled: .closed
        case .failed(let error): .failed(failure(error))
        }
    }
}
