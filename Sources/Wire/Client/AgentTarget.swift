import A2A

/// One agent as the operator configured it: where it is and how we may talk to it.
public struct AgentTarget: Sendable, Hashable {
    /// The base URL or card URL the operator gave.
    public var url: String
    /// Credential headers, already resolved from environment variables. Sent only to `url`'s origin.
    public var authHeaders: [HeaderField]
    /// Skip TLS verification (explicit per agent, shown on its row).
    public var insecure: Bool
    /// Refuse every mutating request for this agent at the wire layer.
    public var readOnly: Bool
    /// Seconds a non-streaming call may take in all; a card fetch gets at most 10 of them.
    /// An agent that accepts and never answers fails after this, not never.
    public var requestTimeout: Double
    /// Seconds a stream may go without a complete event or keep-alive before it is dropped.
    public var streamIdleTimeout: Double

    public init(
        url: String, authHeaders: [HeaderField] = [], insecure: Bool = false, readOnly: Bool = false,
        requestTimeout: Double = 30, streamIdleTimeout: Double = 45
    ) {
        self.url = url
        self.authHeaders = authHeaders
        self.insecure = insecure
        self.readOnly = readOnly
        self.requestTimeout = requestTimeout
        self.streamIdleTimeout = streamIdleTimeout
    }

    /// The secret values to scrub from anything we print or log.
    public var secrets: [String] {
        authHeaders.flatMap { field -> [String] in
            // Both the whole value and a bearer token alone, so neither form leaks.
            var values = [field.value]
            if field.value.hasPrefix("Bearer ") { values.append(String(field.value.dropFirst(7))) }
            return values
        } + URLCredentials.secrets(in: url)
    }
}

/// What card discovery found.
public struct AgentDiscovery: Sendable, Hashable {
    public var card: AgentCard
    public var cardURL: String
    /// Where calls go; nil when nothing usable is offered (see `endpointProblem`).
    public var endpoint: Endpoint?
    /// Why there is no endpoint (e.g. "gRPC only"), in operator words.
    public var endpointProblem: String?
    /// Round trip of the card fetch, seconds.
    public var latency: Double
    public var etag: String?

    public init(card: AgentCard, cardURL: String, endpoint: Endpoint?, endpointProblem: String?, latency: Double, etag: String?) {
        self.card = card
        self.cardURL = cardURL
        self.endpoint = endpoint
        self.endpointProblem = endpointProblem
        self.latency = latency
        self.etag = etag
    }
}

/// The outcome of one card poll.
public enum CardPoll: Sendable, Hashable {
    /// A card arrived (first time or changed).
    case card(AgentDiscovery)
    /// The server said 304: the card we have is current.
    case notModified(latency: Double)
    case failed(ClientError, latency: Double)
}

/// What a stream delivers, in order.
public enum StreamItem: Sendable, Hashable {
    case events([StreamEvent])
    /// A problem inside the stream that did not end it (an oversized or undecodable event).
    case warning(String)
    case ended(StreamOutcome)
}

public enum StreamOutcome: Sendable, Hashable {
    /// The server closed the stream.
    case closed
    /// We stopped it.
    case canceled
    case failed(ClientError)
}
