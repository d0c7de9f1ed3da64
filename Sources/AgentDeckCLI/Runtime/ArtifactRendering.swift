import A2A
import Deck
import Foundation

/// The bytes `s` / `:save` write for an artifact or a task: text as text, data parts as pretty
/// JSON, inline file parts decoded from base64. Parts given by URL are never fetched: they only
/// produce a note for the status line.
struct RenderedSave: Equatable {
    struct File: Equatable {
        /// Agent-supplied, so sanitized before use.
        var nameHint: String?
        var ext: String
        var bytes: [UInt8]
    }

    /// The file the status line names.
    var main: File?
    /// Inline files of a mixed artifact, written beside the main one.
    var extras: [File] = []
    /// What was left out and why.
    var notes: [String] = []
}

enum ArtifactRendering {
    static func render(_ content: SaveRequest.Content, taskID: String, agentName: String) -> RenderedSave {
        switch content {
        case .artifact(let artifact): render(artifact)
        case .task(let task):
            RenderedSave(main: .init(nameHint: "task-\(taskID)", ext: "json", bytes: Array(TaskJSON.json(task, agent: agentName).prettyJSON.utf8) + [0x0A]))
        }
    }

    static func render(_ artifact: Artifact) -> RenderedSave {
        var result = RenderedSave()
        var textual: [(text: String, isData: Bool)] = []
        var files: [RenderedSave.File] = []
        let fileCount = artifact.parts.filter { if case .fileBytes = $0.content { true } else { false } }.count
        for (index, part) in artifact.parts.enumerated() {
            switch part.content {
            case .text(let t): textual.append((t, false))
            case .data(let value): textual.append((value.prettyJSON, true))
            case .fileBytes(let base64):
                guard let data = Data(base64Encoded: base64, options: .ignoreUnknownCharacters) else {
                    result.notes.append("part \(index + 1) is not valid base64: skipped")
                    continue
                }
                let hint = part.filename ?? artifact.name.map { fileCount > 1 ? "\($0)-part\(index + 1)" : $0 }
                files.append(.init(nameHint: hint, ext: fileExtension(filename: part.filename, mediaType: part.mediaType), bytes: Array(data)))
            case .fileURL(let url):
                result.notes.append("file given by URL not fetched: \(url.prefix(120))")
            }
        }
        if textual.isEmpty {
            result.main = files.first
            result.extras = Array(files.dropFirst())
        } else {
            let allData = textual.allSatisfy(\.isData)
            let allText = textual.allSatisfy { !$0.isData }
            // Text chunks carry their own newlines; JSON pieces get one each.
            let body = allText ? textual.map(\.text).joined() : textual.map(\.text).joined(separator: "\n") + "\n"
            let textMedia = artifact.parts.first { if case .text = $0.content { true } else { false } }?.mediaType
            let ext = allData ? "json" : allText ? textExtension(textMedia) : "txt"
            result.main = .init(nameHint: artifact.name ?? artifact.artifactID, ext: ext, bytes: Array(body.utf8))
            result.extras = files
        }
        return result
    }

    static func textExtension(_ mediaType: String?) -> String {
        switch mediaType?.lowercased() {
        case "text/markdown": "md"
        case "text/csv": "csv"
        case "application/json": "json"
        default: "txt"
        }
    }

    /// From the part's filename when it has an extension, else its media type.
    static func fileExtension(filename: String?, mediaType: String?) -> String {
        if let filename, let ext = SafeFileName.existingExtension(filename) { return ext }
        switch mediaType?.lowercased() {
        case "image/png": return "png"
        case "image/jpeg": return "jpg"
        case "image/gif": return "gif"
        case "application/pdf": return "pdf"
        case "application/json": return "json"
        case "text/plain": return "txt"
        case "text/markdown": return "md"
        case "text/csv": return "csv"
        default: return "bin"
        }
    }
}

/// A task as JSON for `:save` (the same field names as `get --json` and `watch --json`).
enum TaskJSON {
    static func json(_ task: A2ATask, agent: String) -> JSONValue {
        var o = JSONObject()
        o["agent"] = .string(agent)
        o["taskId"] = .string(task.id)
        o["contextId"] = task.contextID.map(JSONValue.string) ?? .null
        o["state"] = .string(task.status.state.name)
        if let text = task.status.message?.text, !text.isEmpty { o["statusText"] = .string(text) }
        if let date = task.status.timestamp { o["timestamp"] = .string(ISO8601DateFormatter().string(from: date)) }
        o["artifacts"] = .array(task.artifacts.map(EventLine.artifactJSON))
        o["history"] = .array(task.history.map { m in
            var h = JSONObject()
            h["role"] = .string(EventLine.roleName(m.role))
            h["messageId"] = .string(m.messageID)
            h["parts"] = .array(m.parts.map(EventLine.partJSON))
            return .object(h)
        })
        if let metadata = task.metadata { o["metadata"] = metadata }
        return .object(o)
    }
}
