import A2A
import Deck
import Foundation

/// Deck `Msg`s as journal JSON and back. Every message `update` sees is journaled, keys and
/// ticks included: `update` is deterministic, so feeding the same messages at the same instants
/// into a state built from the same config reaches the same state, and the same screen.
enum JournalMsg {
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
                o["card"] = JournalModel.encode(card)
                o.set("endpoint", endpoint.map(JournalModel.encode))
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
            o["endpoint"] = JournalModel.encode(endpoint)
            return o.value
        case .result(let tag, let result):
            var o = JournalObject(kind: "result")
            o["tag"] = .number(Double(tag.rawValue))
            switch result {
            case .success(let value): o["result"] = JournalModel.encode(value)
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
            o["event"] = JournalModel.encode(event)
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

    static func decode(_ value: JSONValue) throws(JournalDecodeError) -> Msg {
        let f = try JournalFields(value, "msg")
        switch try f.kind() {
        case "start": return .start
        case "tick": return .tick
        case "key": return .key(try JournalKey.decode(try f.string("key")))
        case "paste": return .paste(try f.string("text"))
        case "resize":
            // A damaged line must not hand the views an impossible screen.
            let columns = try f.int("columns"), rows = try f.int("rows")
            guard (1...100_000).contains(columns), (1...100_000).contains(rows) else { throw JournalDecodeError("bad size") }
            return .resize(TerminalSize(columns: columns, rows: rows))
        case "card":
            let agent = AgentID(try f.string("agent"))
            switch try f.string("outcome") {
            case "fetched":
                let endpoint: Endpoint? = if let e = f.object["endpoint"] { try JournalModel.endpoint(e) } else { nil }
                return .card(agent, .fetched(
                    try JournalModel.card(try f.value("card")), endpoint: endpoint, etag: try f.optionalString("etag"),
                    latency: try f.double("latency")))
            case "notModified":
                return .card(agent, .notModified(latency: try f.double("latency")))
            case "failed":
                if f.has("unreachable") { return .card(agent, .failed(.unreachable(try f.string("unreachable")))) }
                if f.has("malformed") { return .card(agent, .failed(.malformed(try f.string("malformed")))) }
                return .card(agent, .failed(.http(status: try f.int("httpStatus"), try f.string("detail"))))
            case let other:
                throw JournalDecodeError("unknown card outcome '\(other)'")
            }
        case "endpoint":
            return .endpoint(AgentID(try f.string("agent")), try JournalModel.endpoint(try f.value("endpoint")))
        case "result":
            let tag = try self.tag(f)
            if let failure = f.object["failure"] { return .result(tag, .failure(try callFailure(failure))) }
            return .result(tag, .success(try JournalModel.result(try f.value("result"))))
        case "streamOpened": return .streamOpened(try tag(f))
        case "streamEvent": return .streamEvent(try tag(f), try JournalModel.event(try f.value("event")))
        case "streamEnded":
            let tag = try self.tag(f)
            if let failure = f.object["failure"] { return .streamEnded(tag, .failed(try callFailure(failure))) }
            return .streamEnded(tag, .closed)
        case "local":
            if f.has("themeLoaded") { return .local(.themeLoaded(try f.string("themeLoaded"))) }
            if f.has("saveFailed") { return .local(.saveFailed(try f.string("saveFailed"))) }
            if let failed = f.object["themeFailed"] {
                let g = try JournalFields(failed, "themeFailed")
                return .local(.themeFailed(name: try g.string("name"), reason: try g.string("reason")))
            }
            let g = try JournalFields(try f.value("saved"), "saved")
            return .local(.saved(path: try g.string("path"), note: try g.optionalString("note")))
        case "pointer":
            if f.has("select") { return .pointer(.select(try JournalPane.pane(try f.string("select")), row: try f.optionalInt("row"))) }
            let by = try f.int("by")
            guard abs(by) <= 1_000_000 else { throw JournalDecodeError("bad scroll") }
            return .pointer(.scroll(try JournalPane.pane(try f.string("scroll")), by: by))
        case let other:
            throw JournalDecodeError("unknown message kind '\(other)'")
        }
    }

    static func tag(_ f: JournalFields) throws(JournalDecodeError) -> RequestTag {
        let n = try f.int("tag")
        guard n >= 0 else { throw JournalDecodeError("negative tag") }
        return RequestTag(UInt64(n))
    }

    static func encode(_ failure: CallFailure) -> JSONValue {
        switch failure {
        case .agent(let f): ["agent": JournalModel.encode(f)]
        case .transport(let why): ["transport": .string(why)]
        }
    }

    static func callFailure(_ value: JSONValue) throws(JournalDecodeError) -> CallFailure {
        let f = try JournalFields(value, "failure")
        if let a = f.object["agent"] { return .agent(try JournalModel.failure(a)) }
        return .transport(try f.string("transport"))
    }
}

enum JournalPane {
    static func name(_ pane: Pane) -> String {
        switch pane {
        case .agents: "agents"
        case .tasks: "tasks"
        case .detail: "detail"
        }
    }

    static func pane(_ name: String) throws(JournalDecodeError) -> Pane {
        switch name {
        case "agents": .agents
        case "tasks": .tasks
        case "detail": .detail
        default: throw JournalDecodeError("unknown pane '\(name)'")
        }
    }
}

/// Keys as the help spells them ("j", "Enter", "^C", "Space"); the few that spelling cannot
/// carry as `#code` (unknown key codes) and `@press,x,y` (mouse events).
enum JournalKey {
    static func encode(_ key: Key) -> String {
        switch key {
        case .unknown(let code): return "#\(code)"
        case .mouse(let event):
            let kind = switch event.kind {
            case .press: "press"
            case .wheelUp: "wheelUp"
            case .wheelDown: "wheelDown"
            }
            return "@\(kind),\(event.x),\(event.y)"
        default: return key.description
        }
    }

    static func decode(_ text: String) throws(JournalDecodeError) -> Key {
        if text.hasPrefix("#"), text.count > 1, let code = Int(text.dropFirst()) { return .unknown(code) }
        if text.hasPrefix("@"), text.count > 1 {
            let parts = text.dropFirst().split(separator: ",")
            let kinds: [Substring: MouseEvent.Kind] = ["press": .press, "wheelUp": .wheelUp, "wheelDown": .wheelDown]
            if parts.count == 3, let kind = kinds[parts[0]], let x = Int(parts[1]), let y = Int(parts[2]) {
                return .mouse(MouseEvent(kind, x: x, y: y))
            }
        }
        guard let key = Key(parsing: text) else { throw JournalDecodeError("unknown key '\(text)'") }
        return key
    }
}
