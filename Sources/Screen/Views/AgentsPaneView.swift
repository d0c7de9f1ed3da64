import Deck

/// The agents pane: one row per agent with health, name, dialect, card-poll latency, active
/// tasks, success rate and flags (`⚠tls` TLS unchecked, `ro` read-only, `✎card` card changed),
/// then why it is not up (or its URL when it is).
enum AgentsPaneView {
    static let columns: [Table.Column] = [
        .init("STATUS", width: .fixed(10)),
        .init("AGENT", width: .min(10)),
        .init("VER", width: .fixed(3)),
        .init("POLL", width: .fixed(6), alignment: .right),
        .init("ACT", width: .fixed(3), alignment: .right),
        .init("OK", width: .fixed(4), alignment: .right),
        .init("FLAGS", width: .fixed(10)),
        .init("NOTE", width: .flex(2)),
    ]

    static func render(_ model: DeckViewModel, into buffer: inout CellBuffer, area: Rect, options: DashboardView.Options) {
        let focused = model.focus == .agents
        let box = Box(title: "Agents (\(model.agents.count))", focused: focused, charset: options.charset)
        buffer.render(box, in: area)
        let inner = box.inner(area)
        guard !inner.isEmpty else { return }
        if model.agents.isEmpty {
            buffer.put("no agents configured", x: inner.x, y: inner.y, style: Style(.dim), maxWidth: inner.width)
            return
        }
        let window = VisibleWindow(
            rowCount: model.agents.count, visibleRows: inner.height - 1, selected: model.selectedAgentIndex,
            offset: model.scroll[.agents] ?? 0)
        let rows = model.agents[window.range].map { row(for: $0, globalReadOnly: model.header.readOnly) }
        let table = Table(columns: columns, rows: rows, selected: window.selectedInWindow)
        buffer.render(table, in: inner)
    }

    static func row(for agent: AgentRow, globalReadOnly: Bool) -> [Span] {
        var flags: [String] = []
        if agent.insecure { flags.append("⚠tls") }
        if agent.readOnly && !globalReadOnly { flags.append("ro") }
        if agent.cardChanged { flags.append("✎card") }
        let note: Span
        if let reason = agent.health.reason {
            note = Span(ViewText.agent(reason), style: Style(agent.health.isDown || agent.health == .grpcOnly ? .error : .warning))
        } else {
            note = Span(ViewText.agent(agent.url), style: Style(.dim))
        }
        return [
            Span(AgentHealthLook.label(agent.health), style: Style(AgentHealthLook.role(agent.health))),
            Span(ViewText.agent(agent.name)),
            Span(agent.dialect?.description ?? "-", style: Style(.dim)),
            Span(agent.pollLatency.map(ViewText.latency) ?? "-"),
            Span(agent.activeTasks == 0 ? "-" : "\(agent.activeTasks)"),
            Span(agent.successRate.map(ViewText.percent) ?? "-"),
            Span(flags.joined(separator: " "), style: Style(agent.insecure ? .warning : .dim)),
            note,
        ]
    }
}
