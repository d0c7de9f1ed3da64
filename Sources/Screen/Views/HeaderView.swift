import Deck

/// The top line: `AgentDeck [RW]  5 agents ●3 ◐1 ✗1 ✎1  tasks ▶3 ?1 ✓12 ✗2  ⚑2` (✎: cards
/// changed since last opened), and at the
/// right, when there is room, the fleet over the health window: `15m 4.2/min 93% ok`.
/// The mode comes right after the name so it survives any truncation.
enum HeaderView {
    static func spans(_ header: HeaderSummary) -> [Span] {
        var spans: [Span] = [
            Span("AgentDeck", style: Style(.header)),
            Span(" "),
            header.readOnly ? Span("[RO]", style: Style(.warning).bold) : Span("[RW]", style: Style(.ok).bold),
            Span("  \(header.agentsTotal) agent\(header.agentsTotal == 1 ? "" : "s")", style: Style(.dim)),
        ]
        let healthy = header.agentsUp - header.agentsDegraded
        spans.append(Span(" " + AgentHealthLook.symbol(.up) + "\(healthy)", style: Style(.agentUp)))
        if header.agentsDegraded > 0 {
            spans.append(Span(" " + AgentHealthLook.symbol(.degraded("")) + "\(header.agentsDegraded)", style: Style(.agentDegraded)))
        }
        if header.agentsDown > 0 {
            spans.append(Span(" " + AgentHealthLook.symbol(.down("")) + "\(header.agentsDown)", style: Style(.agentDown)))
        }
        if header.cardsChanged > 0 {
            spans.append(Span(" ✎\(header.cardsChanged)", style: Style(.warning)))
        }
        spans.append(Span("  tasks", style: Style(.dim)))
        if header.tasksByState.isEmpty { spans.append(Span(" 0", style: Style(.dim))) }
        for count in header.tasksByState {
            spans.append(Span(" " + TaskStateLook.symbol(count.state) + "\(count.count)", style: TaskStateLook.style(count.state)))
        }
        if header.attention > 0 {
            spans.append(Span("  ⚑\(header.attention) need you", style: Style(.stateInputRequired)))
        }
        return spans
    }

    /// The fleet totals; nil before anything was polled.
    static func fleetSpans(_ header: HeaderSummary) -> [Span]? {
        guard let fleet = header.fleet, fleet.polls > 0 else { return nil }
        var spans = [Span(AgentHealthText.span(fleet.window), style: Style(.dim)), Span(" " + AgentHealthText.rate(fleet.tasksPerMinute))]
        if let rate = fleet.successRate {
            spans.append(Span(" " + ViewText.percent(rate) + " ok", style: AgentsPaneView.successStyle(rate)))
        }
        return spans
    }

    static func render(_ header: HeaderSummary, into buffer: inout CellBuffer, area: Rect) {
        let left = spans(header)
        // The fleet totals only where they fit whole: the counts on the left matter more.
        let right = fleetSpans(header).flatMap { left.width + 2 + $0.width <= area.width ? $0 : nil } ?? []
        buffer.render(StatusLine(left: left, right: right), in: area)
    }
}
