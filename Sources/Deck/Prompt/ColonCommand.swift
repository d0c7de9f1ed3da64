/// A `:` command line, parsed.
public enum ColonCommand: Sendable, Hashable {
    case quit
    case help
    /// Follow a task by id: on the named agent, else on the selected one.
    case attach(agent: String?, taskID: String)
    /// Poll every card (and ListTasks) now.
    case refresh
    case sort(TaskSortOrder)
    case filter(String)
    /// Send a new task: the rest is parsed like the dispatch prompt (`@agent #skill text`).
    case send(String)
    /// Cancel the selected task (asks for confirmation).
    case cancel
    /// Copy the selected task's id.
    case copy
    case unknown(String)

    /// Changes something on an agent: refused in read-only mode.
    public var isMutating: Bool {
        switch self {
        case .send, .cancel: true
        default: false
        }
    }

    /// Known command words, for help and Tab completion.
    public static let names = ["attach", "cancel", "copy", "filter", "help", "quit", "refresh", "send", "sort"]

    public static func parse(_ line: String) -> ColonCommand? {
        let words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard let verb = words.first?.lowercased() else { return nil }
        let args = Array(words.dropFirst())
        let rest = args.joined(separator: " ")
        switch verb {
        case "q", "quit", "exit": return .quit
        case "help", "h", "?": return .help
        case "refresh", "r": return .refresh
        case "attach", "a":
            if args.count >= 2, args[0].hasPrefix("@") { return .attach(agent: String(args[0].dropFirst()), taskID: args[1]) }
            if args.count == 1 { return .attach(agent: nil, taskID: args[0]) }
            return .unknown("usage: attach [@agent] TASK_ID")
        case "sort":
            guard let order = TaskSortOrder(name: rest) else {
                return .unknown("sort by: " + TaskSortOrder.allCases.map(\.name).joined(separator: ", "))
            }
            return .sort(order)
        case "filter": return .filter(rest)
        case "send", "dispatch": return rest.isEmpty ? .unknown("usage: send [@agent] [#skill] text") : .send(rest)
        case "cancel": return .cancel
        case "copy", "yank": return .copy
        default: return .unknown("unknown command: \(verb)")
        }
    }
}
