import Deck

/// The cancel confirmation, drawn over the body: names the task and the agent, and says that
/// only `y` confirms.
enum ConfirmDialogView {
    static func lines(_ key: TaskKey, model: DeckViewModel) -> [[Span]] {
        let name = model.agents.first { $0.id == key.agentID }?.name ?? key.agentID.rawValue
        let task = model.tasks.first { $0.key == key } ?? model.detail?.row
        var lines: [[Span]] = [
            [Span(" Cancel this task?", style: Style(.title))],
            [],
            [Span(" task   ", style: Style(.dim)), Span(ViewText.agent(key.taskID))],
            [Span(" agent  ", style: Style(.dim)), Span(ViewText.agent(name))],
        ]
        if let task, task.key == key {
            lines.append([Span(" state  ", style: Style(.dim)), Span(TaskStateLook.label(task.state), style: TaskStateLook.style(task.state))])
            if !task.summary.isEmpty { lines.append([Span(" status ", style: Style(.dim)), Span(ViewText.agent(task.summary))]) }
        }
        lines.append([])
        lines.append([Span(" y", style: Style(.prompt)), Span(" cancel it   "), Span("any other key", style: Style(.prompt)), Span(" keeps it")])
        return lines
    }

    static func render(_ key: TaskKey, model: DeckViewModel, into buffer: inout CellBuffer, body: Rect, options: DashboardView.Options) {
        let content = lines(key, model: model)
        let width = min(body.width - 2, 56)
        let height = min(body.height, content.count + 2)
        let area = Rect(x: body.x + (body.width - width) / 2, y: body.y + (body.height - height) / 2, width: width, height: height)
        let box = Box(title: "Confirm [y/N]", focused: true, charset: options.charset)
        buffer.render(box, in: area)
        ScrolledLines.draw(content, from: 0, into: &buffer, area: box.inner(area))
    }
}
