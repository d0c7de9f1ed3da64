import Deck

/// The agents pane: one row per agent with health, name, dialect, card-poll latency (median
/// over the health window, in 1-2-5 steps: `<50ms`), active tasks, success rate over the window, a pulse of finished
/// tasks per interval (intervals with a failed task marked, `×` for an unanswered card poll),
/// then a note: flags (`⚠tls` TLS unchecked, `ro` read-only, `✎card` card changed) and why it
/// is not up (or its URL when it is).
///
/// From `wideWidth` columns the row adds p99 latency, tasks per minute and a longer pulse.
enum AgentsPaneView {
    /// Inner width from which the wide columns are shown.
    static let wideWidth = 104

    enum Column: CaseIterable {
        case status, agent, dialect, p50, p99, active, rate, success, pulse, note
    }

    static let wideColumns: [Column] = Column.allCases
    static let narrowColumns: [Column] = [.status, .agent, .dialect, .p50, .active, .success, .pulse, .note]

    static func columns(forWidth width: Int) -> [Column] { width >= wideWidth ? wideColumns : narrowColumns }

    /// Intervals shown in the row's pulse (the newest ones; the detail shows the whole window).
    static func pulseWidth(wide: Bool) -> Int { wide ? 15 : 10 }

    static func tableColumn(_ column: Column, wide: Bool) -> Table.Column {
        switch column {
        case .status: .init("STATUS", width: .fixed(10))
        case .agent: .init("AGENT", width: .min(10))
        case .dialect: .init("VER", width: .fixed(3))
        case .p50: .init("P50", width: .fixed(6), alignment: .right)
        case .p99: .init("P99", width: .fixed(6), alignment: .right)
        case .active: .init("ACT", width: .fixed(3), alignment: .right)
        case .rate: .init("T/MIN", width: .fixed(5), alignment: .right)
        case .success: .init("OK", width: .fixed(4), alignment: .right)
        case .pulse: .init("PULSE", width: .fixed(pulseWidth(wide: wide)), alignment: .right)
        case .note: .init("NOTE", width: .flex(2))
        }
    }

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
        let shown = Array(model.agents[window.range])
        let kinds = columns(forWidth: inner.width)
        let wide = kinds.contains(.p99)
        let rows = shown.map { row(for: $0, columns: kinds, globalReadOnly: model.header.readOnly, ascii: options.asciiBars) }
        let table = Table(columns: kinds.map { tableColumn($0, wide: wide) }, rows: rows, selected: window.selectedInWindow)
        buffer.render(table, in: inner)
        drawPulses(shown, table: table, pulseColumn: kinds.firstIndex(of: .pulse), area: inner, ascii: options.asciiBars, into: &buffer)
    }

    /// A table cell has one style; the pulse marks failed intervals cell by cell, so it is drawn
    /// again over its column (except on the selected row, which stays in the selection style).
    static func drawPulses(
        _ agents: [AgentRow], table: Table, pulseColumn: Int?, area: Rect, ascii: Bool, into buffer: inout CellBuffer
    ) {
        guard let pulseColumn else { return }
        let widths = table.columnWidths(total: area.width)
        guard widths[pulseColumn] > 0 else { return }
        let x = area.x + widths[..<pulseColumn].filter { $0 > 0 }.reduce(0) { $0 + $1 + table.columnSpacing }
        let first = Table.offset(keeping: table.selected, visibleRows: area.height - 1, rowCount: agents.count, from: table.offset)
        for (line, index) in (first..<agents.count).enumerated() where line < area.height - 1 && index != table.selected {
            let pulse = AgentHealthText.taskPulse(agents[index].metrics, ascii: ascii)
            buffer.render(pulse, in: Rect(x: x, y: area.y + 1 + line, width: widths[pulseColumn], height: 1))
        }
    }

    static func row(for agent: AgentRow, columns: [Column], globalReadOnly: Bool, ascii: Bool) -> [Span] {
        var flags: [String] = []
        if agent.insecure { flags.append("⚠tls") }
        if agent.readOnly && !globalReadOnly { flags.append("ro") }
        if agent.cardChanged { flags.append("✎card") }
        let flagText = flags.joined(separator: " ")
        var note: Span
        if let reason = agent.health.reason {
            note = Span(ViewText.agent(reason), style: Style(agent.health.isDown || agent.health == .grpcOnly ? .error : .warning))
        } else {
            note = Span(ViewText.agent(agent.url), style: Style(.dim))
        }
        let m = agent.metrics
        return columns.map { column in
            switch column {
            case .status: Span(AgentHealthLook.label(agent.health), style: Style(AgentHealthLook.role(agent.health)))
            case .agent: Span(ViewText.agent(agent.name))
            case .dialect: Span(agent.dialect?.description ?? "-", style: Style(.dim))
            case .p50: Span(m.latencyP50.map(AgentHealthText.latencyStep) ?? "-")
            case .p99: Span(m.latencyP99.map(AgentHealthText.latencyStep) ?? "-", style: Style(.dim))
            case .active: Span(agent.activeTasks == 0 ? "-" : "\(agent.activeTasks)")
            case .rate: Span(AgentHealthText.compactRate(m.tasksPerMinute))
            case .success: Span(agent.successRate.map(ViewText.percent) ?? "-", style: successStyle(agent.successRate))
            case .pulse: Span(AgentHealthText.taskPulse(m, ascii: ascii).text(width: pulseWidth(wide: columns.contains(.p99))), style: Style(.ok))
            case .note:
                // Flags first: they are short and must survive truncation.
                flags.isEmpty ? note : Span(flagText + " " + note.text, style: agent.insecure ? Style(.warning) : note.style)
            }
        }
    }

    /// Below nine in ten completed is worth a glance; below half, an alarm.
    static func successStyle(_ rate: Double?) -> Style {
        guard let rate else { return Style(.dim) }
        if rate < 0.5 { return Style(.error) }
        if rate < 0.9 { return Style(.warning) }
        return Style(.text)
    }
}
