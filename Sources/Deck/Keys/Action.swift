/// Everything a key can do in the dashboard (outside the prompt line).
public enum Action: Sendable, Hashable, CaseIterable {
    case quit, help
    case nextPane, prevPane
    case up, down, pageUp, pageDown, home, end
    case open, back
    case dispatch, reply, cancel
    case command, filter
    case zoom, refresh
    case cycleSort, cycleStateFilter
    case copy, copyContext
    case save
    /// The selected task's or agent's JSON as received.
    case raw

    /// Sends something that changes an agent. Read-only mode removes these from the key map and
    /// the help, and `update` drops any command they would emit.
    public var isMutating: Bool {
        switch self {
        case .dispatch, .reply, .cancel: true
        default: false
        }
    }

    /// The help text.
    public var summary: String {
        switch self {
        case .quit: "quit"
        case .help: "toggle this help"
        case .nextPane: "next pane"
        case .prevPane: "previous pane"
        case .up: "move up"
        case .down: "move down"
        case .pageUp: "page up"
        case .pageDown: "page down"
        case .home: "first row"
        case .end: "last row"
        case .open: "open / show only this agent's tasks"
        case .back: "back / close / clear"
        case .dispatch: "new task (@agent #skill text)"
        case .reply: "reply to a task waiting for input"
        case .cancel: "cancel the selected task"
        case .command: "command (:agent add URL, :theme, :save, :ro, :q)"
        case .filter: "filter tasks (text, /regex/, !inverted)"
        case .zoom: "zoom the focused pane"
        case .refresh: "poll every agent now"
        case .cycleSort: "change sort order"
        case .cycleStateFilter: "cycle state filter"
        case .copy: "copy task id / artifact text"
        case .copyContext: "copy the task's context id"
        case .save: "save the selected artifact to a file"
        case .raw: "raw JSON of the selected task / agent"
        }
    }
}

extension Action {
    /// The name used in key-binding files: `next-pane`, `cycle-sort`.
    public var name: String {
        switch self {
        case .quit: "quit"
        case .help: "help"
        case .nextPane: "next-pane"
        case .prevPane: "prev-pane"
        case .up: "up"
        case .down: "down"
        case .pageUp: "page-up"
        case .pageDown: "page-down"
        case .home: "home"
        case .end: "end"
        case .open: "open"
        case .back: "back"
        case .dispatch: "dispatch"
        case .reply: "reply"
        case .cancel: "cancel"
        case .command: "command"
        case .filter: "filter"
        case .zoom: "zoom"
        case .refresh: "refresh"
        case .cycleSort: "cycle-sort"
        case .cycleStateFilter: "cycle-state-filter"
        case .copy: "copy"
        case .copyContext: "copy-context"
        case .save: "save"
        case .raw: "raw"
        }
    }

    public init?(name: String) {
        guard let action = Self.allCases.first(where: { $0.name == name.lowercased() }) else { return nil }
        self = action
    }
}
