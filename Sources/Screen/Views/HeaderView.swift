import Deck

/// The top line: `AgentDeck [RW]  5 agents ●3 ◐1 ✗1  tasks ▶3 ?1 ✓12 ✗2  ⚑2`.
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

    static func render(_ header: HeaderSummary, into buffer: inout CellBuffer, area: Rect) {
        buffer.render(StatusLine(left: spans(header)), in: area)
    }
}
