// Fuzz targets "v1", "v03", "v01": one dialect's answer decoders, A2ACodec.decodeResult and
// decodeStreamData.
//
// Input: byte 0 picks the request (and binding), byte 1 the HTTP status / SSE event type, the
// rest is the body. Decoded stream events are folded into a TaskAccumulator, as the CLI does.

private let statuses = [200, 200, 201, 400, 401, 404, 409, 500, 502, 503]
private let eventTypes = ["message", "message", "error", "task_status", "task_artifact", "progress", "ping", ""]

private func request(_ selector: UInt8) -> A2ARequest {
    let message = Message(messageID: "m-1", contextID: "c-1", taskID: selector & 0x40 == 0 ? nil : "t-1",
                          role: .user, parts: [.text("hello")])
    switch selector % 6 {
    case 0: return .send(SendParams(message: message, skillID: nil, blocking: true))
    case 1: return .stream(SendParams(message: message, skillID: nil, blocking: false))
    case 2: return .get(taskID: "t-1", historyLength: selector & 0x80 == 0 ? nil : 2)
    case 3: return .list(ListTasksQuery(contextID: nil, state: .working, pageSize: 10))
    case 4: return .cancel(taskID: "t-1")
    default: return .subscribe(taskID: "t-1")
    }
}

func fuzzDialectDecoders(_ input: [UInt8], dialect fuzzedDialect: Dialect) {
    guard input.count >= 2 else { return }
    let binding: ProtocolBinding = input[0] & 0x20 == 0 ? .jsonRPC : .httpJSON
    let endpoint = Endpoint(url: "http://127.0.0.1:1/a2a", dialect: fuzzedDialect, binding: binding)
    let body = Array(input[2...])

    let req = request(input[0])
    if A2ACodec.supports(req, on: endpoint) {
        _ = A2ACodec.encode(req, for: endpoint, rpcID: 1)
    }
    switch A2ACodec.decodeResult(body, httpStatus: statuses[Int(input[1]) % statuses.count], for: req, endpoint: endpoint) {
    case .success(let result):
        if case .task(let task) = result { _ = TaskAccumulator(task: task) }
    case .failure(let failure):
        _ = failure.summary
        if case .rpc(let error) = failure { _ = FallbackLadder.next(after: endpoint, error: error) }
    }

    let context = StreamContext(taskID: "t-1", contextID: input[1] & 0x80 == 0 ? nil : "c-1")
    let eventType = eventTypes[Int(input[1]) % eventTypes.count]
    // Whenever the direct decoder answers, the tree (the reference) must give the same events.
    body.withUnsafeBytes { bytes in
        guard let direct = DirectEventDecoding.events(bytes, eventType: eventType, context: context) else { return }
        let tree = Result { () throws(A2AFailure) in
            try StreamDataDecoding.decodeTree(bytes, eventType: eventType, endpoint: endpoint, context: context)
        }
        if tree != .success(direct) { fatalError("DirectEventDecoding disagrees with the tree: \(direct) vs \(tree)") }
    }
    let text = String(decoding: body, as: UTF8.self)
    switch A2ACodec.decodeStreamData(text, eventType: eventType, endpoint: endpoint, context: context) {
    case .success(let events):
        var accumulator = TaskAccumulator(taskID: "t-1")
        for event in events { accumulator.apply(event) }
        for event in events { accumulator.apply(event) }  // replays must be harmless too
    case .failure(let failure):
        _ = failure.summary
    }
}
