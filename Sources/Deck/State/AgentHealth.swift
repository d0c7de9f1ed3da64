/// How an agent looks from here, from card polls and from the calls we made to it.
public enum AgentHealth: Sendable, Hashable {
    /// Not polled yet.
    case unknown
    case up
    /// Answering, but slowly or with errors on calls.
    case degraded(String)
    /// Answering with something unusable (HTTP error, a card we cannot read).
    case down(String)
    /// Not answering at all (refused, timed out, name not resolved).
    case unreachable(String)
    /// The card offers only gRPC, which this console cannot speak.
    case grpcOnly

    /// Counted as "up" in the header: it answers and we can talk to it.
    public var isUp: Bool {
        switch self {
        case .up, .degraded: true
        default: false
        }
    }

    /// Counted as "down" in the header.
    public var isDown: Bool {
        switch self {
        case .down, .unreachable: true
        default: false
        }
    }

    /// Short label for a column.
    public var label: String {
        switch self {
        case .unknown: "?"
        case .up: "up"
        case .degraded: "degraded"
        case .down: "down"
        case .unreachable: "unreachable"
        case .grpcOnly: "gRPC only"
        }
    }

    /// Why it is not simply up.
    public var reason: String? {
        switch self {
        case .degraded(let r), .down(let r), .unreachable(let r): r
        case .grpcOnly: "the card offers only gRPC interfaces"
        case .unknown, .up: nil
        }
    }
}
