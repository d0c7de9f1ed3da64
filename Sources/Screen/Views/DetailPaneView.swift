import Deck
import Foundation

/// The detail pane's frame and scrolling; the content is the selected task
/// (`TaskDetailView`) or, while the agents pane has the focus (or the focus came to the detail
/// from the agents pane), the selected agent (`AgentDetailView`).
enum DetailPaneView {
    enum Subject { case task, agent }

    static func subject(_ model: DeckViewModel) -> Subject {
        if model.focus == .agents || model.detail == nil { return .agent }
        if model.focus == .detail && model.detailShowsAgent { return .agent }
        return .task
    }

    static func render(_ model: DeckViewModel, showing subject: Subject, now: Date, into buffer: inout CellBuffer, area: Rect, options: DashboardView.Options) {
        let focused = model.focus == .detail || (model.zoomed && model.focus == .agents && subject == .agent)
        let inner = Box().inner(area)
        // Only the detail pane scrolls by keys; elsewhere it shows from the top.
        let requested = model.focus == .detail ? (model.scroll[.detail] ?? 0) : 0
        let limit = requested + inner.height + 1
        var title: String
        let content: DetailLines?
        switch subject {
        case .task:
            title = "Task"
            content = model.detail.map { detail in
                let name = model.agents.first { $0.id == detail.row.key.agentID }?.name ?? detail.row.agentName
                return TaskDetailView.lines(detail, agentName: name, now: now, width: inner.width, limit: limit, options: options)
            }
        case .agent:
            title = "Agent"
            content = model.agentDetail.map { AgentDetailView.lines($0, now: now, width: inner.width, limit: limit, options: options) }
        }
        guard let content else {
            buffer.render(Box(title: title, focused: focused, charset: options.charset), in: area)
            buffer.put(subject == .task ? "no task selected" : "no agent selected", x: inner.x, y: inner.y, style: Style(.dim), maxWidth: inner.width)
            return
        }
        let complete = !content.isCut && content.lines.count < limit
        let offset = ScrolledLines.offset(requested: requested, lineCount: content.lines.count, height: inner.height, complete: complete)
        if offset > 0 { title += " ↑" }
        if offset + inner.height < content.lines.count { title += " ↓" }
        buffer.render(Box(title: title, focused: focused, charset: options.charset), in: area)
        ScrolledLines.draw(content.lines, from: offset, into: &buffer, area: inner)
    }
}
