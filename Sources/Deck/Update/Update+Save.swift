import A2A
import Foundation

/// `s` and `:save`: write the selected task's artifact (or the task) to a local file. Local only,
/// so allowed in read-only mode; the runtime does the writing and answers with `Msg.local`.
extension DeckState {
    /// The artifact `s` saves: the selected task's latest one.
    public var selectedArtifact: Artifact? { selectedTaskEntry?.task.artifacts.last }

    /// - Parameters:
    ///   - path: where `:save PATH` writes; nil picks a fresh name in the save directory.
    ///   - taskWhenNoArtifact: `:save` writes the task as JSON when it has no artifact; `s` says so instead.
    mutating func saveSelection(path: String?, taskWhenNoArtifact: Bool, now: Date) -> [Command] {
        guard let entry = selectedTaskEntry else {
            showError("no task selected: nothing to save", now: now)
            return []
        }
        let agentName = agents[entry.key.agentID]?.displayName ?? entry.key.agentID.rawValue
        let content: SaveRequest.Content
        var truncated = false
        if let artifact = entry.task.artifacts.last {
            content = .artifact(artifact)
            truncated = entry.accumulator.isTruncated(artifactID: artifact.artifactID)
        } else if taskWhenNoArtifact {
            content = .task(entry.task)
        } else {
            showError("task \(entry.key.taskID) has no artifact yet (:save PATH writes the task as JSON)", now: now)
            return []
        }
        return [.save(SaveRequest(content: content, agentName: agentName, taskID: entry.key.taskID, path: path, truncated: truncated))]
    }

    /// What the runtime reports about a theme load or a file write.
    mutating func handleLocal(_ outcome: LocalOutcome, now: Date) -> [Command] {
        switch outcome {
        case .themeLoaded(let name):
            ui.theme = name
            showInfo("theme \(name)", now: now)
        case .themeFailed(_, let reason):
            // What is kept comes first: the reason may be cut at the screen's edge.
            showError("keeping theme \(ui.theme ?? "in use"): \(reason)", now: now)
        case .saved(let path, let note):
            showInfo("saved to \(path)" + (note.map { " (\($0))" } ?? ""), now: now)
        case .saveFailed(let why):
            showError("not saved: \(why)", now: now)
        }
        return []
    }
}
