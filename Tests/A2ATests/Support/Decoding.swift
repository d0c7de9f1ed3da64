import Testing

@testable import A2A

/// Decodes every complete SSE event of a stream capture.
func streamEvents(_ name: String, endpoint: Endpoint, context: StreamContext = StreamContext()) throws -> [StreamEvent] {
    let capture = try Capture.load(name)
    var events: [StreamEvent] = []
    for event in splitSSE(capture.body) {
        events += try A2ACodec.decodeStreamData(event.data, eventType: event.type, endpoint: endpoint, context: context).get()
    }
    return events
}

func result(_ name: String, _ request: A2ARequest, endpoint: Endpoint) throws -> Result<A2AResult, A2AFailure> {
    let capture = try Capture.load(name)
    return A2ACodec.decodeResult(capture.body, httpStatus: capture.httpStatus, for: request, endpoint: endpoint)
}

func task(_ name: String, _ request: A2ARequest, endpoint: Endpoint) throws -> A2ATask {
    guard case .task(let task) = try result(name, request, endpoint: endpoint).get() else {
        Issue.record("\(name) is not a task")
        throw A2AFailure.malformed("not a task")
    }
    return task
}

func rpcError(_ name: String, _ request: A2ARequest, endpoint: Endpoint) throws -> RPCError {
    switch try result(name, request, endpoint: endpoint) {
    case .failure(.rpc(let error)): return error
    case let other:
        Issue.record("\(name): expected an RPC error, got \(other)")
        throw A2AFailure.malformed("no rpc error")
    }
}

extension StreamEvent {
    var statusUpdate: StatusUpdate? { if case .status(let s) = self { s } else { nil } }
    var artifactUpdate: ArtifactUpdate? { if case .artifact(let a) = self { a } else { nil } }
    var snapshot: A2ATask? { if case .task(let t) = self { t } else { nil } }
}

enum Endpoints {
    static let v1 = Endpoint(url: "http://127.0.0.1:41241/", dialect: .v1)
    static let v03 = Endpoint(url: "http://127.0.0.1:41241/", dialect: .v03)
    static let v01 = Endpoint(url: "http://127.0.0.1:41241/", dialect: .v01)
    static let v1REST = Endpoint(url: "http://127.0.0.1:41241/rest", dialect: .v1, binding: .httpJSON)
    static let v03REST = Endpoint(url: "http://127.0.0.1:41241/rest", dialect: .v03, binding: .httpJSON)
}
