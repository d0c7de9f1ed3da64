import A2A
import Foundation

/// Everything that happens to the dashboard arrives as one of these; `update` is the only place
/// that reacts. Network results carry the tag of the command that asked for them.
public enum Msg: Sendable, Hashable {
    /// The first message: schedules the first card polls.
    case start
    /// Time passed (the runtime sleeps until `DeckState.nextDeadline`); also expires the status line.
    case tick
    case key(Key)
    /// A pasted block of text (bracketed paste): inserted into the open prompt as is.
    case paste(String)
    case resize(TerminalSize)
    /// The outcome of a `fetchCard`.
    case card(AgentID, CardPollOutcome)
    /// The runtime's fallback ladder settled on another endpoint/dialect for the agent.
    case endpoint(AgentID, Endpoint)
    /// The answer to a `call`.
    case result(RequestTag, Result<A2AResult, CallFailure>)
    /// A `stream` got its response headers: events will follow.
    case streamOpened(RequestTag)
    case streamEvent(RequestTag, StreamEvent)
    /// A `stream` finished: closed by the agent, or failed before/while streaming.
    case streamEnded(RequestTag, StreamEnd)
    /// A local command (`loadTheme`, `save`) finished.
    case local(LocalOutcome)
    /// A click or wheel step, placed on a pane by the runtime.
    case pointer(PointerAction)
}

public struct TerminalSize: Sendable, Hashable {
    public var columns: Int
    public var rows: Int
    public init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
    }
}

/// Why a request did not give a result.
public enum CallFailure: Error, Sendable, Hashable {
    /// The agent answered with an error object or something unreadable.
    case agent(A2AFailure)
    /// No usable answer: refused, timed out, TLS, an HTTP status with no A2A error in it.
    case transport(String)

    public var summary: String {
        switch self {
        case .agent(let f): f.summary
        case .transport(let why): why
        }
    }

    /// The JSON-RPC meaning, when the agent sent an error object.
    public var rpcMeaning: RPCError.Meaning? {
        if case .agent(.rpc(let e)) = self { e.meaning } else { nil }
    }
}

public enum StreamEnd: Sendable, Hashable {
    /// The agent closed the stream (after a final event, or early).
    case closed
    case failed(CallFailure)
}

public enum CardPollOutcome: Sendable, Hashable {
    /// A new card (HTTP 200). `endpoint` is what the runtime chose from it (nil: nothing usable).
    case fetched(AgentCard, endpoint: Endpoint?, etag: String?, latency: TimeInterval)
    /// HTTP 304 to our `If-None-Match`: the card we have is current.
    case notModified(latency: TimeInterval)
    case failed(CardPollFailure)
}

public enum CardPollFailure: Sendable, Hashable {
    /// No answer at all: refused, timed out, unresolvable.
    case unreachable(String)
    /// An HTTP error status.
    case http(status: Int, String)
    /// An answer that is not a usable card.
    case malformed(String)

    public var summary: String {
        switch self {
        case .unreachable(let why): why
        case .http(let status, let why): why.isEmpty ? "HTTP \(status)" : "HTTP \(status): \(why)"
        case .malformed(let why): "unreadable card: \(why)"
        }
    }
}
