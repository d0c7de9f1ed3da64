import A2A

/// What a requester gets back, and how. All callbacks run ON THE NETWORK THREAD: keep them
/// short (decode, hand off to an inbox) and never block in them.
enum Delivery: Sendable {
    /// Collect the body; one completion at the end.
    case collect(@Sendable (Result<HTTPResponse, WireError>) -> Void)
    /// Raw body bytes as they arrive; `onBytes` returning false aborts the transfer.
    case bytes(
        onHead: @Sendable (HTTPResponseHead) -> Void,
        onBytes: @Sendable (UnsafeRawBufferPointer) -> Bool,
        onEnd: @Sendable (StreamEnd) -> Void)
    /// Bytes parsed as Server-Sent Events in the write callback; `onItem` returning false aborts.
    case events(
        limits: SSELimits,
        onHead: @Sendable (HTTPResponseHead) -> Void,
        onItem: @Sendable (SSEItem) -> Bool,
        onEnd: @Sendable (StreamEnd) -> Void)

    /// Reports a failure that happened before or instead of a transfer.
    func fail(_ error: WireError) {
        switch self {
        case .collect(let completion):
            completion(.failure(error))
        case .bytes(_, _, let onEnd), .events(_, _, _, let onEnd):
            onEnd(StreamEnd(
                error: error, head: nil, timing: HTTPTiming(), bytesReceived: 0, unparsedBody: [],
                discardedPartialEvent: false))
        }
    }
}

/// A request handed from any thread to the network thread.
struct Submission: Sendable {
    let id: RequestID
    let request: HTTPRequest
    let delivery: Delivery
}
