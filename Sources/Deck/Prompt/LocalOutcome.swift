/// How a local command the runtime ran turned out (a theme load, a file write): shown on the
/// status line, never sent anywhere.
public enum LocalOutcome: Sendable, Hashable {
    case themeLoaded(String)
    /// The theme could not be loaded; the one in use stays.
    case themeFailed(name: String, reason: String)
    /// Written to `path`; `note` says what was left out (a file given only by URL).
    case saved(path: String, note: String?)
    case saveFailed(String)
}
