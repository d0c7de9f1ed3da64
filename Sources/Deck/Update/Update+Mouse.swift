import Foundation

/// Mouse support (off unless the config says `mouse: true`): a click focuses a pane and selects
/// the row under it, the wheel moves through the pane under the pointer.
extension DeckState {
    /// Rows one wheel step moves.
    public static let wheelStep = 3

    mutating func handlePointer(_ action: PointerAction, now: Date) -> [Command] {
        // The prompt keeps the keyboard; a click must not change what it is about.
        guard ui.prompt == nil else { return [] }
        if ui.showHelp {
            ui.showHelp = false
            return []
        }
        switch action {
        case .select(let pane, let row):
            ui.focus = pane
            guard let row, row >= 0 else { return [] }
            switch pane {
            case .agents:
                guard row < agentOrder.count else { return [] }
                ui.selectedAgent = agentOrder[row]
                keepVisible(.agents, index: row, count: agentOrder.count)
            case .tasks:
                let rows = visibleTaskKeys(now: now)
                guard row < rows.count else { return [] }
                ui.selectedTask = rows[row]
                keepVisible(.tasks, index: row, count: rows.count)
            case .detail:
                break
            }
        case .scroll(let pane, let delta):
            ui.focus = pane
            move(by: delta, now: now)
        }
        return []
    }
}
