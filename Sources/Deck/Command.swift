import A2A

/// What `update` asks the runtime to do. Data only: the runtime (Wire, Terminal) executes them
/// and reports back with `Msg`s carrying the same tag.
///
/// The runtime's side of the contract:
/// - send `.start` once, then every key, resize and network outcome as a `Msg`;
/// - `fetchCard` → exactly one `.card`; `call` → exactly one `.result` with its tag;
/// - `stream` → `.streamOpened` (optional), `.streamEvent`s, then exactly one `.streamEnded`
///   (also when the request fails before any event); after `cancelStream` it may send nothing more;
/// - sleep until `DeckState.nextDeadline` (or input) and then send `.tick`.
/// Tags the state no longer knows are ignored, so late or duplicate reports are harmless.
public enum Command: Sendable, Hashable {
    /// GET the agent's card, with `If-None-Match` when we hold an ETag.
    case fetchCard(AgentID, ifNoneMatch: String?)
    /// One request, one answer (`Msg.result`).
    case call(AgentID, A2ARequest, tag: RequestTag)
    /// A request answered with an event stream (send-stream, subscribe): `Msg.streamOpened`,
    /// `.streamEvent`…, `.streamEnded`.
    case stream(AgentID, A2ARequest, tag: RequestTag)
    /// Close a stream we no longer want (closing does not cancel the task).
    case cancelStream(RequestTag)
    case copyToClipboard(String)
    /// An agent added at run time (`:agent add`): make a client for it. Its `fetchCard` follows.
    case addAgent(AgentConfig)
    /// An agent removed at run time (`:agent rm`): drop its client. Its streams were closed by
    /// `cancelStream`s emitted just before; late answers carry tags the state no longer knows.
    case removeAgent(AgentID)
    /// Draw with the named theme from now on (`:theme`); answered by `Msg.local(.themeLoaded/.themeFailed)`.
    case loadTheme(String)
    /// Write an artifact or a task to a local file (`s`, `:save`); answered by `Msg.local(.saved/.saveFailed)`.
    case save(SaveRequest)
    case quit

    /// Would change something on an agent.
    public var isMutating: Bool {
        switch self {
        case .call(_, let r, _), .stream(_, let r, _): r.isMutating
        default: false
        }
    }

    public var agentID: AgentID? {
        switch self {
        case .fetchCard(let a, _), .call(let a, _, _), .stream(let a, _, _): a
        default: nil
        }
    }
}
