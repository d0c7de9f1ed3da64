import A2A
import Foundation

/// The A2A model as journal JSON, losslessly: `decode(encode(x)) == x` for every value, so a
/// replay rebuilds exactly what the live dashboard held. This is our own format, not any A2A
/// dialect (the dialects drop things we keep, like `.unrecognized` states); the agent's own
/// bytes are journaled beside it as `raw` entries.
enum JournalModel {
    // MARK: tasks

    static func encode(_ task: A2ATask) -> JSONValue {
        var o = JournalObject()
        o.set("id", task.id)
        o.set("contextId", task.contextID)
        o["status"] = encode(task.status)
        o.set("artifacts", task.artifacts.map(encode))
        o.set("history", task.history.map(encode))
        o.set("metadata", task.metadata)
        return o.value
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

    static func encode(_ status: TaskStatus) -> JSONValue {
        var o = JournalObject()
        o["state"] = encode(status.state)
        o.set("message", status.message.map(encode))
        o.set("timestamp", status.timestamp.map(JournalDate.encode))
        return o.value
    }

    static func status(_ value: JSONValue) throws(JournalDecodeError) -> TaskStatus {
        let f = try JournalFields(value, "status")
        let message: Message? = if let m = f.object["message"] { try self.message(m) } else { nil }
        let timestamp: Date? = if let t = f.object["timestamp"] { try JournalDate.decode(t) } else { nil }
        return TaskStatus(state: try state(try f.value("state")), message: message, timestamp: timestamp)
    }

    /// Known states by name; a state we did not recognize as `{"unrecognized": "…"}` so it can
    /// never be mistaken for a known one.
    static func encode(_ state: TaskState) -> JSONValue {
        if case .unrecognized(let raw) = state { return ["unrecognized": .string(raw)] }
        return .string(state.name)
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

    static func encode(_ artifact: Artifact) -> JSONValue {
        var o = JournalObject()
        o.set("artifactId", artifact.artifactID)
        o.set("name", artifact.name)
        o.set("description", artifact.description)
        o["parts"] = .array(artifact.parts.map(encode))
        o.set("metadata", artifact.metadata)
        return o.value
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

    static func encode(_ message: Message) -> JSONValue {
        var o = JournalObject()
        o.set("messageId", message.messageID)
        o.set("contextId", message.contextID)
        o.set("taskId", message.taskID)
        switch message.role {
        case .user: o["role"] = "user"
        case .agent: o["role"] = "agent"
        case .other(let s): o["role"] = ["other": .string(s)]
        }
        o["parts"] = .array(message.parts.map(encode))
        o.set("metadata", message.metadata)
        o.set("referenceTaskIds", strings: message.referenceTaskIDs)
        return o.value
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

    static func encode(_ part: Part) -> JSONValue {
        var o = JournalObject()
        switch part.content {
        case .text(let t): o["text"] = .string(t)
        case .fileBytes(let b): o["bytes"] = .string(b)
        case .fileURL(let u): o["url"] = .string(u)
        case .data(let d): o["data"] = d
        }
        o.set("mediaType", part.mediaType)
        o.set("filename", part.filename)
        o.set("metadata", part.metadata)
        return o.value
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

    static func encode(_ event: StreamEvent) -> JSONValue {
        switch event {
        case .task(let t): return ["task": encode(t)]
        case .message(let m): return ["message": encode(m)]
        case .status(let s):
            var o = JournalObject()
            o.set("taskId", s.taskID)
            o.set("contextId", s.contextID)
            o["status"] = encode(s.status)
            o.set("final", s.isFinal)
            o.set("progress", s.progressPercent)
            o.set("metadata", s.metadata)
            return ["statusUpdate": o.value]
        case .artifact(let a):
            var o = JournalObject()
            o.set("taskId", a.taskID)
            o.set("contextId", a.contextID)
            o["artifact"] = encode(a.artifact)
            o.set("append", a.append)
            o.set("lastChunk", a.lastChunk)
            o.set("metadata", a.metadata)
            return ["artifactUpdate": o.value]
        }
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

    static func encode(_ result: A2AResult) -> JSONValue {
        switch result {
        case .task(let t): return ["task": encode(t)]
        case .message(let m): return ["message": encode(m)]
        case .taskPage(let p):
            var o = JournalObject()
            o["tasks"] = .array(p.tasks.map(encode))
            o.set("nextPageToken", p.nextPageToken)
            o.set("totalSize", p.totalSize)
            o.set("pageSize", p.pageSize)
            return ["taskPage": o.value]
        }
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

    static func encode(_ failure: A2AFailure) -> JSONValue {
        switch failure {
        case .malformed(let why): return ["malformed": .string(why)]
        case .rpc(let e):
            var o = JournalObject()
            o["code"] = .number(Double(e.code))
            o["message"] = .string(e.message)
            o.set("data", e.data)
            o["dialect"] = .string(e.dialect.rawValue)
            return ["rpc": o.value]
        }
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

    static func encode(_ endpoint: Endpoint) -> JSONValue {
        var o = JournalObject()
        o["url"] = .string(endpoint.url)
        o["dialect"] = .string(endpoint.dialect.rawValue)
        switch endpoint.binding {
        case .other(let s): o["binding"] = ["other": .string(s)]
        default: o["binding"] = .string(endpoint.binding.wireName)
        }
        o["versionHeader"] = .bool(endpoint.sendsVersionHeader)
        return o.value
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
    static func encode(_ card: AgentCard) -> JSONValue { card.raw }

    static func card(_ value: JSONValue) throws(JournalDecodeError) -> AgentCard {
        switch A2ACodec.decodeCard(JSONWriter().bytes(value)) {
        case .success(let card): return card
        case .failure(let f): throw JournalDecodeError("card: \(f.summary)")
        }
    }

    // MARK: requests (journaled for the record, never replayed)

    static func encode(_ request: A2ARequest) -> JSONValue {
        switch request {
        case .send(let p): return ["send": encode(p)]
        case .stream(let p): return ["stream": encode(p)]
        case .get(let id, let history):
            var o = JournalObject()
            o.set("taskId", id)
            o.set("historyLength", history)
            return ["get": o.value]
        case .list(let q):
            var o = JournalObject()
            o.set("contextId", q.contextID)
            o.set("state", q.state.map(encode))
            o.set("pageSize", q.pageSize)
            o.set("pageToken", q.pageToken)
            return ["list": o.value]
        case .cancel(let id): return ["cancel": ["taskId": .string(id)]]
        case .subscribe(let id): return ["subscribe": ["taskId": .string(id)]]
        }
    }

    static func encode(_ params: SendParams) -> JSONValue {
        var o = JournalObject()
        o["message"] = encode(params.message)
        o.set("skillId", params.skillID)
        o.set("blocking", params.blocking)
        o.set("metadata", params.metadata)
        return o.value
    }
}
