extension DeckState {
    /// The raw JSON overlay is modal: the movement keys scroll it, `q` quits, any other key
    /// closes it. (The view knows the text's length and clamps the bottom.)
    mutating func handleRawKey(_ key: Key) -> [Command] {
        let page = max(1, ui.size.rows - 4)
        switch effectiveKeyMap.action(for: key) {
        case .up: ui.rawScroll = max(0, ui.rawScroll - 1)
        case .down: ui.rawScroll = Self.saturatingAdd(ui.rawScroll, 1)
        case .pageUp: ui.rawScroll = max(0, ui.rawScroll - page)
        case .pageDown: ui.rawScroll = Self.saturatingAdd(ui.rawScroll, page)
        case .home: ui.rawScroll = 0
        case .end: ui.rawScroll = Int.max / 2
        case .quit: return [.quit]
        default:
            ui.showRaw = false
            ui.rawScroll = 0
        }
        return []
    }
}
