/// The three A2A dialects deployed today (PROTOCOL.md §1).
public enum Dialect: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// Spec 1.0.x (a2a-sdk 1.x): ProtoJSON, `SendMessage`, `A2A-Version: 1.0` header.
    case v1
    /// Spec 0.2.x–0.3.0: `kind` discriminators, `message/send`, `final` flags.
    case v03
    /// Spec 0.1, the 2025 blog era: `tasks/send`, `tasks/sendSubscribe`, client-chosen task ids.
    case v01

    public var description: String {
        switch self {
        case .v1: "1.0"
        case .v03: "0.3"
        case .v01: "0.1"
        }
    }
}

/// How an interface is reached (card `supportedInterfaces[].protocolBinding`).
public enum ProtocolBinding: Sendable, Hashable {
    case jsonRPC
    case httpJSON
    case grpc
    case other(String)

    public init(wireName: String) {
        switch wireName.uppercased() {
        case "JSONRPC", "JSON-RPC", "JSONRPC2": self = .jsonRPC
        case "HTTP+JSON", "REST", "HTTP_JSON": self = .httpJSON
        case "GRPC": self = .grpc
        default: self = .other(wireName)
        }
    }

    public var wireName: String {
        switch self {
        case .jsonRPC: "JSONRPC"
        case .httpJSON: "HTTP+JSON"
        case .grpc: "GRPC"
        case .other(let s): s
        }
    }
}
