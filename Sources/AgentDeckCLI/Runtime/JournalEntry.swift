import A2A
import Deck
import Foundation

/// One line of the journal.
///
/// - `session`: written first in every file (and again after rotation, `continued`): the config
///   the dashboard started with, so a replay can build the same initial state.
/// - `msg`: a `Msg` exactly as `update` received it, at the instant it was applied.
/// - `raw`: an agent's JSON exactly as received (card, result or stream event), for the raw view
///   and for post-mortems; credentials redacted.
/// - `request`: a mutating request the operator's action sent (dispatch, reply, cancel): the
///   record of what the console did to agents. Replay does not need it (the keys that caused it
///   are journaled as `msg`s), but a person reading the journal does.
/// - `gap`: the writer fell behind and dropped this many entries (memory stays bounded).
enum JournalEntry: Sendable, Hashable {
    case session(JournalSession)
    case msg(Msg, at: Date)
    case raw(RawPayload, at: Date)
    case request(agent: AgentID, tag: RequestTag?, request: A2ARequest, at: Date)
    case gap(dropped: Int, at: Date)

    var date: Date {
        switch self {
        case .session(let s): s.started
        case .msg(_, let at), .raw(_, let at), .request(_, _, _, let at), .gap(_, let at): at
        }
    }

    /// The line's JSON, written straight to bytes (no newline): `{"t":…,"msg":{…}}` and so on.
    func write(to out: inout JSONStreamWriter) {
        if case .session(let s) = self {
            out.value(s.json())
            return
        }
        out.beginObject()
        out.member("t", Double(JournalClock.milliseconds(date)))
        switch self {
        case .session:
            break
        case .msg(let msg, _):
            out.key("msg")
            JournalMsg.write(msg, to: &out)
        case .raw(let payload, _):
            out.key("raw")
            payload.write(to: &out)
        case .request(let agent, let tag, let request, _):
            out.object("request") { out in
                out.member("agent", agent.rawValue)
                out.optional("tag", tag.map { Int($0.rawValue) })
                out.key("request")
                JournalModel.write(request, to: &out)
            }
        case .gap(let dropped, _):
            out.object("gap") { $0.member("dropped", Double(dropped)) }
        }
        out.endObject()
    }

    /// The line's JSON text (no newline).
    var text: String {
        var out = JSONStreamWriter()
        write(to: &out)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// Reads one line's JSON. Requests are not read back (replay does not use them): they come
    /// back as nil, like any line kind a later build might add.
    static func decode(_ value: JSONValue) throws(JournalDecodeError) -> JournalEntry? {
        let f = try JournalFields(value, "line")
        if f.has("session") { return .session(try JournalSession(f)) }
        let ms = try f.double("t")
        guard ms.isFinite, abs(ms) < 9e15 else { throw JournalDecodeError("bad time") }
        let at = JournalClock.date(milliseconds: Int64(ms))
        if let msg = f.object["msg"] { return .msg(try JournalMsg.decode(msg), at: at) }
        if let raw = f.object["raw"] { return .raw(try RawPayload(raw), at: at) }
        if let gap = f.object["gap"] { return .gap(dropped: try JournalFields(gap, "gap").int("dropped"), at: at) }
        return nil
    }
}

/// The JSON an agent sent, as received, and what it was about.
struct RawPayload: Sendable, Hashable {
    enum Subject: Sendable, Hashable {
        case card(AgentID)
        case task(TaskKey)
    }

    var subject: Subject
    /// What produced it: "card", "result" or "event".
    var source: String
    var text: String

    init(subject: Subject, source: String, text: String) {
        self.subject = subject
        self.source = source
        self.text = text
    }

    func write(to out: inout JSONStreamWriter) {
        out.beginObject()
        switch subject {
        case .card(let agent): out.member("agent", agent.rawValue)
        case .task(let key):
            out.member("agent", key.agentID.rawValue)
            out.member("task", key.taskID)
        }
        out.member("source", source)
        out.member("json", text)
        out.endObject()
    }

    init(_ value: JSONValue) throws(JournalDecodeError) {
        let f = try JournalFields(value, "raw")
        let agent = AgentID(try f.string("agent"))
        if let task = try f.optionalString("task") {
            subject = .task(TaskKey(agentID: agent, taskID: task))
        } else {
            subject = .card(agent)
        }
        source = try f.string("source")
        text = try f.string("json")
    }
}

/// The head of a journal file: who wrote it and the config the dashboard started from.
struct JournalSession: Sendable, Hashable {
    static let format = "agentdeck-journal"
    static let version = 1

    /// Random per dashboard run: tells sessions apart in one file and across rotated files.
    var id: String
    var started: Date
    /// A rotated-in file of a session that began in an older file.
    var continued: Bool
    var config: DeckConfig
    var keyMap: KeyMap
    /// What the state held before the first message: prompt histories loaded from disk, the
    /// theme name, a startup notice on the status line.
    var histories: [HistoryKind: [String]] = [:]
    var theme: String?
    var status: StatusLine?

    init(id: String, started: Date, continued: Bool = false, config: DeckConfig, keyMap: KeyMap) {
        self.id = id
        self.started = started
        self.continued = continued
        self.config = config
        self.keyMap = keyMap
    }

    /// The session of a run starting from `state`.
    init(id: String, started: Date, state: DeckState) {
        self.init(id: id, started: started, config: state.config, keyMap: state.baseKeyMap)
        histories = state.ui.histories
        theme = state.ui.theme
        status = state.ui.status
    }

    /// The state the run started from: replay feeds its messages into this.
    func initialState() -> DeckState {
        var state = DeckState(config: config, keyMap: keyMap)
        state.ui.histories = histories
        state.ui.theme = theme
        state.ui.status = status
        return state
    }

    func json() -> JSONValue {
        var c = JournalObject()
        c["agents"] = .array(config.agents.map { a in
            var o = JournalObject()
            o["id"] = .string(a.id.rawValue)
            o.set("name", a.name)
            o["url"] = .string(a.url)
            o.set("readOnly", a.readOnly)
            o.set("insecure", a.insecure)
            return o.value
        })
        c.set("readOnly", config.readOnly)
        c.set("readOnlyForcedBy", config.readOnlyForcedBy)
        c.set("themeNames", strings: config.themeNames)
        c.set("cardPollInterval", config.cardPollInterval)
        c.set("listPollInterval", config.listPollInterval)
        c.set("taskPollInterval", config.taskPollInterval)
        c.set("slowPollThreshold", config.slowPollThreshold)
        c.set("callFailuresForDegraded", config.callFailuresForDegraded)
        c.set("maxFinishedTasks", config.maxFinishedTasks)
        c.set("maxTasks", config.maxTasks)
        c.set("liveArtifactByteLimit", config.liveArtifactByteLimit)
        c.set("statusLineDuration", config.statusLineDuration)
        c["seed"] = .string(String(config.seed))
        c.set("historyLimit", config.historyLimit)
        c.set("healthWindow", config.healthWindow)
        c.set("healthBucket", config.healthBucket)

        var s = JournalObject()
        s["format"] = .string(Self.format)
        s["version"] = .number(Double(Self.version))
        s["id"] = .string(id)
        s.set("continued", continued)
        s["config"] = c.value
        s["keys"] = .array(keyMap.bindings.map { .array([.string(JournalKey.encode($0.key)), .string($0.action.name)]) })
        var ui = JournalObject()
        var h = JournalObject()
        for kind in HistoryKind.allCases { h.set(kind.rawValue, strings: histories[kind] ?? []) }
        if !h.object.isEmpty { ui["histories"] = h.value }
        ui.set("theme", theme)
        if let status {
            ui["status"] = ["text": .string(status.text), "error": .bool(status.kind == .error), "expiresAt": JournalDate.encode(status.expiresAt)]
        }
        if !ui.object.isEmpty { s["ui"] = ui.value }

        var line = JournalObject()
        line["t"] = .number(Double(JournalClock.milliseconds(started)))
        line["session"] = s.value
        return line.value
    }

    init(_ line: JournalFields) throws(JournalDecodeError) {
        let s = try JournalFields(try line.value("session"), "session")
        guard try s.string("format") == Self.format else { throw JournalDecodeError("not an agentdeck journal") }
        guard try s.int("version") == Self.version else { throw JournalDecodeError("journal version \(try s.int("version")) is not supported") }
        id = try s.string("id")
        started = JournalClock.date(milliseconds: Int64(try line.int("t")))
        continued = try s.bool("continued")
        let c = try JournalFields(try s.value("config"), "config")
        var agents: [AgentConfig] = []
        for a in try c.array("agents") {
            let g = try JournalFields(a, "agent")
            agents.append(AgentConfig(
                id: AgentID(try g.string("id")), name: try g.optionalString("name"), url: try g.string("url"),
                readOnly: try g.bool("readOnly"), insecure: try g.bool("insecure")))
        }
        var config = DeckConfig(agents: agents, readOnly: try c.bool("readOnly"), seed: try c.uint64("seed"))
        config.readOnlyForcedBy = try c.optionalString("readOnlyForcedBy")
        config.themeNames = try c.strings("themeNames")
        let defaults = config
        config.cardPollInterval = try c.optionalDouble("cardPollInterval") ?? defaults.cardPollInterval
        config.listPollInterval = try c.optionalDouble("listPollInterval")
        config.taskPollInterval = try c.optionalDouble("taskPollInterval") ?? defaults.taskPollInterval
        config.slowPollThreshold = try c.optionalDouble("slowPollThreshold") ?? defaults.slowPollThreshold
        config.callFailuresForDegraded = try c.optionalInt("callFailuresForDegraded") ?? defaults.callFailuresForDegraded
        config.maxFinishedTasks = try c.optionalInt("maxFinishedTasks") ?? defaults.maxFinishedTasks
        config.maxTasks = try c.optionalInt("maxTasks") ?? defaults.maxTasks
        config.liveArtifactByteLimit = try c.optionalInt("liveArtifactByteLimit") ?? defaults.liveArtifactByteLimit
        config.statusLineDuration = try c.optionalDouble("statusLineDuration") ?? defaults.statusLineDuration
        config.historyLimit = try c.optionalInt("historyLimit") ?? defaults.historyLimit
        config.healthWindow = try c.optionalDouble("healthWindow") ?? defaults.healthWindow
        config.healthBucket = try c.optionalDouble("healthBucket") ?? defaults.healthBucket
        self.config = config

        var bindings: [(key: Key, action: Action)] = []
        for pair in try s.array("keys") {
            guard case .array(let two) = pair, two.count == 2, case .string(let k) = two[0], case .string(let a) = two[1],
                  let action = Action(name: a)
            else { continue }  // an action a later build added: not bound here
            bindings.append((try JournalKey.decode(k), action))
        }
        keyMap = bindings.isEmpty ? .standard : KeyMap(bindings)

        if let uiValue = s.object["ui"] {
            let ui = try JournalFields(uiValue, "ui")
            if let hv = ui.object["histories"] {
                let h = try JournalFields(hv, "histories")
                for kind in HistoryKind.allCases where h.has(kind.rawValue) { histories[kind] = try h.strings(kind.rawValue) }
            }
            theme = try ui.optionalString("theme")
            if let sv = ui.object["status"] {
                let st = try JournalFields(sv, "status")
                status = StatusLine(text: try st.string("text"), kind: try st.bool("error") ? .error : .info,
                                    expiresAt: try JournalDate.decode(try st.value("expiresAt")))
            }
        }
    }
}
