/// Failures the engine reports; each dialect server turns them into its own JSON-RPC error.
public enum EngineError: Error, Equatable, Sendable {
    case taskNotFound
    case taskNotCancelable
    /// A message for a task that already ended, or some other bad parameter.
    case invalidParams(String)
    /// Subscribing to a task that already ended.
    case terminalTask(id: String, state: TaskState)
}
