import A2A
import Deck
import Foundation

/// Deck `Msg`s as journal JSON and back. Every message `update` sees is journaled, keys and
/// ticks included: `update` is deterministic, so feeding the same messages at the same instants
/// into a state built from the same config reaches the same state, and the same screen.
enum JournalMsg {
    /// Writes the message as one JSON object (`{"kind":…}`).
    static func write(_ msg: Msg, to out: inout JSONStreamWriter) {
        out.beginObject()
        switch msg {
        case .start: out.member("kind", "start")
        case .tick: out.member("kind", "tick")
        case .key(let key):
            out.member("kind", "key")
            out.member("key", JournalKey.encode(key))
        case .paste(let text):
            out.member("kind", "paste")
            out.member("text", text)
        case .resize(let size):
            out.member("kind", "resize")
            out.optional("columns", size.columns)
            out.optional("rows", size.rows)
        case .card(let agent, let outcome):
            out.member("kind", "card")
            out.member("agent", agent.rawValue)
            switch outcome {
            case .fetched(let card, let endpoint, let etag, let latency):
                out.member("outcome", "fetched")
                out.key("card")
                JournalModel.write(card, to: &out)
                if let endpoint {
                    out.key("endpoint")
                    JournalModel.write(endpoint, to: &out)
                }
                out.optional("etag", etag)
                out.member("latency", latency)
            case .notModified(let latency):
                out.member("outcome", "notModified")
                out.member("latency", latency)
            case .failed(let failure):
                out.member("outcome", "failed")
                switch failure {
                case .unreachable(let why): out.member("unreachable", why)
                case .http(let status, let why):
                    out.member("httpStatus", Double(status))
                    out.member("detail", why)
                case .malformed(let why): out.member("malformed", why)
                }
            }
        case .endpoint(let agent, let endpoint):
            out.member("kind", "endpoint")
            out.member("agent", agent.rawValue)
            out.key("endpoint")
            JournalModel.write(endpoint, to: &out)
        case .result(let tag, let result):
            out.member("kind", "result")
            out.member("tag", Double(tag.rawValue))
            switch result {
            case .success(let value):
                out.key("result")
                JournalModel.write(value, to: &out)
            case .failure(let failure):
                out.key("failure")
                write(failure, to: &out)
            }
        case .streamOpened(let tag):
            out.member("kind", "streamOpened")
            out.member("tag", Double(tag.rawValue))
        case .streamEvent(let tag, let event):
            out.member("kind", "streamEvent")
            out.member("tag", Double(tag.rawValue))
            out.key("event")
            JournalModel.write(event, to: &out)
        case .streamEnded(let tag, let end):
            out.member("kind", "streamEnded")
            out.member("tag", Double(tag.rawValue))
            if case .failed(let failure) = end {
                out.key("failure")
                write(failure, to: &out)
            }
        case .local(let outcome):
            out.member("kind", "local")
            switch outcome {
            case .themeLoaded(let name): out.member("themeLoaded", name)
            case .themeFailed(let name, let reason):
                out.object("themeFailed") { out in
                    out.member("name", name)
                    out.member("reason", reason)
                }
            case .saved(let path, let note):
                out.object("saved") { out in
                    out.member("path", path)
                    out.optional("note", note)
                }
            case .saveFailed(let why): out.member("saveFailed", why)
            }
        case .pointer(let action):
            out.member("kind", "pointer")
            switch action {
            case .select(let pane, let row):
                out.member("select", JournalPane.name(pane))
                out.optional("row", row)
            case .scroll(let pane, let by):
                out.member("scroll", JournalPane.name(pane))
                out.member("by", Double(by))
            }
        }
        out.endObject()
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

    static func write(_ failure: CallFailure, to out: inout JSONStreamWriter) {
        out.beginObject()
        switch failure {
        case .agent(let f):
            out.key("agent")
            JournalModel.write(f, to: &out)
        case .transport(let why): out.member("transport", why)
        }
        out.endObject()
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
