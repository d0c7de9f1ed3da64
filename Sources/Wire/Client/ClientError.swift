import A2A

/// Why a call to an agent did not work, in words an operator can act on. Never carries a credential:
/// messages pass through the redactor before they are built.
public enum ClientError: Error, Sendable, Hashable {
    /// Read-only mode: the request would change something on the agent, so it was never sent.
    case readOnly(String)
    /// Could not reach the agent (connect, TLS, timeout, reset).
    case transport(String)
    /// The agent answered with an HTTP error and no A2A error body.
    case http(status: Int, detail: String)
    /// The agent answered with an A2A error or something malformed.
    case protocolFailure(A2AFailure)
    /// The card offers nothing we can talk to (e.g. gRPC only).
    case noEndpoint(String)
    /// This agent or dialect cannot do what was asked (e.g. ListTasks on 0.3 JSON-RPC).
    case unsupported(String)

    public var summary: String {
        switch self {
        case .readOnly(let what): "read-only mode: \(what) was not sent"
        case .transport(let why): why
        case .http(let status, let detail): detail.isEmpty ? "HTTP \(status)" : "HTTP \(status): \(detail)"
        case .protocolFailure(let failure): failure.summary
        case .noEndpoint(let why): why
        case .unsupported(let why): why
        }
    }

    /// The agent's RPC error, when that is what this is.
    public var rpcError: RPCError? {
        if case .protocolFailure(.rpc(let e)) = self { return e }
        return nil
    }
}
