import Deck
import Foundation

/// The tasks pane: one row per task in the order Deck gives (attention first by default):
/// state (symbol + name + colour), agent, skill, age, duration, progress, latest status text.
enum TasksPaneView {
    static let columns: [Table.Column] = [
        .init("STATE", width: .fixed(11)),
        .init("AGENT", width: .min(8)),
        .init("SKILL", width: .fixed(10)),
        .init("AGE", width: .fixed(4), alignment: .right),
        .init("TIME", width: .fixed(4), alignment: .right),
        .init("PROG", width: .fixed(4), alignment: .right),
        .init("STATUS", width: .flex(3)),
    ]

    static func title(_ model: DeckViewModel) -> String {
        var title = "Tasks (\(model.taskCount)"
        if model.filter.isActive || model.agentScope != nil { title += " shown" }
        title += ")"
        if let scope = model.agentScope {
            let name = model.agents.first { $0.id == scope }?.name ?? scope.rawValue
            title += " @" + ViewText.agent(name)
        }
        return title
    }

    static func render(_ model: DeckViewModel, now: Date, into buffer: inout CellBuffer, area: Rect, options: DashboardView.Options) {
        let box = Box(title: title(model), focused: model.focus == .tasks, charset: options.charset)
        buffer.render(box, in: area)
        let inner = box.inner(area)
        guard !inner.isEmpty else { return }
        if model.taskCount == 0 {
            let hint: String
            if model.filter.isActive || model.agentScope != nil {
                hint = "no tasks match (Esc clears)"
            } else if model.keyHints.contains(where: { $0.action == .dispatch }) {
                hint = "no tasks yet: n dispatches one"
            } else {
                hint = "no tasks yet"
            }
            buffer.put(hint, x: inner.x, y: inner.y, style: Style(.dim), maxWidth: inner.width)
            return
        }
        let window = VisibleWindow(
            rowCount: model.taskCount, visibleRows: inner.height - 1, selected: model.selectedTaskIndex,
            offset: model.scroll[.tasks] ?? 0)
        // The model carries only the rows near the selection; the window lies within them.
        let available = model.taskRowsStart..<(model.taskRowsStart + model.tasks.count)
        let shown = window.range.clamped(to: available)
        let rows = model.tasks[(shown.lowerBound - model.taskRowsStart)..<(shown.upperBound - model.taskRowsStart)]
            .map { row(for: $0, now: now) }
        let selected = model.selectedTaskIndex.flatMap { shown.contains($0) ? $0 - shown.lowerBound : nil }
        buffer.render(Table(columns: columns, rows: rows, selected: selected), in: inner)
    }

    /// The status column: markers for what the operator did or must do, then the agent's text.
    static func statusText(_ task: TaskRow) -> (text: String, role: ThemeRole) {
        var prefix = ""
        var role = ThemeRole.text
        switch task.cancel {
        case .requested:
            prefix = "[cancel requested] "
            role = .warning
        case .refused:
            prefix = "[cancel refused] "
            role = .error
        case .none, .done: break
        }
        if case .reconnecting(let attempt) = task.stream { prefix += "[reconnecting #\(attempt)] " }
        if task.isPlaceholder { prefix += "[sending] " }
        var text = task.summary
        if let error = task.lastError, task.state == .failed || task.state == .rejected || text.isEmpty {
            text = text.isEmpty ? error : text
            if role == .text { role = .error }
        }
        return (prefix + ViewText.agent(text), role)
    }

    /// The AGE cell: the only thing in a row read from the clock rather than the view model.
    static func age(of task: TaskRow, now: Date) -> String {
        ViewText.compactDuration(now.timeIntervalSince(task.createdAt))
    }

    static func row(for task: TaskRow, now: Date) -> [Span] {
        let status = statusText(task)
        return [
            Span(TaskStateLook.label(task.state), style: TaskStateLook.style(task.state)),
            Span(ViewText.agent(task.agentName)),
            Span(task.skillID.map(ViewText.agent) ?? "-", style: Style(.dim)),
            Span(age(of: task, now: now), style: Style(.dim)),
            Span(ViewText.compactDuration(task.duration)),
            // Progress is for work under way: a finished task's last report (90 %, then completed)
            // would read as unfinished. The detail pane still says what was last reported.
            Span(task.state.isTerminal ? "" : task.progressPercent.map { ViewText.percent($0 / 100) } ?? ""),
            Span(status.text, style: Style(status.role)),
        ]
    }
}
