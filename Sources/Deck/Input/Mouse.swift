/// A mouse event from the terminal, reported only when the config says `mouse: true`: a left
/// press or a wheel step, at a cell (0-based).
public struct MouseEvent: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case press, wheelUp, wheelDown }

    public var kind: Kind
    public var x: Int
    public var y: Int

    public init(_ kind: Kind, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }
}

/// What a mouse event means on the dashboard. The runtime works it out from the layout on
/// screen (which only the views know); `update` then treats it like the keys it stands for.
public enum PointerAction: Sendable, Hashable {
    /// Focus the pane and, when the press hit a row, select it (its index in the pane's list).
    case select(Pane, row: Int?)
    /// The wheel over a pane: focus it and move its selection (the detail scrolls) by this many rows.
    case scroll(Pane, by: Int)
}
