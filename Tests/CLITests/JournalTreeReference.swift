import A2A
import Deck
import Foundation

@testable import AgentDeckCLI

// The journal's encoders as they were before round 5 (each value built as a `JSONValue` tree,
// then written by `JSONWriter`), kept as the reference the byte-writing encoders must match byte
// for byte: journals read the same whichever build wrote them.

enum TreeJournalModel {
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

    static func encode(_ status: TaskStatus) -> JSONValue {
        var o = JournalObject()
        o["state"] = encode(status.state)
        o.set("message", status.message.map(encode))
        o.set("timestamp", status.timestamp.map(JournalDate.encode))
        return o.value
    }

    static func encode(_ state: TaskState) -> JSONValue {
        if case .unrecognized(let raw) = state { return ["unrecognized": .string(raw)] }
        return .string(state.name)
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

    static func encode(_ card: AgentCard) -> JSONValue { card.raw }

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
            o.set("historyLength", q.historyLength)
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

enum TreeJournalMsg {
    static func encode(_ msg: Msg) -> JSONValue {
        switch msg {
        case .start: return JournalObject(kind: "start").value
        case .tick: return JournalObject(kind: "tick").value
        case .key(let key):
            var o = JournalObject(kind: "key")
            o["key"] = .string(JournalKey.encode(key))
            return o.value
        case .paste(let text):
            var o = JournalObject(kind: "paste")
            o["text"] = .string(text)
            return o.value
        case .resize(let size):
            var o = JournalObject(kind: "resize")
            o.set("columns", size.columns)
            o.set("rows", size.rows)
            return o.value
        case .card(let agent, let outcome):
            var o = JournalObject(kind: "card")
            o["agent"] = .string(agent.rawValue)
            switch outcome {
            case .fetched(let card, let endpoint, let etag, let latency):
                o["outcome"] = "fetched"
                o["card"] = TreeJournalModel.encode(card)
                o.set("endpoint", endpoint.map(TreeJournalModel.encode))
                o.set("etag", etag)
                o["latency"] = .number(latency)
            case .notModified(let latency):
                o["outcome"] = "notModified"
                o["latency"] = .number(latency)
            case .failed(let failure):
                o["outcome"] = "failed"
                switch failure {
                case .unreachable(let why): o["unreachable"] = .string(why)
                case .http(let status, let why):
                    o["httpStatus"] = .number(Double(status))
                    o["detail"] = .string(why)
                case .malformed(let why): o["malformed"] = .string(why)
                }
            }
            return o.value
        case .endpoint(let agent, let endpoint):
            var o = JournalObject(kind: "endpoint")
            o["agent"] = .string(agent.rawValue)
            o["endpoint"] = TreeJournalModel.encode(endpoint)
            return o.value
        case .result(let tag, let result):
            var o = JournalObject(kind: "result")
            o["tag"] = .number(Double(tag.rawValue))
            switch result {
            case .success(let value): o["result"] = TreeJournalModel.encode(value)
            case .failure(let failure): o["failure"] = encode(failure)
            }
            return o.value
        case .streamOpened(let tag):
            var o = JournalObject(kind: "streamOpened")
            o["tag"] = .number(Double(tag.rawValue))
            return o.value
        case .streamEvent(let tag, let event):
            var o = JournalObject(kind: "streamEvent")
            o["tag"] = .number(Double(tag.rawValue))
            o["event"] = TreeJournalModel.encode(event)
            return o.value
        case .streamEnded(let tag, let end):
            var o = JournalObject(kind: "streamEnded")
            o["tag"] = .number(Double(tag.rawValue))
            if case .failed(let failure) = end { o["failure"] = encode(failure) }
            return o.value
        case .local(let outcome):
            var o = JournalObject(kind: "local")
            switch outcome {
            case .themeLoaded(let name): o["themeLoaded"] = .string(name)
            case .themeFailed(let name, let reason): o["themeFailed"] = ["name": .string(name), "reason": .string(reason)]
            case .saved(let path, let note):
                var saved = JournalObject()
                saved.set("path", path)
                saved.set("note", note)
                o["saved"] = saved.value
            case .saveFailed(let why): o["saveFailed"] = .string(why)
            }
            return o.value
        case .pointer(let action):
            var o = JournalObject(kind: "pointer")
            switch action {
            case .select(let pane, let row):
                o["select"] = .string(JournalPane.name(pane))
                o.set("row", row)
            case .scroll(let pane, let by):
                o["scroll"] = .string(JournalPane.name(pane))
                o["by"] = .number(Double(by))
            }
            return o.value
        }
    }

    static func encode(_ failure: CallFailure) -> JSONValue {
        switch failure {
        case .agent(let f): ["agent": TreeJournalModel.encode(f)]
        case .transport(let why): ["transport": .string(why)]
        }
    }
}

enum TreeJournalEntry {
    static func json(_ entry: JournalEntry) -> JSONValue {
        var o: JournalObject
        switch entry {
        case .session(let s):
            return s.json()
        case .msg(let msg, _):
            o = JournalObject()
            o["msg"] = TreeJournalMsg.encode(msg)
        case .raw(let payload, _):
            o = JournalObject()
            o["raw"] = json(payload)
        case .request(let agent, let tag, let request, _):
            o = JournalObject()
            var r = JournalObject()
            r["agent"] = .string(agent.rawValue)
            r.set("tag", tag.map { Int($0.rawValue) })
            r["request"] = TreeJournalModel.encode(request)
            o["request"] = r.value
        case .gap(let dropped, _):
            o = JournalObject()
            o["gap"] = ["dropped": .number(Double(dropped))]
        }
        var line = JournalObject()
        line["t"] = .number(Double(JournalClock.milliseconds(entry.date)))
        for (key, value) in o.object.pairs { line[key] = value }
        return line.value
    }

    static func json(_ payload: RawPayload) -> JSONValue {
        var o = JournalObject()
        switch payload.subject {
        case .card(let agent): o["agent"] = .string(agent.rawValue)
        case .task(let key):
            o["agent"] = .string(key.agentID.rawValue)
            o["task"] = .string(key.taskID)
        }
        o["source"] = .string(payload.source)
        o["json"] = .string(payload.text)
        return o.value
    }
}
