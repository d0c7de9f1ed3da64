import Foundation

/// One parsed JSON-RPC 2.0 call.
public struct RPCCall: Sendable {
    public var id: JSON
    public var method: String
    public var params: JSON
    public var headers: [String: String]

    /// Standard JSON-RPC failures found before any method runs.
    public enum Failure: Error, Equatable {
        case parse(String)
        case invalidRequest(String, id: JSON)
    }

    /// Parse a request body; `id` must be a string, an integer or null (a2a-sdk's rule).
    public static func parse(_ request: AgentRequest) -> Result<RPCCall, Failure> {
        let json: JSON
        do { json = try JSON.parse(request.body) } catch { return .failure(.parse(String(describing: error))) }
        guard case .object = json else { return .failure(.invalidRequest("Batch requests are not supported", id: .null)) }
        var id = json["id"] ?? .null
        switch id {
        case .string, .int, .null: break
        default: id = .null
        }
        guard json["jsonrpc"]?.stringValue == "2.0" else {
            return .failure(.invalidRequest("Invalid request: 'jsonrpc' must be exactly '2.0'", id: id))
        }
        guard let method = json["method"]?.stringValue, !method.isEmpty else {
            return .failure(.invalidRequest("Method is required", id: id))
        }
        return .success(RPCCall(id: id, method: method, params: json["params"] ?? .object([]), headers: request.headers))
    }
}

/// Everything a dialect server needs from its agent.
public struct AgentContext: Sendable {
    public var engine: TaskEngine
    public var pingInterval: Double
}

/// Well-known JSON-RPC and A2A error codes.
public enum RPCCode {
    public static let parseError = -32700
    public static let invalidRequest = -32600
    public static let methodNotFound = -32601
    public static let invalidParams = -32602
    public static let internalError = -32603
    public static let taskNotFound = -32001
    public static let taskNotCancelable = -32002
    public static let pushNotSupported = -32003
    public static let unsupportedOperation = -32004
    public static let extendedCardNotConfigured = -32007
    public static let versionNotSupported = -32009
}

/// Waits until a send settles (terminal or interrupted), as a blocking `SendMessage` does.
func settle(_ events: AsyncStream<TaskEvent>?) async {
    guard let events else { return }
    for await event in events where event.endsStream { return }
}

/// `direct`: answer with a plain agent Message and no task, as the test peers do.
func directReply(to message: Message) -> Message {
    let contextId = message.contextId ?? UUID().uuidString.lowercased()
    return Message(messageId: "direct-" + String(UUID().uuidString.lowercased().prefix(8)), contextId: contextId,
                   taskId: nil, role: .agent, parts: [.text("Direct reply: \(message.text)")])
}
