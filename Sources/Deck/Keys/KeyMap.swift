/// Keys bound to actions, as data: the help is generated from it, and read-only mode is the same
/// map with the mutating actions removed (so a removed key does nothing and is not advertised).
public struct KeyMap: Sendable, Hashable {
    /// In help order: the first key of an action is its main one.
    public private(set) var bindings: [(key: Key, action: Action)]

    public static func == (a: KeyMap, b: KeyMap) -> Bool {
        a.bindings.elementsEqual(b.bindings) { $0.key == $1.key && $0.action == $1.action }
    }

    public func hash(into h: inout Hasher) {
        for b in bindings {
            h.combine(b.key)
            h.combine(b.action)
        }
    }

    public init(_ bindings: [(key: Key, action: Action)]) { self.bindings = bindings }

    public static let standard = KeyMap([
        (.char("q"), .quit), (.ctrl("c"), .quit),
        (.char("?"), .help), (.f(1), .help),
        (.tab, .nextPane), (.backTab, .prevPane),
        (.char("k"), .up), (.up, .up),
        (.char("j"), .down), (.down, .down),
        (.pageUp, .pageUp), (.ctrl("b"), .pageUp),
        (.pageDown, .pageDown), (.ctrl("f"), .pageDown),
        (.char("g"), .home), (.home, .home),
        (.char("G"), .end), (.end, .end),
        (.enter, .open), (.char("l"), .open),
        (.escape, .back), (.char("h"), .back),
        (.char("n"), .dispatch),
        (.char("r"), .reply),
        (.char("c"), .cancel),
        (.char(":"), .command),
        (.char("/"), .filter),
        (.char("z"), .zoom),
        (.char("R"), .refresh), (.ctrl("r"), .refresh),
        (.char("o"), .cycleSort),
        (.char("f"), .cycleStateFilter),
        (.char("y"), .copy),
        (.char("Y"), .copyContext),
        (.char("s"), .save),
        (.char("v"), .raw),
    ])

    public func action(for key: Key) -> Action? { bindings.first { $0.key == key }?.action }

    public func keys(for action: Action) -> [Key] { bindings.filter { $0.action == action }.map(\.key) }

    /// The same map without the given actions.
    public func removing(_ drop: (Action) -> Bool) -> KeyMap { KeyMap(bindings.filter { !drop($0.action) }) }

    /// Without any mutating action: the read-only map.
    public var readOnly: KeyMap { removing(\.isMutating) }

    /// One help line per bound action, in binding order: `"j ↓", "move down"`.
    public var help: [HelpLine] {
        var seen = Set<Action>()
        var lines: [HelpLine] = []
        for b in bindings where seen.insert(b.action).inserted {
            lines.append(HelpLine(keys: keys(for: b.action).map(\.description), action: b.action))
        }
        return lines
    }
}

public struct HelpLine: Sendable, Hashable {
    public var keys: [String]
    public var action: Action
    public var text: String { action.summary }
}
