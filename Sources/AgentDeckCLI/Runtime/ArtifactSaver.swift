import Deck
import Foundation

/// Executes `Command.save`: renders the artifact (or task), picks a safe fresh file name and
/// writes without ever replacing an existing file.
struct ArtifactSaver: Sendable {
    /// Where `s` writes (config `saveDirectory`; default `$XDG_DATA_HOME/agentdeck/artifacts`).
    var directory: String

    static func defaultDirectory(environment: [String: String]) -> String {
        AppDirectories.data(environment: environment) + "/artifacts"
    }

    /// Said when the artifact lost chunks to a memory limit (never a silent cut).
    static let truncatedNote = "TRUNCATED: later chunks were dropped (memory limit); the raw view and the journal have what the agent sent"

    func save(_ request: SaveRequest) -> LocalOutcome {
        let rendered = ArtifactRendering.render(request.content, taskID: request.taskID, agentName: request.agentName)
        let files = (rendered.main.map { [$0] } ?? []) + rendered.extras
        guard !files.isEmpty else {
            let why = rendered.notes.isEmpty ? "the artifact is empty" : rendered.notes.joined(separator: "; ")
            return .saveFailed("nothing to write: \(why)")
        }
        let fallbackName = "artifact-\(request.taskID)"
        var written: [String] = []
        do {
            var folder = directory
            var remaining = files[...]
            if let typed = request.path.map({ NSString(string: $0).expandingTildeInPath }), !LocalFile.isDirectory(typed) {
                // An explicit file path: written exactly there, never over an existing file.
                try LocalFile.createNew(typed, files[0].bytes)
                written.append(typed)
                folder = (typed as NSString).deletingLastPathComponent
                if folder.isEmpty { folder = "." }
                remaining = files.dropFirst()
            } else {
                if let typed = request.path { folder = NSString(string: typed).expandingTildeInPath }
                try LocalFile.makeDirectory(folder)
            }
            for file in remaining {
                written.append(try writeFresh(file, in: folder, fallbackName: fallbackName))
            }
        } catch {
            let partial = written.isEmpty ? "" : " (wrote \(written.joined(separator: ", ")))"
            return .saveFailed("\(error)\(partial)")
        }
        var notes = rendered.notes
        if request.truncated { notes.insert(Self.truncatedNote, at: 0) }
        if written.count > 1 { notes.insert("and \(written.count - 1) more file\(written.count == 2 ? "" : "s") beside it", at: 0) }
        return .saved(path: written[0], note: notes.isEmpty ? nil : notes.joined(separator: "; "))
    }

    /// Writes into `folder` under a sanitized name, adding `-2`, `-3`… rather than replacing.
    private func writeFresh(_ file: RenderedSave.File, in folder: String, fallbackName: String) throws(LocalFile.Failure) -> String {
        let base = file.nameHint.flatMap(SafeFileName.sanitize) ?? SafeFileName.sanitize(fallbackName) ?? "artifact"
        let name = SafeFileName.withExtension(base, file.ext)
        // Another process may take the name between the check and the create: try again.
        for _ in 0..<5 {
            guard let path = SafeFileName.fresh(name, in: folder, exists: { FileManager.default.fileExists(atPath: $0) || Self.isSymlink($0) }) else {
                break
            }
            do {
                try LocalFile.createNew(path, file.bytes)
                return path
            } catch .exists {
                continue
            }
        }
        throw .exists(folder + "/" + name)
    }

    private static func isSymlink(_ path: String) -> Bool {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) != nil
    }
}
