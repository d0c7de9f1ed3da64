/// Builds our view of one task from what the agent sends: status changes, artifact chunks
/// (`append`, `lastChunk`, snapshot replace) and progress (PROTOCOL.md §5).
/// The CLI and the dashboard both fold events through it.
public struct TaskAccumulator: Sendable, Hashable {
    /// The task as we know it: latest status, artifacts assembled so far, history.
    public private(set) var task: A2ATask
    /// Artifacts whose `lastChunk` arrived (or that came whole in a snapshot).
    public private(set) var completedArtifactIDs: Set<String> = []
    /// Latest progress in percent (0–100), when the agent sends one.
    public private(set) var progressPercent: Double?
    /// Latest status message text, sanitized later by the screen.
    public private(set) var statusText: String?
    /// A V03/V01 `final: true` arrived (V1 has no such flag: use the state's class).
    public private(set) var sawFinal = false

    /// History beyond this many messages drops its oldest: a long chat must not grow without bound.
    public static let historyLimit = 200
    /// An agent streaming artifacts forever must not grow the task forever either: beyond these
    /// bounds the oldest artifacts, and the oldest parts of an artifact, are dropped (the newest
    /// output is what an operator looks at).
    public static let artifactLimit = 256
    public static let partsPerArtifactLimit = 4096
    public static let bytesPerArtifactLimit = 16 << 20
    /// Metadata keys merged from status updates beyond this many are ignored.
    public static let metadataKeyLimit = 256

    public init(taskID: String, contextID: String? = nil) {
        task = A2ATask(id: taskID, contextID: contextID, status: TaskStatus(state: .submitted))
    }

    /// Starts from a task we already have (e.g. a `GetTask` answer).
    public init(task: A2ATask) {
        self.init(taskID: task.id, contextID: task.contextID)
        apply(.task(task))
    }

    /// Folds one event in. Returns true when anything visible changed; events about another task
    /// change nothing and return false.
    @discardableResult
    public mutating func apply(_ event: StreamEvent) -> Bool {
        // Artifact chunks are the hot path of a stream: they say themselves whether they changed
        // anything, instead of comparing the whole task (which copied every part of every chunk).
        if case .artifact(let update) = event {
            guard update.taskID == task.id else { return false }
            return applyArtifact(update)
        }
        let before = self
        switch event {
        case .task(let snapshot):
            guard snapshot.id == task.id else { return false }
            applySnapshot(snapshot)
        case .message(let message):
            if let id = message.taskID, id != task.id { return false }
            appendHistory([message])
        case .status(let update):
            guard update.taskID == task.id else { return false }
            applyStatus(update)
        case .artifact:
            break  // handled above
        }
        return self != before
    }

    private mutating func applySnapshot(_ snapshot: A2ATask) {
        task.contextID = snapshot.contextID ?? task.contextID
        task.status = snapshot.status
        // An empty list in a snapshot usually means "not included" (historyLength 0, a fresh
        // submit): keep what the stream already built rather than blanking the view.
        if !snapshot.artifacts.isEmpty {
            task.artifacts = snapshot.artifacts
            completedArtifactIDs = Set(snapshot.artifacts.map(\.artifactID))
        }
        if !snapshot.history.isEmpty {
            task.history = Array(snapshot.history.suffix(Self.historyLimit))
        }
        if let metadata = snapshot.metadata { task.metadata = metadata }
        progressPercent = ObjectDecoding.progress(in: snapshot.metadata) ?? progressPercent
        updateStatusText(snapshot.status)
    }

    private mutating func applyStatus(_ update: StatusUpdate) {
        if task.contextID == nil { task.contextID = update.contextID }
        let stateChanged = update.status.state != task.status.state
        task.status = update.status
        if let percent = update.progressPercent { progressPercent = percent }
        if let metadata = update.metadata?.objectValue {
            var merged = task.metadata?.objectValue ?? JSONObject()
            for (key, value) in metadata.pairs where merged[key] != nil || merged.count < Self.metadataKeyLimit {
                merged[key] = value
            }
            task.metadata = .object(merged)
        }
        if update.isFinal { sawFinal = true }
        if update.status.message != nil || stateChanged { updateStatusText(update.status) }
    }

    private mutating func updateStatusText(_ status: TaskStatus) {
        let text = status.message?.text ?? ""
        statusText = text.isEmpty ? nil : text
    }

    /// Keyed by artifact id: `append` adds the parts (kept as sent, not merged), otherwise the
    /// artifact starts over; `lastChunk` marks it complete. Returns whether anything changed.
    private mutating func applyArtifact(_ update: ArtifactUpdate) -> Bool {
        var changed = false
        if task.contextID == nil, let contextID = update.contextID {
            task.contextID = contextID
            changed = true
        }
        let incoming = update.artifact
        let id = incoming.artifactID
        if let index = task.artifacts.lastIndex(where: { $0.artifactID == id }) {
            if update.append {
                var artifact = task.artifacts[index]
                artifact.parts.append(contentsOf: incoming.parts)
                if let name = incoming.name { artifact.name = name }
                if let description = incoming.description { artifact.description = description }
                if let metadata = incoming.metadata { artifact.metadata = metadata }
                Self.trimParts(of: &artifact, adding: incoming)
                changed = changed || !incoming.parts.isEmpty || artifact != task.artifacts[index]
                task.artifacts[index] = artifact
            } else if task.artifacts[index] != incoming {
                var artifact = incoming
                Self.trimParts(of: &artifact, adding: incoming)
                task.artifacts[index] = artifact
                changed = true
            }
        } else {
            var artifact = incoming
            Self.trimParts(of: &artifact, adding: incoming)
            task.artifacts.append(artifact)
            changed = true
            if task.artifacts.count > Self.artifactLimit {
                // Drop a quarter at once: trimming one per chunk would move the whole list each time.
                let dropped = task.artifacts.count - Self.artifactLimit * 3 / 4
                for old in task.artifacts.prefix(dropped) { completedArtifactIDs.remove(old.artifactID) }
                task.artifacts.removeFirst(dropped)
            }
        }
        if update.lastChunk {
            changed = completedArtifactIDs.insert(id).inserted || changed
        } else if completedArtifactIDs.remove(id) != nil {
            changed = true
        }
        return changed
    }

    /// Keeps an artifact within `partsPerArtifactLimit` parts and `bytesPerArtifactLimit` bytes by
    /// dropping its oldest parts, down to three quarters of the bound so the work is amortized; the
    /// newest part always stays, even when it alone is larger. Bytes are counted when a large chunk
    /// (`added`) arrives and every 64 parts, so small chunks cost O(1) and overshoot at most 4 MB.
    private static func trimParts(of artifact: inout Artifact, adding added: Artifact) {
        let count = artifact.parts.count
        guard count > 1 else { return }
        let addedBytes = added.parts.reduce(0) { $0 + $1.approximateBytes }
        var bytes = 0
        if count > partsPerArtifactLimit || addedBytes > 64 * 1024 || count % 64 == 0 {
            for part in artifact.parts { bytes += part.approximateBytes }
        }
        guard count > partsPerArtifactLimit || bytes > bytesPerArtifactLimit else { return }
        var drop = 0
        let targetCount = partsPerArtifactLimit * 3 / 4
        let targetBytes = bytesPerArtifactLimit * 3 / 4
        while drop < count - 1, count - drop > targetCount || bytes > targetBytes {
            bytes -= artifact.parts[drop].approximateBytes
            drop += 1
        }
        artifact.parts.removeFirst(drop)
    }

    private mutating func appendHistory(_ messages: [Message]) {
        for message in messages {
            if !message.messageID.isEmpty, task.history.contains(where: { $0.messageID == message.messageID }) { continue }
            task.history.append(message)
        }
        if task.history.count > Self.historyLimit {
            task.history.removeFirst(task.history.count - Self.historyLimit)
        }
    }
}

extension Artifact {
    /// The text parts concatenated as sent (chunks carry their own newlines).
    public var text: String {
        parts.reduce(into: "") { result, part in
            if case .text(let t) = part.content { result += t }
        }
    }
}

extension Part {
    /// Size of the part's payload for memory bounds (structured data counts as small).
    var approximateBytes: Int {
        switch content {
        case .text(let t): t.utf8.count
        case .fileBytes(let b): b.utf8.count
        case .fileURL(let u): u.utf8.count
        case .data: 64
        }
    }
}
