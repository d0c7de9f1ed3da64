import A2A
import Deck
import Foundation
import Screen
import Wire

/// Everything the dashboard needs at start, gathered from the config file, the command line and
/// the environment, checked before the screen opens so every problem is one clear line.
struct DashboardSetup {
    var deckConfig: DeckConfig
    var targets: [AgentID: AgentTarget]
    var theme: Theme
    /// A problem to show on the status line once the screen is up (e.g. a broken theme file).
    var startupNotice: String?
    /// The standard key map with the config's `keys:` applied.
    var keyMap: KeyMap = .standard
    var mouse = false
    var saver = ArtifactSaver(directory: ArtifactSaver.defaultDirectory(environment: [:]))
    var history: HistoryStore?
    var journal = JournalSettings()
    /// Masks every credential in use (auth values, secrets in agent URLs) in the journal and raw view.
    var redaction = JournalRedaction(secrets: [], agentURLs: [])
    /// Where packed finished tasks and older raw payloads are kept out of memory (`SpillFile`):
    /// nil keeps them in the heap.
    var spillDirectory: String?

    /// A private scratch file, unlinked at once (gone when the console exits); nil without a
    /// writable cache directory, and then everything simply stays in memory.
    func openSpillFile() -> SpillFile? { spillDirectory.flatMap(SpillFile.init(directory:)) }

    static func make(
        urls: [String], configPath: String?, readOnlyFlag: Bool, themeName: String?, pollInterval: Double?,
        environment: [String: String]
    ) throws -> DashboardSetup {
        let file: ConsoleConfig
        do {
            file = try ConfigLoader.load(path: configPath ?? ConfigLoader.defaultPath(environment: environment), explicit: configPath != nil)
        } catch {
            throw CLIFailure("config \(error)")
        }
        var agents = file.agents
        for url in urls where !agents.contains(where: { $0.url == url }) {
            guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
                throw CLIFailure("'\(url)' is not an http:// or https:// URL")
            }
            agents.append(ConsoleAgent(url: url))
        }
        guard !agents.isEmpty else {
            throw CLIFailure("no agents: give agent URLs on the command line or list them in \(file.sourcePath ?? ConfigLoader.defaultPath(environment: environment))")
        }

        let readOnly = readOnlyFlag || file.readOnly
        var deckAgents: [AgentConfig] = []
        var targets: [AgentID: AgentTarget] = [:]
        for (index, agent) in agents.enumerated() {
            let id = AgentID(String(format: "a%02d", index + 1))
            let headers: [HTTPHeader]
            switch agent.auth.resolve(environment: environment) {
            case .success(let h): headers = h
            case .failure(let problem): throw CLIFailure("agent \(agent.name ?? agent.url): \(problem)")
            }
            // The state (and so the screen, the journal, the clipboard) sees the URL with any
            // credentials in it masked; only the wire target holds the real one.
            deckAgents.append(AgentConfig(
                id: id, name: agent.name, url: URLCredentials.redacted(agent.url), readOnly: agent.readOnly, insecure: agent.insecure))
            // Read-only is enforced here too, at the wire: the client refuses mutating requests.
            targets[id] = AgentTarget(
                url: agent.url, authHeaders: headers.map { HeaderField($0.name, $0.value) },
                insecure: agent.insecure, readOnly: readOnly || agent.readOnly)
        }
        let forcedBy: String? = readOnlyFlag ? "--read-only was given" : file.readOnly ? "readOnly: true in \(file.sourcePath ?? "the config")" : nil
        var deckConfig = DeckConfig(agents: deckAgents, readOnly: readOnly, readOnlyForcedBy: forcedBy)
        deckConfig.cardPollInterval = pollInterval ?? file.pollInterval
        deckConfig.maxFinishedTasks = file.retainFinishedTasks
        deckConfig.liveArtifactByteLimit = file.runningArtifactMegabytes << 20
        deckConfig.healthWindow = file.healthWindow
        deckConfig.healthBucket = file.healthInterval
        deckConfig.seed = UInt64.random(in: 1...UInt64.max)
        deckConfig.themeNames = ThemeLocator.available(environment: environment)

        let keyMap: KeyMap
        switch KeyMap.standard.rebinding(file.keys) {
        case .success(let map): keyMap = map
        case .failure(let error): throw CLIFailure("config \(file.sourcePath ?? "file"): keys: \(error)")
        }

        let resolved = ThemeFile.resolve(ThemeLocator.locate(themeName ?? file.theme, environment: environment), environment: environment)
        var notices = file.sourcePath.map { ConfigPermissions.check(path: $0, config: file) } ?? []
        if let error = resolved.error { notices.append("\(error) — using the \(resolved.theme.name) theme") }
        var setup = DashboardSetup(
            deckConfig: deckConfig, targets: targets, theme: resolved.theme,
            startupNotice: notices.isEmpty ? nil : notices.joined(separator: "; "))
        setup.keyMap = keyMap
        setup.mouse = file.mouse
        let saveDirectory = file.saveDirectory.map { NSString(string: $0).expandingTildeInPath }
        setup.saver = ArtifactSaver(directory: saveDirectory ?? ArtifactSaver.defaultDirectory(environment: environment))
        setup.history = HistoryStore(directory: HistoryStore.defaultDirectory(environment: environment), limit: deckConfig.historyLimit)
        setup.journal = file.journal
        setup.spillDirectory = SpillFile.defaultDirectory(environment: environment)
        setup.redaction = JournalRedaction(secrets: targets.values.flatMap(\.secrets), agentURLs: agents.map(\.url))
        return setup
    }

    /// Opens the journal for this run (nil when the config turns it off), recording the state the
    /// run starts from. A journal that cannot be opened is not fatal: the dashboard runs without
    /// one and says so on the status line.
    func openJournal(for state: inout DeckState, environment: [String: String]) -> JournalWriter? {
        guard journal.enabled else { return nil }
        let path = journal.filePath(environment: environment)
        let session = JournalSession(
            id: String(UInt64.random(in: 1...UInt64.max), radix: 16), started: JournalClock.now(), state: state)
        do {
            return try JournalWriter(path: path, settings: journal, session: session, redaction: redaction)
        } catch {
            let notice = "journal off: \(error)"
            let text = state.ui.status.map { "\($0.text); \(notice)" } ?? notice
            state.ui.status = StatusLine(text: text, kind: .error, expiresAt: Date().addingTimeInterval(30))
            return nil
        }
    }

    /// A client for an agent added with `:agent add`: no credentials (they live in the config),
    /// read-only at the wire when the console was forced read-only.
    static func runtimeTarget(for agent: AgentConfig, forcedReadOnly: Bool) -> AgentTarget {
        AgentTarget(url: agent.url, authHeaders: [], insecure: false, readOnly: forcedReadOnly)
    }

    func clients(engine: HTTPEngine) -> [AgentID: AgentClient] {
        targets.mapValues { AgentClient(target: $0, engine: engine) }
    }

    /// What the executor needs for `:agent add`, `s`/`:save` and the histories.
    func localServices(engine: HTTPEngine) -> CommandExecutor.LocalServices {
        let forced = deckConfig.readOnlyForcedBy != nil
        return CommandExecutor.LocalServices(
            makeClient: { AgentClient(target: Self.runtimeTarget(for: $0, forcedReadOnly: forced), engine: engine) },
            saver: saver, history: history)
    }

    /// The state the console starts from; with `spill`, finished tasks are packed into that file.
    func initialState(spill: SpillFile? = nil) -> DeckState {
        var state = DeckState(config: deckConfig, keyMap: keyMap)
        state.ui.histories = history?.load() ?? [:]
        state.ui.theme = theme.name
        state.spillPackedTasks(to: spill)
        if let notice = startupNotice {
            state.ui.status = StatusLine(text: notice, kind: .error, expiresAt: Date().addingTimeInterval(30))
        }
        return state
    }
}
