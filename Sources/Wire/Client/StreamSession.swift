import A2A

/// Per-stream decoding state, touched only on the network thread (inside the engine's callbacks).
final class StreamSession: @unchecked Sendable {
    let endpoint: Endpoint
    let context: StreamContext
    let redactor: Redactor
    var head: HTTPResponseHead?
    var confirmed = false
    var eventCount = 0
    /// An error event inside the stream (JSON-RPC error or `event: error`) ends it with this.
    var streamFailure: A2AFailure?

    init(endpoint: Endpoint, context: StreamContext, redactor: Redactor) {
        self.endpoint = endpoint
        self.context = context
        self.redactor = redactor
    }

    /// 0.1 status and artifact events carry no session id: it is the one we chose.
    private func withContext(_ event: StreamEvent) -> StreamEvent {
        guard let contextID = context.contextID else { return event }
        switch event {
        case .status(var update) where update.contextID == nil && update.taskID == context.taskID:
            update.contextID = contextID
            return .status(update)
        case .artifact(var update) where update.contextID == nil && update.taskID == context.taskID:
            update.contextID = contextID
            return .artifact(update)
        default:
            return event
        }
    }

    func decode(_ item: SSEItem) -> (events: [StreamEvent], warnings: [String]) {
        switch item {
        case .comment:
            return ([], [])  // keep-alive: the engine's idle watchdog already saw the bytes
        case .error(let error):
            return ([], [error.description])
        case .event(let event):
            switch A2ACodec.decodeStreamData(event.dataBytes, eventType: event.type, endpoint: endpoint, context: context) {
            case .success(let events):
                eventCount += events.count
                return (events.map(withContext), [])
            case .failure(let failure):
                if case .rpc = failure {
                    streamFailure = failure
                    return ([], [failure.summary])
                }
                return ([], [redactor.redact(failure.summary)])
            }
        }
    }
}
