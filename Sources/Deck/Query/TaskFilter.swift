import A2A
import Foundation

/// Quick filters on the task state, cycled with one key.
public enum StateFilter: Sendable, Hashable, CaseIterable {
    case all
    /// Waiting on a human, or failed.
    case attention
    /// Submitted or working.
    case active
    case terminal

    public var name: String {
        switch self {
        case .all: "all"
        case .attention: "attention"
        case .active: "active"
        case .terminal: "finished"
        }
    }

    public func matches(_ state: TaskState) -> Bool {
        switch self {
        case .all: true
        case .attention: state.needsAttention
        case .active: state.isActive
        case .terminal: state.isTerminal
        }
    }

    public var next: StateFilter {
        let all = Self.allCases
        return all[((all.firstIndex(of: self) ?? 0) + 1) % all.count]
    }
}

/// The `/` filter as typed: `text` matches as a case-insensitive substring, `/re/` as a regular
/// expression, and a leading `!` keeps the rows that do NOT match.
public struct TaskFilter: Sendable, Hashable {
    public var query: String
    public var states: StateFilter

    public init(query: String = "", states: StateFilter = .all) {
        self.query = query
        self.states = states
    }

    public var isActive: Bool { !query.isEmpty || states != .all }

    /// The query taken apart.
    public struct Pattern: Sendable, Hashable {
        public var text: String
        public var isRegex: Bool
        public var inverted: Bool
    }

    public var pattern: Pattern? {
        var q = Substring(query)
        var inverted = false
        if q.hasPrefix("!") {
            inverted = true
            q = q.dropFirst()
        }
        if q.count >= 2, q.hasPrefix("/"), q.hasSuffix("/") {
            return Pattern(text: String(q.dropFirst().dropLast()), isRegex: true, inverted: inverted)
        }
        guard !q.isEmpty else { return nil }
        return Pattern(text: String(q), isRegex: false, inverted: inverted)
    }

    /// A regex that does not compile; the view shows it and the filter matches nothing.
    public var regexError: String? {
        guard let p = pattern, p.isRegex else { return nil }
        do {
            _ = try NSRegularExpression(pattern: p.text, options: [.caseInsensitive])
            return nil
        } catch {
            return "invalid regular expression: \(p.text)"
        }
    }

    /// A compiled matcher: build once per frame, apply to every row.
    public func matcher() -> (TaskEntry, String) -> Bool {
        let states = self.states
        guard let p = pattern else { return { entry, _ in states.matches(entry.state) } }
        let test: (String) -> Bool
        if p.isRegex {
            if let re = try? NSRegularExpression(pattern: p.text, options: [.caseInsensitive]) {
                test = { s in re.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil }
            } else {
                test = { _ in false }
            }
        } else {
            let needle = p.text.lowercased()
            test = { s in s.lowercased().contains(needle) }
        }
        return { entry, agentName in
            guard states.matches(entry.state) else { return false }
            let hit = Self.haystack(entry, agentName: agentName).contains(where: test)
            return hit != p.inverted
        }
    }

    /// The fields a filter looks at.
    static func haystack(_ entry: TaskEntry, agentName: String) -> [String] {
        [
            entry.key.taskID, entry.key.agentID.rawValue, agentName, entry.state.name, entry.skillID ?? "",
            entry.statusText ?? "", entry.requestText ?? "", entry.contextID ?? "",
        ]
    }
}
