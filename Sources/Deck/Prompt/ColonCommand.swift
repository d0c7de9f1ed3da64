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
    /// Start watching another agent now (`:agent add URL [NAME]`).
    case addAgent(url: String, name: String?)
    /// Stop watching an agent: its streams, polls and tasks go (`:agent rm NAME`).
    case removeAgent(String)
    /// Switch the theme live.
    case theme(String)
    /// To read-only now.
    case readOnly
    /// Back to read-write, unless read-only was forced at start.
    case readWrite
    /// Write the selected artifact (or, with none, the task as JSON) to a file; nil: the save
    /// directory, like `s`.
    case save(path: String?)
    case unknown(String)

    /// Changes something on an agent: refused in read-only mode. (`:agent add/rm`, `:save` and
    /// `:theme` change only this console.)
    public var isMutating: Bool {
        switch self {
        case .send, .cancel: true
        default: false
        }
    }

    /// Known command words, for help and Tab completion.
    public static let names = [
        "agent", "attach", "cancel", "copy", "filter", "help", "quit", "refresh", "ro", "rw", "save", "send", "sort", "theme",
    ]

    /// The words `:agent` takes first.
    public static let agentVerbs = ["add", "rm"]

    public static func parse(_ line: String) -> ColonCommand? {
        let words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard let verb = words.first?.lowercased() else { return nil }
        let args = Array(words.dropFirst())
        let rest = args.joined(separator: " ")
        switch verb {
        case "q", "quit", "exit", "q!", "qa": return .quit
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
        case "agent", "agents": return parseAgent(args)
        case "theme", "colorscheme":
            guard args.count == 1 else { return .unknown("usage: theme NAME") }
            return .theme(args[0])
        case "ro", "read-only", "readonly": return .readOnly
        case "rw", "read-write", "readwrite": return .readWrite
        case "save", "w", "write":
            // The path is everything after the verb, spaces included.
            let path = rawRest(of: line)
            return .save(path: path.isEmpty ? nil : path)
        default: return .unknown("unknown command: \(verb) (known: \(names.joined(separator: ", ")))")
        }
    }

    private static func parseAgent(_ args: [String]) -> ColonCommand {
        let usage = ColonCommand.unknown("usage: agent add URL [NAME] | agent rm NAME")
        guard let sub = args.first?.lowercased() else { return usage }
        switch sub {
        case "add", "+":
            guard args.count >= 2 else { return .unknown("usage: agent add URL [NAME]") }
            let name = args.dropFirst(2).joined(separator: " ")
            return .addAgent(url: args[1], name: name.isEmpty ? nil : name)
        case "rm", "remove", "del", "-":
            guard args.count >= 2 else { return .unknown("usage: agent rm NAME") }
            return .removeAgent(args.dropFirst().joined(separator: " "))
        default:
            return usage
        }
    }

    /// The line after its first word, with inner spaces kept.
    static func rawRest(of line: String) -> String {
        let trimmed = line.drop { $0 == " " }
        guard let space = trimmed.firstIndex(of: " ") else { return "" }
        return String(trimmed[space...]).trimmingSpaces
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
