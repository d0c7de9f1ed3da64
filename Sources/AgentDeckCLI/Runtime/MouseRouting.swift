import Deck
import Foundation
import Screen

/// Places a mouse event on the dashboard as it is drawn: which pane, and which row of its list.
/// Uses the views' own layout and scrolling rules, so a click lands on the row under it.
enum MouseRouting {
    /// Rows above a list inside its pane: the top border and the column header.
    static let listTop = 2

    static func action(for event: MouseEvent, in state: DeckState, now: Date) -> PointerAction? {
        let size = state.ui.size
        guard !DashboardLayout.isTooSmall(width: size.columns, height: size.rows) else { return nil }
        let layout = DashboardLayout(
            width: size.columns, height: size.rows, focus: state.ui.focus, zoomed: state.ui.zoomed,
            agentCount: state.agentOrder.count)
        let panes: [(Pane, Rect?)] = [(.agents, layout.agents), (.tasks, layout.tasks), (.detail, layout.detail)]
        guard let (pane, rect) = panes.lazy.compactMap({ p, r in r.map { (p, $0) } }).first(where: { contains($0.1, event) }) else {
            return nil
        }
        switch event.kind {
        case .wheelUp: return .scroll(pane, by: -DeckState.wheelStep)
        case .wheelDown: return .scroll(pane, by: DeckState.wheelStep)
        case .press: return .select(pane, row: row(at: event.y, in: rect, pane: pane, state: state, now: now))
        }
    }

    static func contains(_ rect: Rect, _ event: MouseEvent) -> Bool {
        event.x >= rect.x && event.x < rect.right && event.y >= rect.y && event.y < rect.bottom
    }

    /// The list index shown at screen row `y`, as the pane views place rows (`VisibleWindow`).
    static func row(at y: Int, in rect: Rect, pane: Pane, state: DeckState, now: Date) -> Int? {
        let visibleRows = rect.height - 3  // borders and the column header
        let line = y - rect.y - listTop
        guard visibleRows > 0, line >= 0, line < visibleRows else { return nil }
        let count: Int
        let selected: Int?
        switch pane {
        case .agents:
            count = state.agentOrder.count
            selected = state.ui.selectedAgent.flatMap { state.agentOrder.firstIndex(of: $0) }
        case .tasks:
            let keys = state.visibleTaskKeys(now: now)
            count = keys.count
            selected = state.ui.selectedTask.flatMap { keys.firstIndex(of: $0) }
        case .detail:
            return nil
        }
        let first = Table.offset(keeping: selected, visibleRows: visibleRows, rowCount: count, from: state.ui.scrollOffset(pane))
        let index = first + line
        return index < count ? index : nil
    }
}
