import A2A
import Foundation

/// The A2A model as journal JSON, losslessly: reading back what `write` wrote gives the same
/// value, so a replay rebuilds exactly what the live dashboard held. Written straight to the
/// line's bytes (`JSONStreamWriter`); read from the parsed line. This is our own format, not any A2A
/// dialect (the dialects drop things we keep, like `.unrecognized` states); the agent's own
/// bytes are journaled beside it as `raw` entries.
enum JournalModel {
    // MARK: tasks

    static func write(_ task: A2ATask, to out: inout JSONStreamWriter) {
        out.beginObject()
        out.member("id", task.id)
        out.optional("contextId", task.contextID)
        out.key("status")
        write(task.status, to: &out)
        out.array("artifacts", task.artifacts) { out, a in write(a, to: &out) }
        out.array("history", task.history) { out, m in write(m, to: &out) }
        out.optional("metadata", task.metadata)
        out.endObject()
    }

    static func task(_ value: JSONValue) throws(JournalDecodeError) -> A2ATask {
        let f = try JournalFields(value, "task")
        var artifacts: [Artifact] = []
        for a in try f.array("artifacts") { artifacts.append(try artifact(a)) }
        var history: [Message] = []
        for m in try f.array("history") { history.append(try message(m)) }
        return A2ATask(
            id: try f.string("id"), contextID: try f.optionalString("contextId"), status: try status(try f.value("status")),
            artifacts: artifacts, history: history, metadata: f.object["metadata"])
    }

    static func write(_ status: TaskStatus, to out: inout JSONStreamWriter) {
        out.beginObject()
        out.key("state")
        write(status.state, to: &out)
        if let message = status.message {
            out.key("message")
            write(message, to: &out)
        }
        if let timestamp = status.timestamp { out.member("timestamp", JournalDate.seconds(timestamp)) }
        out.endObject()
    }

    static func status(_ value: JSONValue) throws(JournalDecodeError) -> TaskStatus {
        let f = try JournalFields(value, "status")
        let message: Message? = if let m = f.object["message"] { try self.message(m) } else { nil }
        let timestamp: Date? = if let t = f.object["timestamp"] { try JournalDate.decode(t) } else { nil }
        return TaskStatus(state: try state(try f.value("state")), message: message, timestamp: timestamp)
    }

    /// Known states by name; a state we did not recognize as `{"unrecognized": "…"}` so it can
    /// never be mistaken for a known one.
    static func write(_ state: TaskState, to out: inout JSONStreamWriter) {
        if case .unrecognized(let raw) = state {
            out.beginObject()
            out.member("unrecognized", raw)
            out.endObject()
        } else {
            out.string(state.name)
        }
    }

    static func state(_ value: JSONValue) throws(JournalDecodeError) -> TaskState {
        switch value {
        case .string(let name):
            let s = TaskState(wireName: name)
            if case .unrecognized = s { throw JournalDecodeError("unknown state name '\(name)'") }
            return s
        case .object(let o):
            guard case .string(let raw) = o["unrecognized"] else { throw JournalDecodeError("bad state") }
            return .unrecognized(raw)
        default:
            throw JournalDecodeError("bad state")
        }
    }

    static func write(_ artifact: Artifact, to out: inout JSONStreamWriter) {
        out.beginObject()
        out.member("artifactId", artifact.artifactID)
        out.optional("name", artifact.name)
        out.optional("description", artifact.description)
        out.array("parts", artifact.parts, keepEmpty: true) { out, p in write(p, to: &out) }
        out.optional("metadata", artifact.metadata)
        out.endObject()
    }

    static func artifact(_ value: JSONValue) throws(JournalDecodeError) -> Artifact {
        let f = try JournalFields(value, "artifact")
        var parts: [Part] = []
        for p in try f.array("parts") { parts.append(try part(p)) }
        return Artifact(
            artifactID: try f.string("artifactId"), name: try f.optionalString("name"),
            description: try f.optionalString("description"), parts: parts, metadata: f.object["metadata"])
    }

    // MARK: messages

    static func write(_ message: Message, to out: inout JSONStreamWriter) {
        out.beginObject()
        out.member("messageId", message.messageID)
        out.optional("contextId", message.contextID)
        out.optional("taskId", message.taskID)
        switch message.role {
        case .user: out.member("role", "user")
        case .agent: out.member("role", "agent")
        case .other(let s): out.object("role") { $0.member("other", s) }
        }
        out.array("parts", message.parts, keepEmpty: true) { out, p in write(p, to: &out) }
        out.optional("metadata", message.metadata)
        out.strings("referenceTaskIds", message.referenceTaskIDs)
        out.endObject()
    }

    static func message(_ value: JSONValue) throws(JournalDecodeError) -> Message {
        let f = try JournalFields(value, "message")
        let role: Role
        switch f.object["role"] {
        case .string("user"): role = .user
        case .string("agent"): role = .agent
        case .object(let o):
            guard case .string(let s) = o["other"] else { throw JournalDecodeError("bad role") }
            role = .other(s)
        default: throw JournalDecodeError("bad role")
        }
        var parts: [Part] = []
        for p in try f.array("parts") { parts.append(try part(p)) }
        return Message(
            messageID: try f.string("messageId"), contextID: try f.optionalString("contextId"),
            taskID: try f.optionalString("taskId"), role: role, parts: parts, metadata: f.object["metadata"],
            referenceTaskIDs: try f.strings("referenceTaskIds"))
    }

    static func write(_ part: Part, to out: inout JSONStreamWriter) {
        out.beginObject()
        switch part.content {
        case .text(let t): out.member("text", t)
        case .fileBytes(let b): out.member("bytes", b)
        case .fileURL(let u): out.member("url", u)
        case .data(let d): out.member("data", d)
        }
        out.optional("mediaType", part.mediaType)
        out.optional("filename", part.filename)
        out.optional("metadata", part.metadata)
        out.endObject()
    }

    static func part(_ value: JSONValue) throws(JournalDecodeError) -> Part {
        let f = try JournalFields(value, "part")
        let content: Part.Content
        if f.has("text") {
            content = .text(try f.string("text"))
        } else if f.has("bytes") {
            content = .fileBytes(base64: try f.string("bytes"))
        } else if f.has("url") {
            content = .fileURL(try f.string("url"))
        } else if let d = f.object["data"] {
            content = .data(d)
        } else {
            throw JournalDecodeError("a part with no content")
        }
        return Part(content, mediaType: try f.optionalString("mediaType"), filename: try f.optionalString("filename"),
                    metadata: f.object["metadata"])
    }

    // MARK: events and results

    static func write(_ event: StreamEvent, to out: inout JSONStreamWriter) {
        out.beginObject()
        switch event {
        case .task(let t):
            out.key("task")
            write(t, to: &out)
        case .message(let m):
            out.key("message")
            write(m, to: &out)
        case .status(let s):
            out.object("statusUpdate") { out in
                out.member("taskId", s.taskID)
                out.optional("contextId", s.contextID)
                out.key("status")
                write(s.status, to: &out)
                out.flag("final", s.isFinal)
                out.optional("progress", s.progressPercent)
                out.optional("metadata", s.metadata)
            }
        case .artifact(let a):
            out.object("artifactUpdate") { out in
                out.member("taskId", a.taskID)
                out.optional("contextId", a.contextID)
                out.key("artifact")
                write(a.artifact, to: &out)
                out.flag("append", a.append)
                out.flag("lastChunk", a.lastChunk)
                out.optional("metadata", a.metadata)
            }
        }
        out.endObject()
    }

    static func event(_ value: JSONValue) throws(JournalDecodeError) -> StreamEvent {
        let f = try JournalFields(value, "event")
        if let t = f.object["task"] { return .task(try task(t)) }
        if let m = f.object["message"] { return .message(try message(m)) }
        if let s = f.object["statusUpdate"] {
            let g = try JournalFields(s, "statusUpdate")
            return .status(StatusUpdate(
                taskID: try g.string("taskId"), contextID: try g.optionalString("contextId"),
                status: try status(try g.value("status")), isFinal: try g.bool("final"),
                progressPercent: try g.optionalDouble("progress"), metadata: g.object["metadata"]))
        }
        if let a = f.object["artifactUpdate"] {
            let g = try JournalFields(a, "artifactUpdate")
            return .artifact(ArtifactUpdate(
                taskID: try g.string("taskId"), contextID: try g.optionalString("contextId"),
                artifact: try artifact(try g.value("artifact")), append: try g.bool("append"),
                lastChunk: try g.bool("lastChunk"), metadata: g.object["metadata"]))
        }
        throw JournalDecodeError("unknown event")
    }

    static func write(_ result: A2AResult, to out: inout JSONStreamWriter) {
        out.beginObject()
        switch result {
        case .task(let t):
            out.key("task")
            write(t, to: &out)
        case .message(let m):
            out.key("message")
            write(m, to: &out)
        case .taskPage(let p):
            out.object("taskPage") { out in
                out.array("tasks", p.tasks, keepEmpty: true) { out, t in write(t, to: &out) }
                out.optional("nextPageToken", p.nextPageToken)
                out.optional("totalSize", p.totalSize)
                out.optional("pageSize", p.pageSize)
            }
        }
        out.endObject()
    }

    static func result(_ value: JSONValue) throws(JournalDecodeError) -> A2AResult {
        let f = try JournalFields(value, "result")
        if let t = f.object["task"] { return .task(try task(t)) }
        if let m = f.object["message"] { return .message(try message(m)) }
        if let p = f.object["taskPage"] {
            let g = try JournalFields(p, "taskPage")
            var tasks: [A2ATask] = []
            for t in try g.array("tasks") { tasks.append(try task(t)) }
            return .taskPage(TaskPage(
                tasks: tasks, nextPageToken: try g.optionalString("nextPageToken"),
                totalSize: try g.optionalInt("totalSize"), pageSize: try g.optionalInt("pageSize")))
        }
        throw JournalDecodeError("unknown result")
    }

    // MARK: failures

    static func write(_ failure: A2AFailure, to out: inout JSONStreamWriter) {
        out.beginObject()
        switch failure {
        case .malformed(let why): out.member("malformed", why)
        case .rpc(let e):
            out.object("rpc") { out in
                out.member("code", Double(e.code))
                out.member("message", e.message)
                out.optional("data", e.data)
                out.member("dialect", e.dialect.rawValue)
            }
        }
        out.endObject()
    }

    static func failure(_ value: JSONValue) throws(JournalDecodeError) -> A2AFailure {
        let f = try JournalFields(value, "failure")
        if f.has("malformed") { return .malformed(try f.string("malformed")) }
        let g = try JournalFields(try f.value("rpc"), "rpc")
        return .rpc(RPCError(code: try g.int("code"), message: try g.string("message"), data: g.object["data"],
                             dialect: try dialect(try g.string("dialect"))))
    }

    static func dialect(_ name: String) throws(JournalDecodeError) -> Dialect {
        guard let d = Dialect(rawValue: name) else { throw JournalDecodeError("unknown dialect '\(name)'") }
        return d
    }

    // MARK: endpoints and cards

    static func write(_ endpoint: Endpoint, to out: inout JSONStreamWriter) {
        out.beginObject()
        out.member("url", endpoint.url)
        out.member("dialect", endpoint.dialect.rawValue)
        switch endpoint.binding {
        case .other(let s): out.object("binding") { $0.member("other", s) }
        default: out.member("binding", endpoint.binding.wireName)
        }
        out.key("versionHeader")
        out.bool(endpoint.sendsVersionHeader)
        out.endObject()
    }

    static func endpoint(_ value: JSONValue) throws(JournalDecodeError) -> Endpoint {
        let f = try JournalFields(value, "endpoint")
        let binding: ProtocolBinding
        switch f.object["binding"] {
        case .string(let name): binding = ProtocolBinding(wireName: name)
        case .object(let o):
            guard case .string(let s) = o["other"] else { throw JournalDecodeError("bad binding") }
            binding = .other(s)
        default: throw JournalDecodeError("bad binding")
        }
        return Endpoint(url: try f.string("url"), dialect: try dialect(try f.string("dialect")), binding: binding,
                        sendsVersionHeader: try f.bool("versionHeader"))
    }

    /// A card is journaled as the JSON the agent sent (`AgentCard.raw`) and decoded again on
    /// replay with the same decoder the live dashboard used.
    static func write(_ card: AgentCard, to out: inout JSONStreamWriter) { out.value(card.raw) }

    static func card(_ value: JSONValue) throws(JournalDecodeError) -> AgentCard {
        switch A2ACodec.decodeCard(JSONWriter().bytes(value)) {
        case .success(let card): return card
        case .failure(let f): throw JournalDecodeError("card: \(f.summary)")
        }
    }

    // MARK: requests (journaled for the record, never replayed)

    static func write(_ request: A2ARequest, to out: inout JSONStreamWriter) {
        out.beginObject()
        switch request {
        case .send(let p):
            out.key("send")
            write(p, to: &out)
        case .stream(let p):
            out.key("stream")
            write(p, to: &out)
        case .get(let id, let history):
            out.object("get") { out in
                out.member("taskId", id)
                out.optional("historyLength", history)
            }
        case .list(let q):
            out.object("list") { out in
                out.optional("contextId", q.contextID)
                if let state = q.state {
                    out.key("state")
                    write(state, to: &out)
                }
                out.optional("pageSize", q.pageSize)
                out.optional("pageToken", q.pageToken)
                out.optional("historyLength", q.historyLength)
            }
        case .cancel(let id): out.object("cancel") { $0.member("taskId", id) }
        case .subscribe(let id): out.object("subscribe") { $0.member("taskId", id) }
        }
        out.endObject()
    }

    static func write(_ params: SendParams, to out: inout JSONStreamWriter) {
        out.beginObject()
        out.key("message")
        write(params.message, to: &out)
        out.optional("skillId", params.skillID)
        out.flag("blocking", params.blocking)
        out.optional("metadata", params.metadata)
        out.endObject()
    }
}
