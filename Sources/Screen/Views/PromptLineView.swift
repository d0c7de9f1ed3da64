import Deck

/// The bottom line: the open prompt with its cursor (`dispatch @Alice #search> text`, `reply
/// 3f2a> `, `:`, `/`), the cancel question, or short key hints from the effective key map (so
/// read-only mode advertises no mutating key).
enum PromptLineView {
    /// The hint actions, most important first, with their footer words.
    static let hintActions: [(action: Action, word: String)] = [
        (.help, "help"), (.quit, "quit"), (.dispatch, "new"), (.cancel, "cancel"), (.reply, "reply"),
        (.filter, "filter"), (.command, "cmd"), (.nextPane, "pane"), (.zoom, "zoom"),
    ]

    static func label(_ prompt: DeckViewModel.PromptView, agents: [AgentRow]) -> String {
        switch prompt.mode {
        case .dispatch(let agent, let skill):
            var label = "dispatch"
            if let agent { label += " @" + ViewText.agent(agents.first { $0.id == agent }?.name ?? agent.rawValue) }
            if let skill { label += " #" + ViewText.agent(skill) }
            return label + "> "
        case .reply(let key): return "reply " + ViewText.agent(key.taskID) + "> "
        case .command: return ":"
        case .filter: return "/"
        case .confirmCancel: return ""
        }
    }

    /// `Cancel task 3f2a on Alice? [y/N]`.
    static func cancelQuestion(_ key: TaskKey, agents: [AgentRow]) -> String {
        let name = agents.first { $0.id == key.agentID }?.name ?? key.agentID.rawValue
        return "Cancel task " + ViewText.agent(key.taskID) + " on " + ViewText.agent(name) + "? [y/N]"
    }

    static func hints(_ model: DeckViewModel) -> [Span] {
        let keys = Dictionary(model.keyHints.map { ($0.action, $0.keys.first ?? "") }, uniquingKeysWith: { a, _ in a })
        var spans: [Span] = []
        for hint in hintActions {
            guard let key = keys[hint.action], !key.isEmpty else { continue }
            if !spans.isEmpty { spans.append(Span("  ")) }
            spans.append(Span(key, style: Style(.prompt)))
            spans.append(Span(" " + hint.word, style: Style(.dim)))
        }
        return spans
    }

    /// Draws the line; returns where the terminal cursor goes (in a text prompt).
    static func render(_ model: DeckViewModel, into buffer: inout CellBuffer, area: Rect) -> CursorPosition? {
        guard !area.isEmpty else { return nil }
        if let prompt = model.prompt {
            if case .confirmCancel(let key) = prompt.mode {
                buffer.render(StatusLine(left: [Span(cancelQuestion(key, agents: model.agents), style: Style(.prompt))]), in: area)
                return nil
            }
            let widget = Prompt(label: label(prompt, agents: model.agents), text: prompt.text, cursor: prompt.cursor)
            buffer.render(widget, in: area)
            let position = widget.cursorPosition(in: area)
            return CursorPosition(x: position.x, y: position.y)
        }
        buffer.render(StatusLine(left: hints(model)), in: area)
        return nil
    }
}
