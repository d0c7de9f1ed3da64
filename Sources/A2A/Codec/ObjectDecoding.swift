/// Decoders for the objects every dialect shares (task, status, message, part, artifact). The
/// dialects differ in spelling, not in meaning, so one tolerant reader accepts all spellings:
/// `TASK_STATE_WORKING` and `working`, `ROLE_AGENT` and `agent`, V1 `{text}` parts, V03
/// `{kind:"text"}` parts, V01 `{type:"text"}` parts and the 0.3 REST `content` member.
enum ObjectDecoding {
    static func task(_ o: JSONObject, dialect: Dialect) -> A2ATask? {
        guard let id = o.string(.id, .taskId) else { return nil }
        let status = o.object(.status).map(status) ?? TaskStatus(state: .unknown)
        return A2ATask(
            id: id,
            contextID: o.string(.contextId, .sessionId, .context_id),
            status: status,
            artifacts: o.array(.artifacts).enumerated().compactMap { index, value in
                value.objectValue.map { artifact($0, dialect: dialect, position: index) }
            },
            history: o.array(.history).compactMap { $0.objectValue.map(message) },
            metadata: o.kept(.metadata)
        )
    }

    /// The exact spellings servers send, matched without the case folding and replacing that
    /// `TaskState(wireName:)` does (it costs more than the rest of an event's decoding).
    static func state(_ s: String) -> TaskState {
        switch s {
        case "TASK_STATE_WORKING", "working": .working
        case "TASK_STATE_SUBMITTED", "submitted": .submitted
        case "TASK_STATE_COMPLETED", "completed": .completed
        case "TASK_STATE_INPUT_REQUIRED", "input-required": .inputRequired
        case "TASK_STATE_AUTH_REQUIRED", "auth-required": .authRequired
        case "TASK_STATE_CANCELED", "canceled": .canceled
        case "TASK_STATE_FAILED", "failed": .failed
        case "TASK_STATE_REJECTED", "rejected": .rejected
        case "TASK_STATE_UNSPECIFIED", "unknown": .unknown
        default: TaskState(wireName: s)
        }
    }

    static func role(_ s: String) -> Role {
        switch s {
        case "ROLE_AGENT", "agent": .agent
        case "ROLE_USER", "user": .user
        default: Role(wireName: s)
        }
    }

    static func status(_ o: JSONObject) -> TaskStatus {
        // `if let`, not `Optional.map`: the map's generic result was a Message? copied and destroyed.
        var message: Message?
        if let m = o.object(.message) { message = Self.message(m) }
        return TaskStatus(
            state: o.string(.state).map(state) ?? .unknown,
            message: message,
            timestamp: o.string(.timestamp).flatMap(Timestamp.parse)
        )
    }

    /// Agent messages may lack ids (PROTOCOL.md §6); a missing role reads as the agent's.
    static func message(_ o: JSONObject) -> Message {
        Message(
            messageID: o.string(.messageId, .message_id, .id) ?? "",
            contextID: o.string(.contextId, .context_id),
            taskID: o.string(.taskId, .task_id),
            role: o.string(.role).map(role) ?? .agent,
            parts: parts(o.array(.parts, .content)),
            metadata: o.kept(.metadata),
            referenceTaskIDs: o.strings(.referenceTaskIds)
        )
    }

    static func parts(_ values: [JSONValue]) -> [Part] {
        var parts: [Part] = []
        parts.reserveCapacity(values.count)
        for value in values {
            if case .object(let o) = value { parts.append(part(o)) }
        }
        return parts
    }

    /// Reads any dialect's part. A part of a kind we do not know is kept whole as data, so the raw
    /// view can still show it.
    static func part(_ o: JSONObject) -> Part {
        // The usual part, `{text}` or `{kind|type: "text", text}`: read without looking for the
        // seven other keys a part may have (the general reading below gives the same part).
        if o.count <= 2, case .string(let text)? = o[.text], o.count == 1 || o.string(.kind, .type) == "text" {
            return Part(.text(text))
        }
        let metadata = o.kept(.metadata)
        var mediaType = o.string(.mediaType, .mimeType, .media_type, .mime_type)
        var filename = o.string(.filename, .name)
        let content: Part.Content
        switch o.string(.kind, .type) {
        case "text":
            content = .text(o[.text].flatMap(\.rawString) ?? "")
        case "file":
            let file = o.object(.file) ?? JSONObject()
            mediaType = file.string(.mimeType, .mediaType, .mime_type) ?? mediaType
            filename = file.string(.name, .filename) ?? filename
            content = fileContent(file) ?? .data(.object(o))
        case "data":
            content = .data(o[.data] ?? .null)
        case nil:
            if let text = o[.text]?.rawString {
                content = .text(text)
            } else if let raw = o.string(.raw) {
                content = .fileBytes(base64: raw)
            } else if let url = o.string(.url) {
                content = .fileURL(url)
            } else if let file = o.object(.file) {  // 0.3 REST: {file:{fileWithUri|fileWithBytes, mimeType}}
                mediaType = file.string(.mimeType, .mediaType) ?? mediaType
                filename = file.string(.name, .filename) ?? filename
                content = fileContent(file) ?? .data(.object(o))
            } else if let data = o[.data] {
                content = .data(data)
            } else {
                content = .data(.object(o))
            }
        default:
            content = .data(.object(o))
        }
        return Part(content, mediaType: mediaType, filename: filename, metadata: metadata)
    }

    private static func fileContent(_ file: JSONObject) -> Part.Content? {
        if let bytes = file.string(.bytes, .fileWithBytes, .file_with_bytes) { return .fileBytes(base64: bytes) }
        if let uri = file.string(.uri, .url, .fileWithUri, .file_with_uri) { return .fileURL(uri) }
        return nil
    }

    /// `artifactId`; V01 artifacts have an `index` instead (kept as its decimal string). An artifact
    /// with neither is keyed by its position, so two of them in one task do not collapse into one.
    static func artifact(_ o: JSONObject, dialect: Dialect, position: Int = 0) -> Artifact {
        Artifact(
            artifactID: artifactKey(o, position: position),
            name: o.string(.name),
            description: o.string(.description),
            parts: parts(o.array(.parts)),
            metadata: o.kept(.metadata)
        )
    }

    static func artifactKey(_ o: JSONObject, position: Int) -> String {
        if let id = o.string(.artifactId, .artifact_id) { return id }
        if let index = o.integer(.index) { return String(index) }
        return String(position)
    }

    /// A percentage from `metadata.progress` (or `metadata.percent`), a number or numeric string,
    /// clamped to 0…100.
    static func progress(in metadata: JSONValue?) -> Double? {
        guard let o = metadata?.objectValue else { return nil }
        return clampPercent(o.number(.progress) ?? o.number(.percent))
    }

    static func clampPercent(_ value: Double?) -> Double? {
        value.map { min(100, max(0, $0)) }
    }

    static func statusUpdate(_ o: JSONObject, taskID: String, contextID: String?) -> StatusUpdate {
        let metadata = o.kept(.metadata)
        var status = TaskStatus(state: .unknown)
        if let s = o.object(.status) { status = Self.status(s) }
        // Worked out before the status moves into the update (reading it afterwards copied it).
        let progressPercent = progress(in: metadata) ?? clampPercent(o.number(.percent)) ?? progress(in: status.message?.metadata)
        return StatusUpdate(
            taskID: taskID,
            contextID: o.string(.contextId, .sessionId) ?? contextID,
            status: consume status,
            isFinal: o.flag(.final),
            progressPercent: progressPercent,
            metadata: metadata
        )
    }

    static func artifactUpdate(_ o: JSONObject, taskID: String, contextID: String?, dialect: Dialect) -> ArtifactUpdate? {
        guard let artifactObject = o.object(.artifact) else { return nil }
        // V01 put append/lastChunk inside the artifact; later dialects beside it.
        return ArtifactUpdate(
            taskID: taskID,
            contextID: o.string(.contextId, .sessionId) ?? contextID,
            artifact: artifact(artifactObject, dialect: dialect),
            append: o.flag(.append) || artifactObject.flag(.append),
            lastChunk: o.flag(.lastChunk) || artifactObject.flag(.lastChunk) || o.flag(.last_chunk),
            metadata: o.kept(.metadata)
        )
    }
}

extension JSONValue {
    /// A string as sent, including `""` (text parts may legitimately be empty).
    var rawString: String? { if case .string(let s) = self { s } else { nil } }
}
