/// What the prompt line is being used for.
public enum PromptMode: Sendable, Hashable {
    /// A new task: to this agent (unless the text names one with `@agent`), with this skill.
    case dispatch(agent: AgentID?, skill: String?)
    /// A follow-up message on an interrupted task.
    case reply(TaskKey)
    /// A `:` command.
    case command
    /// "Cancel task X on agent Y? (y/N)": only `y` confirms, any other key aborts.
    case confirmCancel(TaskKey)
    /// The `/` task filter, applied as it is typed.
    case filter

    /// Prompts that share a history.
    public var historyKind: HistoryKind {
        switch self {
        case .dispatch: .dispatch
        case .reply: .reply
        case .command: .command
        case .filter: .filter
        case .confirmCancel: .none
        }
    }
}

/// Each prompt keeps its own history (kept across runs, see `UIState.histories`).
public enum HistoryKind: String, Sendable, Hashable, CaseIterable {
    case dispatch, reply, command, filter
    /// The cancel confirmation: nothing to remember.
    case none
}

/// The open prompt: its mode, the line being edited and the last Tab completion offered.
public struct PromptState: Sendable, Hashable {
    public var mode: PromptMode
    public var editor: LineEditor
    /// Candidates shown after a Tab that matched several.
    public var completions: [String] = []

    public init(mode: PromptMode, editor: LineEditor = LineEditor()) {
        self.mode = mode
        self.editor = editor
    }
}
