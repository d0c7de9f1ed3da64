/// What a piece of the screen *is*, so a theme can decide how it looks.
///
/// The raw value is the key used in theme files (`themes/*.yaml`). (Not called `Role`, which
/// A2A uses for message senders: views import both modules.)
public enum ThemeRole: String, CaseIterable, Hashable, Sendable {
    case text, dim, border, borderFocused, header, title, selection, prompt
    case error, warning, ok
    case agentUp, agentDown, agentDegraded
    // One role per A2A task state, named after the states of the protocol.
    case stateSubmitted, stateWorking, stateInputRequired, stateAuthRequired
    case stateCompleted, stateCanceled, stateFailed, stateRejected, stateUnknown
}
