import Wire
import A2A

/// The `--json` line for one event: always `agent`, `taskId`, `kind`; `state` in lowercase kebab form
/// whatever the dialect, so scripts never care which dialect an agent speaks.
enum EventLine {
    static func json(agent: String, event: StreamEvent) -> JSONValue {
        var o = JSONObject()
        // Credentials in the URL (user:pass@, ?token=) stay out of scripts' logs.
        o["agent"] = .string(URLCredentials.redacted(agent))
        o["taskId"] = event.taskID.map(JSONValue.string) ?? .null
        switch event {
        case .task(let task):
            o["kind"] = "task"
            o["contextId"] = task.contextID.map(JSONValue.string)
            o["state"] = .string(task.status.state.name)
            if let text = task.status.message?.text, !text.isEmpty { o["text"] = .string(text) }
            if !task.artifacts.isEmpty { o["artifacts"] = .array(task.artifacts.map(artifactJSON)) }
        case .message(let message):
            o["kind"] = "message"
            o["contextId"] = message.contextID.map(JSONValue.string)
            o["role"] = .string(roleName(message.role))
            o["text"] = .string(message.text)
        case .status(let update):
            o["kind"] = "status"
            o["contextId"] = update.contextID.map(JSONValue.string)
            o["state"] = .string(update.status.state.name)
            if let text = update.status.message?.text, !text.isEmpty { o["text"] = .string(text) }
            if let p = update.progressPercent { o["progress"] = .number(p) }
            if update.isFinal { o["final"] = true }
        case .artifact(let update):
            o["kind"] = "artifact"
            o["contextId"] = update.contextID.map(JSONValue.string)
            var a = artifactJSON(update.artifact).objectValue ?? JSONObject()
            a["append"] = .bool(update.append)
            a["lastChunk"] = .bool(update.lastChunk)
            o["artifact"] = .object(a)
        }
        return .object(o)
    }

    static func artifactJSON(_ artifact: Artifact) -> JSONValue {
        var a = JSONObject()
        a["artifactId"] = .string(artifact.artifactID)
        if let name = artifact.name { a["name"] = .string(name) }
        a["parts"] = .array(artifact.parts.map(partJSON))
        return .object(a)
    }

    static func partJSON(_ part: Part) -> JSONValue {
        var p = JSONObject()
        switch part.content {
        case .text(let t): p["text"] = .string(t)
        case .fileBytes(let b64): p["bytes"] = .string(b64)
        case .fileURL(let url): p["url"] = .string(url)
        case .data(let d): p["data"] = d
        }
        if let m = part.mediaType { p["mediaType"] = .string(m) }
        if let f = part.filename { p["filename"] = .string(f) }
        return .object(p)
    }

    static func roleName(_ role: Role) -> String {
        switch role {
        case .user: "user"
        case .agent: "agent"
        case .other(let s): s
        }
    }
}
