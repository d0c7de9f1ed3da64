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

    func decode(_ item: SSEItem) -> (events: [StreamEvent], warnings: [String]) {
        switch item {
        case .comment:
            return ([], [])  // keep-alive: the engine's idle watchdog already saw the bytes
        case .error(let error):
            return ([], [error.description])
        case .event(let event):
            switch A2ACodec.decodeStreamData(event.data, eventType: event.type, endpoint: endpoint, context: context) {
            case .success(let events):
                eventCount += events.count
                return (events, [])
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
