/// The one place that guarantees read-only mode: whatever `update` decided, a mutating command
/// for a read-only agent never leaves it. (The key map hides the keys; this catches every other
/// path, such as a `:send` typed by hand or a future action someone forgets to mark.)
public enum ReadOnlyPolicy {
    /// Splits commands into those allowed out and those dropped.
    public static func filter(_ commands: [Command], in state: DeckState) -> (allowed: [Command], dropped: [Command]) {
        var allowed: [Command] = []
        var dropped: [Command] = []
        for c in commands {
            if c.isMutating, let agent = c.agentID, state.isReadOnly(agent) {
                dropped.append(c)
            } else {
                allowed.append(c)
            }
        }
        return (allowed, dropped)
    }

    /// The refusal an operator sees when a mutating action meets a read-only agent.
    public static func refusal(for agentName: String?, global: Bool) -> String {
        if global || agentName == nil { return "read-only mode: nothing is sent to agents" }
        return "read-only: \(agentName ?? "") is configured readOnly, nothing is sent to it"
    }
}
