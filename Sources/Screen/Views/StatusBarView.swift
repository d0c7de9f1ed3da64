import Deck

/// The line above the prompt: the latest message (info or error, which may quote an agent, so
/// sanitized), Tab completions while prompting, and on the right the sort and filter in force.
enum StatusBarView {
    static func left(_ model: DeckViewModel) -> [Span] {
        if let prompt = model.prompt, !prompt.completions.isEmpty {
            return [Span("Tab: ", style: Style(.dim)), Span(prompt.completions.prefix(20).map(ViewText.agent).joined(separator: "  "))]
        }
        if let error = model.filterError {
            return [Span("filter: " + ViewText.agent(error), style: Style(.error))]
        }
        if let status = model.status {
            return [Span(ViewText.agent(status.text), style: Style(status.kind == .error ? .error : .text))]
        }
        return []
    }

    static func right(_ model: DeckViewModel) -> [Span] {
        var parts: [String] = ["sort " + model.sort.name]
        if model.filter.states != .all { parts.append("show " + model.filter.states.name) }
        if !model.filter.query.isEmpty { parts.append("filter " + ViewText.agent(model.filter.query)) }
        return [Span(parts.joined(separator: " · "), style: Style(.dim))]
    }

    static func render(_ model: DeckViewModel, into buffer: inout CellBuffer, area: Rect) {
        buffer.render(StatusLine(left: left(model), right: right(model)), in: area)
    }
}
