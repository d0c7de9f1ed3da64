/// A JSON-RPC (or HTTP+JSON) error from an agent. Codes are read by dialect: V01 used -32006…-32011
/// for other meanings than 0.3/1.0 (PROTOCOL.md §3).
public struct RPCError: Error, Sendable, Hashable {
    public var code: Int
    public var message: String
    public var data: JSONValue?
    public var dialect: Dialect

    public init(code: Int, message: String, data: JSONValue? = nil, dialect: Dialect) {
        self.code = code
        self.message = message
        self.data = data
        self.dialect = dialect
    }

    public enum Meaning: Sendable, Hashable {
        case parseError, invalidRequest, methodNotFound, invalidParams, internalError
        case taskNotFound, taskNotCancelable, pushNotificationNotSupported, unsupportedOperation
        case contentTypeNotSupported, invalidAgentResponse, extendedCardNotConfigured
        case extensionSupportRequired, versionNotSupported
        // V01 meanings of -32006…-32011
        case streamingNotSupported, authenticationRequired, authorizationFailed, invalidTaskState
        case rateLimitExceeded, resourceUnavailable
        case other
    }

    public var meaning: Meaning {
        switch code {
        case -32700: return .parseError
        case -32600: return .invalidRequest
        case -32601: return .methodNotFound
        case -32602: return .invalidParams
        case -32603: return .internalError
        case -32001: return .taskNotFound
        case -32002: return .taskNotCancelable
        case -32003: return .pushNotificationNotSupported
        case -32004: return .unsupportedOperation
        case -32005: return .contentTypeNotSupported
        default: break
        }
        if dialect == .v01 {
            switch code {
            case -32006: return .streamingNotSupported
            case -32007: return .authenticationRequired
            case -32008: return .authorizationFailed
            case -32009: return .invalidTaskState
            case -32010: return .rateLimitExceeded
            case -32011: return .resourceUnavailable
            default: return .other
            }
        }
        switch code {
        case -32006: return .invalidAgentResponse
        case -32007: return .extendedCardNotConfigured
        case -32008: return .extensionSupportRequired
        case -32009: return .versionNotSupported
        default: return .other
        }
    }

    /// One clear line for an operator: what happened, then the agent's own words.
    public var summary: String {
        let what: String
        switch meaning {
        case .parseError: what = "agent could not parse the request"
        case .invalidRequest: what = "agent says the request is invalid"
        case .methodNotFound: what = "agent does not offer this method"
        case .invalidParams: what = "agent rejected the parameters"
        case .internalError: what = "agent internal error"
        case .taskNotFound: what = "task not found"
        case .taskNotCancelable: what = "task cannot be canceled"
        case .pushNotificationNotSupported: what = "push notifications not supported"
        case .unsupportedOperation: what = "operation not supported by this agent"
        case .contentTypeNotSupported: what = "content type not supported"
        case .invalidAgentResponse: what = "invalid agent response"
        case .extendedCardNotConfigured: what = "extended card not configured"
        case .extensionSupportRequired: what = "agent requires an extension"
        case .versionNotSupported: what = "protocol version not supported"
        case .streamingNotSupported: what = "streaming not supported"
        case .authenticationRequired: what = "authentication required"
        case .authorizationFailed: what = "authorization failed"
        case .invalidTaskState: what = "invalid task state"
        case .rateLimitExceeded: what = "rate limit exceeded"
        case .resourceUnavailable: what = "resource unavailable"
        case .other: what = "agent error"
        }
        return message.isEmpty ? "\(what) (\(code))" : "\(what) (\(code)): \(message)"
    }
}

/// Why a response could not be used.
public enum A2AFailure: Error, Sendable, Hashable {
    /// The agent answered with an error object.
    case rpc(RPCError)
    /// The agent answered with something that is not what the protocol says; the text says what.
    case malformed(String)

    public var summary: String {
        switch self {
        case .rpc(let e): e.summary
        case .malformed(let why): "malformed response: \(why)"
        }
    }
}
