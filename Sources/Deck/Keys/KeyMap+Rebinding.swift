/// A key-binding file names actions and the keys for them; these are applied over a key map.
public enum KeyMapError: Error, Sendable, Hashable, CustomStringConvertible {
    case unknownAction(String)
    case unknownKey(action: String, key: String)

    public var description: String {
        switch self {
        case .unknownAction(let a):
            "unknown action \"\(a)\" (known: \(Action.allCases.map(\.name).joined(separator: ", ")))"
        case .unknownKey(let a, let k): "action \(a): cannot read key \"\(k)\""
        }
    }
}

extension KeyMap {
    /// Rebinds the named actions to exactly the given keys (spelled as `Key.description` writes
    /// them: `j`, `Down`, `^R`, `F5`, `Shift-Tab`). A key taken by another action moves; an empty
    /// list unbinds the action. Help order stays the standard order.
    public func rebinding(_ table: [String: [String]]) -> Result<KeyMap, KeyMapError> {
        var replaced: [Action: [Key]] = [:]
        for (name, spellings) in table.sorted(by: { $0.key < $1.key }) {
            guard let action = Action(name: name) else { return .failure(.unknownAction(name)) }
            var keys: [Key] = []
            for spelling in spellings {
                guard let key = Key(parsing: spelling) else { return .failure(.unknownKey(action: name, key: spelling)) }
                if !keys.contains(key) { keys.append(key) }
            }
            replaced[action] = keys
        }
        let taken = Set(replaced.values.joined())
        var result = bindings.filter { replaced[$0.action] == nil && !taken.contains($0.key) }
        for action in Action.allCases {
            for key in replaced[action] ?? [] { result.append((key, action)) }
        }
        let order = Dictionary(uniqueKeysWithValues: Action.allCases.enumerated().map { ($1, $0) })
        // Stable: bindings of one action keep their relative order.
        let sorted = result.enumerated().sorted { a, b in
            let oa = order[a.element.action] ?? 0, ob = order[b.element.action] ?? 0
            return oa != ob ? oa < ob : a.offset < b.offset
        }.map(\.element)
        return .success(KeyMap(sorted))
    }
}
