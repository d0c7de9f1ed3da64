import A2A
import Deck
import Foundation

/// What the raw view shows: the selected agent's card (agents pane focused) or the payloads
/// received for the selected task, pretty-printed in the order their keys arrived, credentials
/// masked. The view sanitizes the lines; this only chooses and formats them.
struct RawViewContent: Sendable, Equatable {
    var title: String
    var lines: [String]
}

enum RawViewSource {
    static func content(_ state: DeckState, store: RawStore, redaction: JournalRedaction) -> RawViewContent {
        if state.ui.focus == .agents || state.selectedTaskEntry == nil {
            guard let agent = state.selectedAgentEntry else { return RawViewContent(title: "Raw JSON", lines: ["no agent selected"]) }
            let title = "Raw card: \(agent.displayName)"
            guard let card = agent.card else { return RawViewContent(title: title, lines: ["no card received yet"]) }
            return RawViewContent(title: title, lines: lines(of: card.raw, redaction: redaction))
        }
        guard let key = state.ui.selectedTask else { return RawViewContent(title: "Raw JSON", lines: ["no task selected"]) }
        let payloads = store.payloads(for: key)
        let title = "Raw JSON: task \(key.taskID)"
        guard !payloads.isEmpty else {
            return RawViewContent(title: title, lines: ["nothing received for this task yet"])
        }
        var out: [String] = []
        for (index, payload) in payloads.enumerated() {
            out.append("--- \(index + 1) of \(payloads.count): \(payload.source) ---")
            out += lines(of: payload.text, redaction: redaction)
        }
        return RawViewContent(title: title, lines: out)
    }

    static func lines(of text: String, redaction: JournalRedaction) -> [String] {
        let pretty: String
        if let value = try? JSONParser.parse(text) { pretty = JSONWriter(indent: 2).string(value) } else { pretty = text }
        return redaction.apply(pretty).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    static func lines(of value: JSONValue, redaction: JournalRedaction) -> [String] {
        redaction.apply(JSONWriter(indent: 2).string(value)).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
}

/// Pretty-printing a large payload every frame would be wasteful: the content is rebuilt only
/// when the subject or what was received for it changes.
struct RawViewCache {
    private var key: String?
    private var cached = RawViewContent(title: "", lines: [])

    mutating func content(_ state: DeckState, store: RawStore, redaction: JournalRedaction) -> RawViewContent {
        let payloads = state.ui.selectedTask.map { store.payloads(for: $0) } ?? []
        let current = [
            "\(state.ui.focus)", state.ui.selectedTask?.description ?? "-", state.ui.selectedAgent?.rawValue ?? "-",
            "\(payloads.count)", "\(payloads.last?.text.utf8.count ?? 0)",
            "\(state.selectedAgentEntry?.card?.raw.hashValue ?? 0)",
        ].joined(separator: "|")
        if current != key {
            key = current
            cached = RawViewSource.content(state, store: store, redaction: redaction)
        }
        return cached
    }
}
