/// Builds our view of one task from what the agent sends: status changes, artifact chunks
/// (`append`, `lastChunk`, snapshot replace) and progress (PROTOCOL.md §5).
/// The CLI and the dashboard both fold events through it.
///
/// A finished task can be compacted (`compact()`): its artifacts and history are then kept packed
/// (`PackedTaskContent`) and rebuilt, identical, whenever `task` is read. Reads that the task list
/// makes every frame (`state`, `statusText`, `progressPercent`, ids) never unpack; an event that
/// touches artifacts or history unpacks first, one that only restates the status does not.
public struct TaskAccumulator: Sendable, Hashable {
    /// The task as we know it: latest status, artifacts assembled so far, history. Rebuilt from the
    /// packed form when compacted: read it once per use, not once per field.
    public var task: A2ATask { unpacked.stored }
    public var taskID: String { stored.id }
    public var contextID: String? { stored.contextID }
    public var state: TaskState { stored.status.state }
    /// Artifacts whose `lastChunk` arrived (or that came whole in a snapshot).
    public var completedArtifactIDs: Set<String> { unpacked.completedIDs }
    /// Latest progress in percent (0–100), when the agent sends one.
    public private(set) var progressPercent: Double?
    /// Latest status message text, sanitized later by the screen.
    public private(set) var statusText: String?
    /// A V03/V01 `final: true` arrived (V1 has no such flag: use the state's class).
    public private(set) var sawFinal = false

    /// Artifacts that hit a size limit: later chunks were dropped (the screen says so).
    public var truncatedArtifactIDs: Set<String> { unpacked.truncatedIDs }

    /// Whether the bulky part of the task is packed (see `compact`).
    public var isCompacted: Bool { packed != nil }

    /// The task; while packed, without artifacts and history.
    private var stored: A2ATask
    private var completedIDs: Set<String> = []
    private var truncatedIDs: Set<String> = []
    /// Artifacts, history and the two id sets, when compacted.
    private var packed: PackedTaskContent?
    /// The status message, encoded, while compacted (see `packOutsideFields`).
    private var packedStatusMessage: [UInt8]?
    /// The task's metadata, encoded, while compacted (see `packOutsideFields`).
    private var packedMetadata: [UInt8]?

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
    /// Bytes the artifacts cost against the limits (`size(of:)` of every part kept); 0 while
    /// compacted. The dashboard sums it over its running tasks (`LiveArtifactBudget`).
    public var artifactByteCount: Int { totalArtifactBytes }
    /// Approximate size of each artifact, to enforce `artifactByteLimit` without re-measuring.
    /// Not kept while compacted: recounted from the parts when unpacked.
    private var artifactBytes: [String: Int] = [:]
    /// The sum of `artifactBytes`, for `taskArtifactByteLimit`.
    private var totalArtifactBytes = 0

    public init(taskID: String, contextID: String? = nil) {
        stored = A2ATask(id: taskID, contextID: contextID, status: TaskStatus(state: .submitted))
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
        guard event.taskID.map({ $0 == stored.id }) ?? true else { return false }
        guard packed == nil else { return applyWhilePacked(event) }
        return fold(event)
    }

    /// `apply` for a compacted task: unpacks first, unless the event leaves the packed content alone.
    private mutating func applyWhilePacked(_ event: StreamEvent) -> Bool {
        guard leavesPackedContentAlone(event) else {
            unpack()
            return fold(event)
        }
        // Only fields kept outside the packing change: the status message and the metadata come out
        // of their bytes to be compared (or replaced), and go back in after — as the same bytes
        // when nothing changed.
        let (statusBytes, metadataBytes) = (packedStatusMessage, packedMetadata)
        unpackOutsideFields()
        let changed = fold(event)
        if !changed {
            if let statusBytes { (stored.status.message, packedStatusMessage) = (nil, statusBytes) }
            if let metadataBytes { (stored.metadata, packedMetadata) = (nil, metadataBytes) }
        }
        packOutsideFields()
        return changed
    }

    /// Inlined: `apply` of a plain task runs it on every stream event.
    @inline(__always)
    private mutating func fold(_ event: StreamEvent) -> Bool {
        // Changes are tracked explicitly: keeping a copy of `self` to compare would make every
        // artifact append copy the whole parts array (copy-on-write), quadratic over a long stream.
        switch event {
        case .task(let snapshot):
            guard snapshot.id == stored.id else { return false }
            return applySnapshot(snapshot)
        case .message(let message):
            if let id = message.taskID, id != stored.id { return false }
            return appendHistory(message)
        case .status(let update):
            guard update.taskID == stored.id else { return false }
            return applyStatus(update)
        case .artifact(let update):
            guard update.taskID == stored.id else { return false }
            applyArtifact(update)
            return true
        }
    }

    private mutating func applySnapshot(_ snapshot: A2ATask) -> Bool {
        // Each field through `Self.set` (inout, no key paths: those cost a runtime lookup each).
        var changed = false
        let contextID = snapshot.contextID ?? stored.contextID
        if Self.set(&stored.contextID, contextID) { changed = true }
        if Self.set(&stored.status, snapshot.status) { changed = true }
        // An empty list in a snapshot usually means "not included" (historyLength 0, a fresh
        // submit): keep what the stream already built rather than blanking the view.
        if !snapshot.artifacts.isEmpty {
            // A snapshot is already in memory: it is taken whole, and the limits count from it.
            if Self.set(&stored.artifacts, snapshot.artifacts) { changed = true }
            if Self.set(&completedIDs, Set(snapshot.artifacts.map(\.artifactID))) { changed = true }
            recountArtifactBytes()
        }
        if !snapshot.history.isEmpty {
            if Self.set(&stored.history, Array(snapshot.history.suffix(Self.historyLimit))) { changed = true }
        }
        if let metadata = snapshot.metadata, Self.set(&stored.metadata, metadata) { changed = true }
        let percent = ObjectDecoding.progress(in: snapshot.metadata) ?? progressPercent
        if Self.set(&progressPercent, percent) { changed = true }
        if Self.set(&statusText, Self.text(of: snapshot.status)) { changed = true }
        return changed
    }

    /// Writes `value` into `field` when it differs; true when it did.
    private static func set<T: Equatable>(_ field: inout T, _ value: T) -> Bool {
        guard field != value else { return false }
        field = value
        return true
    }

    private mutating func applyStatus(_ update: StatusUpdate) -> Bool {
        var changed = false
        if stored.contextID == nil, let contextID = update.contextID {
            stored.contextID = contextID
            changed = true
        }
        let stateChanged = update.status.state != stored.status.state
        // A new status nearly always brings a new timestamp or message id: those are compared
        // first, so the field-by-field comparison (message, parts, metadata) runs only when they match.
        if stateChanged || update.status.timestamp != stored.status.timestamp
            || update.status.message?.messageID != stored.status.message?.messageID || stored.status != update.status
        {
            stored.status = update.status
            changed = true
        }
        if let percent = update.progressPercent, percent != progressPercent {
            progressPercent = percent
            changed = true
        }
        if let metadata = update.metadata?.objectValue {
            var merged = stored.metadata?.objectValue ?? JSONObject()
            // Taken out first, so the merge writes into the task's own object, not a copy of it.
            stored.metadata = nil
            // New keys beyond the limit are ignored: status updates with ever-new keys must not grow the task.
            merged.merge(metadata, keyLimit: Self.metadataKeyLimit)
            stored.metadata = .object(merged)
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

    /// Sizes of the artifacts held, as the limits count them (after a snapshot, or when unpacked).
    private mutating func recountArtifactBytes() {
        artifactBytes = Dictionary(
            stored.artifacts.map { ($0.artifactID, $0.parts.reduce(0) { $0 + Self.size(of: $1) }) },
            uniquingKeysWith: { _, last in last })
        totalArtifactBytes = artifactBytes.values.reduce(0, +)
    }

    // MARK: compaction

    /// Packs artifacts and history into one (deflated) buffer: for finished tasks, which keep their
    /// text for the detail pane and `s` but rarely change again. Reading `task` rebuilds the same
    /// values. Does nothing when already packed or when there is nothing to pack.
    public mutating func compact() {
        guard let content = contentToPack() else { return }
        adopt(PackedTaskContent(content, taskID: stored.id, contextID: stored.contextID))
    }

    /// Packs several finished tasks together (`PackedTaskContent.group`): their texts share one
    /// deflate stream, which compresses better than each alone; each task still reads back on its
    /// own (inflating the stream up to its end). Tasks already packed or with nothing to pack are
    /// left as they are. With `spill`, the deflated stream is kept in that file, not the heap.
    public static func compact(together accumulators: inout [TaskAccumulator], spill: SpillFile? = nil) {
        var indices: [Int] = []
        var members: [(content: PackedTaskContent.Content, taskID: String, contextID: String?)] = []
        for i in accumulators.indices {
            guard let content = accumulators[i].contentToPack() else { continue }
            indices.append(i)
            members.append((content, accumulators[i].stored.id, accumulators[i].stored.contextID))
        }
        for (i, packed) in zip(indices, PackedTaskContent.group(members, spill: spill)) { accumulators[i].adopt(packed) }
    }

    /// What `compact` packs; nil when already packed or there is nothing to pack.
    private mutating func contentToPack() -> PackedTaskContent.Content? {
        guard packed == nil else { return nil }
        shareIDsWithStatusMessage()
        let content = PackedTaskContent.Content(
            artifacts: stored.artifacts, history: stored.history, completedArtifactIDs: completedIDs,
            truncatedArtifactIDs: truncatedIDs)
        return content.isEmpty ? nil : content
    }

    /// Keeps `packed` in place of the plain content it holds.
    private mutating func adopt(_ packed: PackedTaskContent) {
        self.packed = packed
        stored.artifacts = []
        stored.history = []
        completedIDs = []
        truncatedIDs = []
        artifactBytes = [:]
        totalArtifactBytes = 0
        packOutsideFields()
        // Kept as long as the task is retained, and made by the network thread's decoder: copied
        // here, on the thread that packs (see `FreshCopy`). The task id is the Deck's key's,
        // copied when the task was first seen (`TaskKey.freshCopy`).
        if let contextID = stored.contextID { stored.contextID = FreshCopy.of(contextID) }
        if let statusText { self.statusText = FreshCopy.of(statusText) }
    }

    /// While packed, the status message and the task's metadata are kept encoded (`TaskContentEncoder`,
    /// not deflated: a status-only event — every ListTasks poll restates each task — decodes them in
    /// a microsecond or two to compare, where inflating the packed content would cost tens). One
    /// small buffer each instead of strings, parts arrays and JSON objects: those were made by the
    /// decoder on the network thread and, kept for thousands of finished tasks, pinned its heap.
    private mutating func packOutsideFields() {
        guard packed != nil else { return }
        if packedStatusMessage == nil, let message = stored.status.message {
            packedStatusMessage = encoded { $0.encode(message) }
            stored.status.message = nil
        }
        if packedMetadata == nil, let metadata = stored.metadata {
            packedMetadata = encoded { $0.encode(json: metadata) }
            stored.metadata = nil
        }
    }

    /// What `write` puts through an encoder that knows this task's ids, in an array of exact capacity.
    private func encoded(_ write: (inout TaskContentEncoder) -> Void) -> [UInt8] {
        var encoder = TaskContentEncoder(taskID: stored.id, contextID: stored.contextID)
        write(&encoder)
        return Array(encoder.bytes)
    }

    /// Whether the status message is kept encoded now (for tests).
    var statusMessageIsPacked: Bool { packedStatusMessage != nil }
    /// Whether the metadata is kept encoded now (for tests).
    var metadataIsPacked: Bool { packedMetadata != nil }

    /// Puts the encoded status message and metadata back (before anything compares or replaces them).
    private mutating func unpackOutsideFields() {
        // The buffers never leave memory; were one damaged, the status keeps its state and time.
        if let bytes = packedStatusMessage {
            packedStatusMessage = nil
            var decoder = TaskContentDecoder(bytes: bytes, taskID: stored.id, contextID: stored.contextID)
            stored.status.message = decoder.decodeMessage()
        }
        if let bytes = packedMetadata {
            packedMetadata = nil
            var decoder = TaskContentDecoder(bytes: bytes, taskID: stored.id, contextID: stored.contextID)
            stored.metadata = decoder.decodeJSON()
        }
    }

    /// The status message stays out of the packed content (every ListTasks poll restates it, see
    /// `leavesPackedContentAlone` and `packOutsideFields`); its copies of the task and context ids, equal byte for byte,
    /// are made to share the task's own strings instead of holding two more.
    private mutating func shareIDsWithStatusMessage() {
        guard var message = stored.status.message else { return }
        if let id = message.taskID, id.utf8.elementsEqual(stored.id.utf8) { message.taskID = stored.id }
        if let id = message.contextID, let own = stored.contextID, id.utf8.elementsEqual(own.utf8) { message.contextID = own }
        stored.status.message = message
    }

    /// Whether `event` can be applied with the content still packed: a snapshot without artifacts
    /// or history (what ListTasks returns for every known task at each poll), or a status update,
    /// as long as the context id stays (the packing refers to it). Such events change only fields
    /// kept outside the packed buffer.
    private func leavesPackedContentAlone(_ event: StreamEvent) -> Bool {
        func keepsContextID(_ incoming: String?) -> Bool {
            guard let incoming else { return true }
            guard let current = stored.contextID else { return false }
            return incoming.utf8.elementsEqual(current.utf8)
        }
        switch event {
        case .task(let snapshot): return snapshot.artifacts.isEmpty && snapshot.history.isEmpty && keepsContextID(snapshot.contextID)
        case .status(let update): return keepsContextID(update.contextID)
        case .message, .artifact: return false
        }
    }

    /// This accumulator with its content unpacked (itself when not compacted): to read several of
    /// `task`, `completedArtifactIDs`, `truncatedArtifactIDs` for the price of one unpack.
    public var unpacked: TaskAccumulator {
        var copy = self
        copy.unpack()
        return copy
    }

    /// Brings the packed content back into the plain fields.
    private mutating func unpack() {
        guard let packed else { return }
        unpackOutsideFields()  // first: they refer to the context id, which the event may change next
        self.packed = nil
        // The buffer never leaves memory; were it damaged, the task keeps its status and ids.
        guard let content = packed.unpack(taskID: stored.id, contextID: stored.contextID) else { return }
        stored.artifacts = content.artifacts
        stored.history = content.history
        completedIDs = content.completedArtifactIDs
        truncatedIDs = content.truncatedArtifactIDs
        recountArtifactBytes()
    }

    /// Bytes the packed buffer holds (0 when not compacted; a grouped task, its share of the group's
    /// buffer): for benchmarks and tests.
    public var packedByteCount: Int { packed?.storedByteCount ?? 0 }
    /// Whether the packed content shares a deflate stream with other tasks (`compact(together:)`).
    public var isCompactedInGroup: Bool { packed?.isGrouped ?? false }
    /// Whether the packed content is kept in a spill file rather than the heap.
    public var isCompactedInSpillFile: Bool { packed?.isSpilled ?? false }

    /// Equal when they describe the same task, packed or not (the byte counts follow from the parts).
    public static func == (a: TaskAccumulator, b: TaskAccumulator) -> Bool {
        if a.packed != nil || b.packed != nil { return a.unpacked.hasSameFields(as: b.unpacked) }
        return a.hasSameFields(as: b)
    }

    private func hasSameFields(as other: TaskAccumulator) -> Bool {
        stored == other.stored && completedIDs == other.completedIDs && truncatedIDs == other.truncatedIDs
            && progressPercent == other.progressPercent && statusText == other.statusText && sawFinal == other.sawFinal
    }

    public func hash(into hasher: inout Hasher) {
        let plain = unpacked
        hasher.combine(plain.stored)
        hasher.combine(plain.completedIDs)
        hasher.combine(plain.truncatedIDs)
        hasher.combine(progressPercent)
        hasher.combine(statusText)
        hasher.combine(sawFinal)
    }

    /// Records a (re)started artifact's size; false (and marked truncated) when it is too big alone.
    private mutating func admit(_ artifact: Artifact, bytes: Int) -> Bool {
        let others = totalArtifactBytes - (artifactBytes[artifact.artifactID] ?? 0)
        guard bytes <= Self.artifactByteLimit, others + bytes <= Self.taskArtifactByteLimit else {
            truncatedIDs.insert(artifact.artifactID)
            return false
        }
        artifactBytes[artifact.artifactID] = bytes
        totalArtifactBytes = others + bytes
        truncatedIDs.remove(artifact.artifactID)
        return true
    }

    /// What a part costs against `artifactByteLimit`: its payload plus `partOverhead`, so a flood
    /// of empty or one-byte chunks is bounded too (each part is a struct in memory, not just bytes).
    public static func size(of part: Part) -> Int {
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
        if stored.contextID == nil { stored.contextID = update.contextID }
        let incoming = update.artifact
        let id = incoming.artifactID
        let incomingBytes = incoming.parts.reduce(0) { $0 + Self.size(of: $1) }
        if let index = stored.artifacts.firstIndex(where: { $0.artifactID == id }) {
            if update.append {
                // One lookup of the id (hashing it) for the read and the write.
                let counted = artifactBytes.index(forKey: id)
                let total = (counted.map { artifactBytes.values[$0] } ?? 0) + incomingBytes
                guard total <= Self.artifactByteLimit, totalArtifactBytes + incomingBytes <= Self.taskArtifactByteLimit else {
                    truncatedIDs.insert(id)
                    return
                }
                if let counted { artifactBytes.values[counted] = total } else { artifactBytes[id] = total }
                totalArtifactBytes += incomingBytes
                stored.artifacts[index].parts.append(contentsOf: incoming.parts)
                if let name = incoming.name { stored.artifacts[index].name = name }
                if let description = incoming.description { stored.artifacts[index].description = description }
                if let metadata = incoming.metadata { stored.artifacts[index].metadata = metadata }
            } else {
                guard admit(incoming, bytes: incomingBytes) else { return }
                stored.artifacts[index] = incoming
            }
        } else {
            guard stored.artifacts.count < Self.artifactCountLimit, admit(incoming, bytes: incomingBytes) else {
                truncatedIDs.insert(id)
                return
            }
            stored.artifacts.append(incoming)
        }
        if update.lastChunk {
            completedIDs.insert(id)
        } else if !completedIDs.isEmpty {  // nothing to hash the id for while no artifact is complete
            completedIDs.remove(id)
        }
    }

    /// Whether an artifact lost chunks to a limit (cheap while not compacted: no unpacking).
    public func isTruncated(artifactID: String) -> Bool {
        // Most tasks have none: no hashing of the id then.
        packed == nil ? !truncatedIDs.isEmpty && truncatedIDs.contains(artifactID) : unpacked.truncatedIDs.contains(artifactID)
    }

    /// Takes an artifact chunk's news but not its parts: a limit outside the task (the dashboard's
    /// budget for all running tasks, `LiveArtifactBudget`) has no room for them. The artifact is
    /// marked truncated (later chunks dropped, as with `artifactByteLimit`), and listed even if
    /// this was its first chunk, so the mark is seen; a refused restart (not `append`) empties it
    /// (the old parts are not part of the new artifact). True when anything visible changed.
    @discardableResult
    public mutating func refuseParts(of update: ArtifactUpdate) -> Bool {
        guard update.taskID == stored.id else { return false }
        if packed != nil { unpack() }
        if stored.contextID == nil { stored.contextID = update.contextID }
        let id = update.artifact.artifactID
        var changed = truncatedIDs.insert(id).inserted
        var heading = update.artifact
        heading.parts = []
        if let index = stored.artifacts.firstIndex(where: { $0.artifactID == id }) {
            // The agent started it over: what was kept is not a part of the new one any more.
            if !update.append {
                totalArtifactBytes -= artifactBytes[id] ?? 0
                artifactBytes[id] = 0
                stored.artifacts[index] = heading
                changed = true
            }
        } else if stored.artifacts.count < Self.artifactCountLimit {
            stored.artifacts.append(heading)
            artifactBytes[id] = 0
            changed = true
        }
        // The last chunk still ends the artifact: it is truncated, not streaming.
        if update.lastChunk, completedIDs.insert(id).inserted { changed = true }
        return changed
    }

    private mutating func appendHistory(_ message: Message) -> Bool {
        if !message.messageID.isEmpty, stored.history.contains(where: { $0.messageID == message.messageID }) { return false }
        stored.history.append(message)
        if stored.history.count > Self.historyLimit {
            stored.history.removeFirst(stored.history.count - Self.historyLimit)
        }
        return true
    }
}
