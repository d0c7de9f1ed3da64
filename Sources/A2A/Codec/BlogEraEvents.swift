/// The ad-hoc events blog-era agents stream on `tasks/sendSubscribe` (PROTOCOL.md §1): bare objects
/// with a `type`, no JSON-RPC envelope and no task id (taken from the stream's context).
///
///     {"type":"task_status","state":"working","message":"..."}   (or "stage": "...")
///     {"type":"progress","stage":"Parsing code structure...","percent":25}
///     {"type":"task_result","state":"completed","result":"..."}
enum BlogEraEvents {
    /// The `type` values understood here.
    static let types: Set<String> = ["task_status", "status", "progress", "task_result", "result"]

    /// The artifact id given to a `task_result`'s text.
    static let resultArtifactID = "result"

    /// Events for a known `type`, nil for a type this is not about.
    static func events(_ o: JSONObject, type: String, context: StreamContext) -> [StreamEvent]? {
        let taskID = o.string(.taskId, .task_id, .id) ?? context.taskID ?? ""
        let contextID = o.string(.contextId, .sessionId) ?? context.contextID
        switch type {
        case "task_status", "status":
            let state = o.string(.state, .status).map(ObjectDecoding.state) ?? .working
            return [.status(statusUpdate(o, taskID: taskID, contextID: contextID, state: state, text: o.string(.message, .stage, .text)))]
        case "progress":
            let state = o.string(.state).map(ObjectDecoding.state) ?? .working
            return [.status(statusUpdate(o, taskID: taskID, contextID: contextID, state: state, text: o.string(.stage, .message, .text)))]
        case "task_result", "result":
            let state = o.string(.state, .status).map(ObjectDecoding.state) ?? .completed
            var events: [StreamEvent] = []
            if let result = o[.result] {
                let part: Part
                switch result {
                case .string(let text): part = .text(text)
                default: part = Part(.data(result))
                }
                let artifact = Artifact(artifactID: resultArtifactID, name: "result", parts: [part])
                events.append(.artifact(ArtifactUpdate(
                    taskID: taskID, contextID: contextID, artifact: artifact, append: false, lastChunk: true)))
            }
            var update = statusUpdate(o, taskID: taskID, contextID: contextID, state: state, text: o.string(.message, .error))
            update.isFinal = true
            events.append(.status(update))
            return events
        default:
            return nil
        }
    }

    private static func statusUpdate(
        _ o: JSONObject, taskID: String, contextID: String?, state: TaskState, text: String?
    ) -> StatusUpdate {
        let message = text.map { Message(messageID: "", contextID: contextID, taskID: taskID, role: .agent, parts: [.text($0)]) }
        let percent = ObjectDecoding.clampPercent(o.number(.percent) ?? o.number(.progress))
            ?? ObjectDecoding.progress(in: o.kept(.metadata))
        return StatusUpdate(
            taskID: taskID, contextID: contextID,
            status: TaskStatus(state: state, message: message, timestamp: o.string(.timestamp).flatMap(Timestamp.parse)),
            isFinal: o.flag(.final) || state.isTerminal,
            progressPercent: percent,
            metadata: .object(o)
        )
    }
}
