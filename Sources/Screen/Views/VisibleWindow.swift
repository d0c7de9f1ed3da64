/// The rows of a list that fit on screen: only these are turned into cells, so a pane over
/// 10,000 tasks costs the same as one over 20. Keeps the selection in view the way
/// `Table.offset` does, starting from the scroll offset Deck keeps.
struct VisibleWindow: Hashable {
    var range: Range<Int>
    /// The selected row's index within `range`, when it is visible.
    var selectedInWindow: Int?

    init(rowCount: Int, visibleRows: Int, selected: Int?, offset: Int) {
        let shown = max(0, visibleRows)
        let first = Table.offset(keeping: selected, visibleRows: shown, rowCount: rowCount, from: offset)
        range = first..<min(rowCount, first + shown)
        selectedInWindow = selected.flatMap { range.contains($0) ? $0 - first : nil }
    }
}
