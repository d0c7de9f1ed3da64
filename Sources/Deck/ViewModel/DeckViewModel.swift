import A2A
import Foundation

/// Everything a view needs, computed purely from the state at one instant. The views (module
/// Screen) draw this and never look into `DeckState` themselves.
public struct DeckViewModel: Sendable, Hashable {
    public var header: HeaderSummary
    public var agents: [AgentRow]
    /// Rows `taskRowsStart ..< taskRowsStart + tasks.count` of the sorted and filtered task list:
    /// the ones within a screen's height of the selection (or of the scroll offset), which is all
    /// a view can show. Rows are built only for these (10,000 tasks cost about what 100 do).
    public var tasks: [TaskRow]
    /// Where `tasks[0]` sits in the whole list.
    public var taskRowsStart: Int
    /// Rows in the whole list (what the filter and scope let through).
    public var taskCount: Int
    /// The selected task's row in the whole list.
    public var selectedTaskIndex: Int?
    public var selectedAgentIndex: Int?
    public var detail: TaskDetail?
    /// The selected agent, for the detail pane while the agents pane has focus.
    public var agentDetail: AgentDetail?
    /// The changed card's fields, for the selected agent when its card changed.
    public var cardChanges: [CardFieldChange]
    public var focus: Pane
    /// The detail pane shows the agent even while it has the focus (see `UIState.detailShowsAgent`).
    public var detailShowsAgent: Bool
    public var zoomed: Bool
    public var scroll: [Pane: Int]
    public var sort: TaskSortOrder
    public var filter: TaskFilter
    public var filterError: String?
    public var agentScope: AgentID?
    public var prompt: PromptView?
    public var status: StatusLine?
    /// The help overlay's lines (from the effective key map), when it is open.
    public var help: [HelpLine]?
    /// Short hints for the footer: the main key of each action bound now.
    public var keyHints: [HelpLine]

    public struct PromptView: Sendable, Hashable {
        /// What the prompt is for: `new task → alice`, `reply to 3f2a…`, `:`, `/`.
        public var label: String
        public var text: String
        public var cursor: Int
        public var completions: [String]
        public var mode: PromptMode
    }

    public init(_ state: DeckState, now: Date) {
        // The header's and the agents' counts, and the pane's rows: from the state's index when it
        // serves this sort (no filter, no scope), else in one pass over every task. A view shows
        // at most a screen of rows; at least 48 either side in case it draws on a taller buffer
        // than the size the state was told.
        let reach = max(state.ui.size.rows, 48)
        var counts: [AgentID: AgentRow.TaskCounts] = [:]
        var byState: [TaskState: Int] = [:]
        let window: TaskWindow
        if let indexed = state.indexedTaskPane(reach: reach) {
            window = indexed.window
            counts = indexed.counts.byAgent
            byState = indexed.counts.byState
        } else {
            window = state.visibleTaskWindow(reach: reach, now: now) { t in
                let taskState = t.state
                counts[t.agentID, default: .init()].add(taskState)
                byState[taskState, default: 0] += 1
            }
        }
        var rows: [AgentRow] = []
        rows.reserveCapacity(state.agentOrder.count)
        for id in state.agentOrder {
            guard let entry = state.agents[id] else { continue }
            rows.append(AgentRow(entry, counts: counts[id] ?? .init(), state: state, now: now))
        }
        agents = rows
        header = HeaderSummary(state, agents: agents.map { (health: $0.health, cardChanged: $0.cardChanged) }, tasksByState: byState)
        header.fleet = FleetHealth(agents.map(\.metrics))
        selectedAgentIndex = agents.firstIndex { $0.isSelected }
        var names: [AgentID: String] = [:]
        names.reserveCapacity(agents.count)
        for row in agents { names[row.id] = row.name }
        tasks = window.keys.compactMap { key in
            guard let index = state.tasks.index(forKey: key) else { return nil }
            return TaskRow(
                state.tasks.values[index], agentName: names[key.agentID] ?? key.agentID.rawValue,
                selected: key == state.ui.selectedTask, now: now)
        }
        taskRowsStart = window.start
        taskCount = window.total
        selectedTaskIndex = window.selectedIndex
        if let entry = state.selectedTaskEntry {
            let row = tasks.first { $0.key == entry.key }
                ?? TaskRow(entry, agentName: state.agents[entry.key.agentID]?.displayName ?? "", selected: true, now: now)
            detail = TaskDetail(entry, row: row, readOnly: state.isReadOnly(entry.key.agentID), now: now)
        }
        if let a = state.selectedAgentEntry, let i = selectedAgentIndex {
            agentDetail = AgentDetail(a, row: agents[i], pollInterval: state.config.cardPollInterval, now: now)
        }
        cardChanges = agentDetail?.cardChanges ?? []
        focus = state.ui.focus
        detailShowsAgent = state.ui.detailShowsAgent
        zoomed = state.ui.zoomed
        scroll = state.ui.scroll
        sort = state.ui.sort
        filter = state.ui.filter
        filterError = state.ui.filter.regexError
        agentScope = state.ui.agentScope
        prompt = state.ui.prompt.map { Self.promptView($0, state: state) }
        status = state.ui.status.flatMap { $0.isVisible(at: now) ? $0 : nil }
        let keyMap = state.effectiveKeyMap
        let helpLines = keyMap.help  // built from the bindings on each read: once per frame
        help = state.ui.showHelp ? helpLines : nil
        keyHints = helpLines.map { HelpLine(keys: Array($0.keys.prefix(1)), action: $0.action) }
    }

    static func promptView(_ p: PromptState, state: DeckState) -> PromptView {
        let label: String
        switch p.mode {
        case .dispatch(let agent, let skill):
            let name = agent.flatMap { state.agents[$0]?.displayName } ?? "@agent"
            label = "new task → \(name)" + (skill.map { " #\($0)" } ?? "")
        case .reply(let key): label = "reply to \(key.taskID)"
        case .command: label = ":"
        case .filter: label = "/"
        case .confirmCancel(let key):
            let name = state.agents[key.agentID]?.displayName ?? key.agentID.rawValue
            label = "cancel task \(key.taskID) on \(name)? (y/N)"
        }
        return PromptView(label: label, text: p.editor.text, cursor: p.editor.cursor, completions: p.completions, mode: p.mode)
    }
}

extension DeckState {
    /// The view model at `now`.
    public func viewModel(now: Date) -> DeckViewModel { DeckViewModel(self, now: now) }
}
