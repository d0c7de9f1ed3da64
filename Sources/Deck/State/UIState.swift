/// The three panes; Tab cycles them.
public enum Pane: Sendable, Hashable, CaseIterable {
    case agents, tasks, detail
}

/// What the operator is looking at. Selections are keys, not row numbers, so they stay on the
/// same agent/task when rows re-sort under them.
public struct UIState: Sendable, Hashable {
    public var focus: Pane = .tasks
    public var selectedAgent: AgentID?
    public var selectedTask: TaskKey?
    /// The tasks pane shows only this agent's tasks (Enter on an agent; Esc clears).
    public var agentScope: AgentID?
    /// First visible row per pane; kept so the selection stays in view.
    public var scroll: [Pane: Int] = [:]
    public var zoomed = false
    public var showHelp = false
    /// The raw JSON overlay is open (see `Action.raw`), scrolled down this many lines.
    public var showRaw = false
    public var rawScroll = 0
    public var status: StatusLine?
    public var size = TerminalSize(columns: 80, rows: 24)
    public var prompt: PromptState?
    public var sort: TaskSortOrder = .attention
    public var filter = TaskFilter()
    /// Each prompt's history, oldest first. The runtime loads them at start and writes back any
    /// that changed, so they are kept across runs.
    public var histories: [HistoryKind: [String]] = [:]
    /// The theme in use, as last confirmed by the runtime (`:theme`).
    public var theme: String?

    public init() {}

    public func scrollOffset(_ pane: Pane) -> Int { scroll[pane] ?? 0 }

    /// Rows a pane shows, estimated from the terminal size for paging and keeping the selection in
    /// view: header, prompt and status lines take 3; agents get a third of the rest.
    public func visibleRows(_ pane: Pane) -> Int {
        let body = max(1, size.rows - 3)
        if zoomed { return max(1, body - 2) }
        switch pane {
        case .agents: return max(1, body / 3 - 2)
        case .tasks, .detail: return max(1, body - body / 3 - 2)
        }
    }
}
