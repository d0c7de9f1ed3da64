/// Recognises one event object of any dialect by its shape, because compat servers mix dialects
/// and the endpoint's dialect is only a hint:
/// - V03: `kind` = `task` | `message` | `status-update` | `artifact-update`;
/// - V1 and HTTP+JSON: wrapped by member name `{task}` | `{message}` | `{statusUpdate}` | `{artifactUpdate}`
///   (0.3 REST also says `msg`);
/// - blog era: `{type: "task_status" | "progress" | "task_result", …}` (see `BlogEraEvents`);
/// - V01: `{id, status, final}` / `{id, artifact:{index, append, lastChunk, parts}}`.
enum EventDecoding {
    static func events(from value: JSONValue, dialect: Dialect, context: StreamContext) throws(A2AFailure) -> [StreamEvent] {
        guard let o = value.objectValue else {
            throw .malformed("stream event is \(value.typeName), expected an object")
        }
        if let kind = o.string(.kind) {
            // An event kind from a newer spec is normal (PROTOCOL.md §6): nothing we can show, not an error.
            guard isKnownKind(kind) else { return [] }
            return [try kindTagged(o, kind: kind, dialect: dialect, context: context)]
        }
        if let wrapped = try wrapped(o, dialect: dialect, context: context) { return [wrapped] }
        if let type = o.string(.type), let blog = BlogEraEvents.events(o, type: type, context: context) {
            return blog
        }
        return [try untagged(o, dialect: dialect, context: context)]
    }

    /// A switch, not a `Set<String>`: comparing a few short strings costs less than hashing one.
    static func isKnownKind(_ kind: String) -> Bool {
        switch kind {
        case "task", "message", "status-update", "artifact-update": true
        default: false
        }
    }

    /// The task id of an update: its own (`taskId`, V01 `id`), else the stream's.
    private static func taskID(_ o: JSONObject, context: StreamContext, what: String) throws(A2AFailure) -> String {
        if let id = o.string(.taskId, .id, .task_id) ?? context.taskID { return id }
        throw .malformed("\(what) without a task id")
    }

    static func kindTagged(_ o: JSONObject, kind: String, dialect: Dialect, context: StreamContext) throws(A2AFailure)
        -> StreamEvent
    {
        switch kind {
        case "task":
            guard let task = ObjectDecoding.task(o, dialect: dialect) else { throw .malformed("task without an id") }
            return .task(task)
        case "message":
            return .message(ObjectDecoding.message(o))
        case "status-update":
            let id = try taskID(o, context: context, what: "status update")
            return .status(ObjectDecoding.statusUpdate(o, taskID: id, contextID: context.contextID))
        case "artifact-update":
            let id = try taskID(o, context: context, what: "artifact update")
            guard let update = ObjectDecoding.artifactUpdate(o, taskID: id, contextID: context.contextID, dialect: dialect)
            else { throw .malformed("artifact update without an artifact object") }
            return .artifact(update)
        default:
            throw .malformed("unknown event kind '\(kind)'")
        }
    }

    /// `{task}` | `{message}` | `{msg}` | `{statusUpdate}` | `{artifactUpdate}`; nil when none is there.
    static func wrapped(_ o: JSONObject, dialect: Dialect, context: StreamContext) throws(A2AFailure) -> StreamEvent? {
        if let inner = o.object(.statusUpdate, .status_update) {
            let id = try taskID(inner, context: context, what: "status update")
            return .status(ObjectDecoding.statusUpdate(inner, taskID: id, contextID: context.contextID))
        }
        if let inner = o.object(.artifactUpdate, .artifact_update) {
            let id = try taskID(inner, context: context, what: "artifact update")
            guard let update = ObjectDecoding.artifactUpdate(inner, taskID: id, contextID: context.contextID, dialect: dialect)
            else { throw .malformed("artifact update without an artifact object") }
            return .artifact(update)
        }
        // `task` and `message` members also occur inside other objects, so only a wrapper whose
        // member holds the right shape counts.
        if let inner = o.object(.task), inner[.status] != nil || inner[.id] != nil {
            guard let task = ObjectDecoding.task(inner, dialect: dialect) else { throw .malformed("task without an id") }
            return .task(task)
        }
        if let inner = o.object(.message, .msg), o[.status] == nil, inner[.parts] != nil || inner[.content] != nil {
            return .message(ObjectDecoding.message(inner))
        }
        return nil
    }

    /// No `kind`, no wrapper: a V01 event, or a bare task or message.
    static func untagged(_ o: JSONObject, dialect: Dialect, context: StreamContext) throws(A2AFailure) -> StreamEvent {
        if o[.artifact]?.objectValue != nil {
            let id = try taskID(o, context: context, what: "artifact update")
            if let update = ObjectDecoding.artifactUpdate(o, taskID: id, contextID: context.contextID, dialect: dialect) {
                return .artifact(update)
            }
        }
        if o[.status]?.objectValue != nil {
            // A V01 status event is `{id, status, final, metadata}`; a task has more to say.
            let looksLikeTask = o[.artifacts] != nil || o[.history] != nil || o[.kind] != nil
            let looksLikeUpdate = o[.taskId] != nil || o[.final] != nil
            if looksLikeUpdate || (dialect == .v01 && !looksLikeTask) {
                let id = try taskID(o, context: context, what: "status update")
                return .status(ObjectDecoding.statusUpdate(o, taskID: id, contextID: context.contextID))
            }
            if let task = ObjectDecoding.task(o, dialect: dialect) { return .task(task) }
        }
        if o[.parts] != nil && (o[.role] != nil || o[.messageId] != nil) {
            return .message(ObjectDecoding.message(o))
        }
        throw .malformed("unrecognized event object with keys: \(o.keyList)")
    }
}
