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

    /// Artifacts that hit a size limit: later chunks were dropped (the screen says so).
    public private(set) var truncatedArtifactIDs: Set<String> = []

    /// History beyond this many messages drops its oldest: a long chat must not grow without bound.
    public static let historyLimit = 200
    /// An agent streams what it likes: one artifact keeps at most this many bytes of parts...
    public static let artifactByteLimit = 16 << 20
    /// ...and a task at most this many artifacts...
    public static let artifactCountLimit = 1000
    /// ...and at most this many bytes over all its artifacts: three artifacts flooded to their own
    /// limit must not cost 48 MB (and three times that in memory) for one task.
    public static let taskArtifactByteLimit = 24 << 20
    /// Metadata keys merged from status updates beyond this many are ignored.
    public static let metadataKeyLimit = 256
    /// Approximate size of each artifact, to enforce `artifactByteLimit` without re-measuring.
    private var artifactBytes: [String: Int] = [:]
    /// The sum of `artifactBytes`, for `taskArtifactByteLimit`.
    private var totalArtifactBytes = 0

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
        // Changes are tracked explicitly: keeping a copy of `self` to compare would make every
        // artifact append copy the whole parts array (copy-on-write), quadratic over a long stream.
        switch event {
        case .task(let snapshot):
            guard snapshot.id == task.id else { return false }
            return applySnapshot(snapshot)
        case .message(let message):
            if let id = message.taskID, id != task.id { return false }
            return appendHistory(message)
        case .status(let update):
            guard update.taskID == task.id else { return false }
            return applyStatus(update)
        case .artifact(let update):
            guard update.taskID == task.id else { return false }
            applyArtifact(update)
            return true
        }
    }

    private mutating func applySnapshot(_ snapshot: A2ATask) -> Bool {
        var changed = false
        func set<T: Equatable>(_ keyPath: WritableKeyPath<TaskAccumulator, T>, _ value: T) {
            if self[keyPath: keyPath] != value {
                self[keyPath: keyPath] = value
                changed = true
            }
        }
        set(\.task.contextID, snapshot.contextID ?? task.contextID)
        set(\.task.status, snapshot.status)
        // An empty list in a snapshot usually means "not included" (historyLength 0, a fresh
        // submit): keep what the stream already built rather than blanking the view.
        if !snapshot.artifacts.isEmpty {
            // A snapshot is already in memory: it is taken whole, and the limits count from it.
            set(\.task.artifacts, snapshot.artifacts)
            set(\.completedArtifactIDs, Set(snapshot.artifacts.map(\.artifactID)))
            artifactBytes = Dictionary(
                snapshot.artifacts.map { ($0.artifactID, $0.parts.reduce(0) { $0 + Self.size(of: $1) }) },
                uniquingKeysWith: { _, last in last })
            totalArtifactBytes = artifactBytes.values.reduce(0, +)
        }
        if !snapshot.history.isEmpty {
            set(\.task.history, Array(snapshot.history.suffix(Self.historyLimit)))
        }
        if let metadata = snapshot.metadata { set(\.task.metadata, metadata) }
        set(\.progressPercent, ObjectDecoding.progress(in: snapshot.metadata) ?? progressPercent)
        set(\.statusText, Self.text(of: snapshot.status))
        return changed
    }

    private mutating func applyStatus(_ update: StatusUpdate) -> Bool {
        var changed = false
        if task.contextID == nil, let contextID = update.contextID {
            task.contextID = contextID
            changed = true
        }
        let stateChanged = update.status.state != task.status.state
        if task.status != update.status {
            task.status = update.status
            changed = true
        }
        if let percent = update.progressPercent, percent != progressPercent {
            progressPercent = percent
            changed = true
        }
        if let metadata = update.metadata?.objectValue {
            var merged = task.metadata?.objectValue ?? JSONObject()
            // New keys beyond the limit are ignored: status updates with ever-new keys must not grow the task.
            for (key, value) in metadata.pairs where merged[key] != nil || merged.count < Self.metadataKeyLimit {
                merged[key] = value
            }
            task.metadata = .object(merged)
        }
        if update.isFinal && !sawFinal {
            sawFinal = true
            changed = true
        }
        if update.status.message != nil || stateChanged {
            let text = Self.text(of: update.status)
            if text != statusText {
                statusText = text
                changed = true
            }
        }
        return changed
    }

    /// Records a (re)started artifact's size; false (and marked truncated) when it is too big alone.
    private mutating func admit(_ artifact: Artifact, bytes: Int) -> Bool {
        let others = totalArtifactBytes - (artifactBytes[artifact.artifactID] ?? 0)
        guard bytes <= Self.artifactByteLimit, others + bytes <= Self.taskArtifactByteLimit else {
            truncatedArtifactIDs.insert(artifact.artifactID)
            return false
        }
        artifactBytes[artifact.artifactID] = bytes
        totalArtifactBytes = others + bytes
        truncatedArtifactIDs.remove(artifact.artifactID)
        return true
    }

    /// What a part costs against `artifactByteLimit`: its payload plus `partOverhead`, so a flood
    /// of empty or one-byte chunks is bounded too (each part is a struct in memory, not just bytes).
    static func size(of part: Part) -> Int {
        let payload = switch part.content {
        case .text(let t): t.utf8.count
        case .fileBytes(let b): b.utf8.count
        case .fileURL(let u): u.utf8.count
        case .data(let d): d.jsonBytes.count
        }
        return payload + partOverhead
    }

    /// Bookkeeping bytes counted per part (about the size of a `Part` and its array slot).
    static let partOverhead = 64

    private static func text(of status: TaskStatus) -> String? {
        let text = status.message?.text ?? ""
        return text.isEmpty ? nil : text
    }

    /// Keyed by artifact id: `append` adds the parts (kept as sent, not merged), otherwise the
    /// artifact starts over; `lastChunk` marks it complete.
    private mutating func applyArtifact(_ update: ArtifactUpdate) {
        if task.contextID == nil { task.contextID = update.contextID }
        let incoming = update.artifact
        let id = incoming.artifactID
        let incomingBytes = incoming.parts.reduce(0) { $0 + Self.size(of: $1) }
        if let index = task.artifacts.firstIndex(where: { $0.artifactID == id }) {
            if update.append {
                let total = (artifactBytes[id] ?? 0) + incomingBytes
                guard total <= Self.artifactByteLimit, totalArtifactBytes + incomingBytes <= Self.taskArtifactByteLimit else {
                    truncatedArtifactIDs.insert(id)
                    return
                }
                artifactBytes[id] = total
                totalArtifactBytes += incomingBytes
                task.artifacts[index].parts.append(contentsOf: incoming.parts)
                if let name = incoming.name { task.artifacts[index].name = name }
                if let description = incoming.description { task.artifacts[index].description = description }
                if let metadata = incoming.metadata { task.artifacts[index].metadata = metadata }
            } else {
                guard admit(incoming, bytes: incomingBytes) else { return }
                task.artifacts[index] = incoming
            }
        } else {
            guard task.artifacts.count < Self.artifactCountLimit, admit(incoming, bytes: incomingBytes) else {
                truncatedArtifactIDs.insert(id)
                return
            }
            task.artifacts.append(incoming)
        }
        if update.lastChunk {
            completedArtifactIDs.insert(id)
        } else {
            completedArtifactIDs.remove(id)
        }
    }

    private mutating func appendHistory(_ message: Message) -> Bool {
        if !message.messageID.isEmpty, task.history.contains(where: { $0.messageID == message.messageID }) { return false }
        task.history.append(message)
        if task.history.count > Self.historyLimit {
            task.history.removeFirst(task.history.count - Self.historyLimit)
        }
        return true
    }
}
