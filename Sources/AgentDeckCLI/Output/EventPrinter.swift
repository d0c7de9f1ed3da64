import A2A

/// Prints events as they come: one JSON object per line with `--json`, else one short human line.
/// Agent text is sanitized: an agent must not be able to drive the operator's terminal.
struct EventPrinter: Sendable {
    let agent: String
    let json: Bool

    func print(_ event: StreamEvent) {
        if json {
            StandardOutput.line(EventLine.json(agent: agent, event: event).jsonString)
        } else {
            StandardOutput.line(Sanitized.text(humanLine(event)))
        }
    }

    /// One row of a task list.
    func printRow(_ task: A2ATask) {
        if json {
            StandardOutput.line(EventLine.json(agent: agent, event: .task(task)).jsonString)
        } else {
            let text = task.status.message?.text ?? ""
            StandardOutput.line(Sanitized.text("\(task.id)  \(task.status.state.name)  \(text)"))
        }
    }

    func humanLine(_ event: StreamEvent) -> String {
        switch event {
        case .task(let task):
            var line = "task \(task.id) [\(task.status.state.name)]"
            if let c = task.contextID { line += " context \(c)" }
            if let text = task.status.message?.text, !text.isEmpty { line += "  \(text)" }
            for artifact in task.artifacts {
                line += "\n  artifact \(artifact.name ?? artifact.artifactID): \(artifactText(artifact))"
            }
            return line
        case .message(let message):
            return "message from \(EventLine.roleName(message.role)): \(message.text)"
        case .status(let update):
            var line = "[\(update.status.state.name)]"
            if let p = update.progressPercent { line += " \(Int(p.rounded()))%" }
            if let text = update.status.message?.text, !text.isEmpty { line += " \(text)" }
            return line
        case .artifact(let update):
            let how = update.append ? "+" : "="
            let done = update.lastChunk ? " (complete)" : ""
            return "artifact \(update.artifact.name ?? update.artifact.artifactID) \(how)\(done): \(artifactText(update.artifact))"
        }
    }

    private func artifactText(_ artifact: Artifact) -> String {
        artifact.parts.map { part in
            switch part.content {
            case .text(let t): t
            case .data(let d): d.jsonString
            case .fileBytes(let b64): "[file \(part.filename ?? "") \(part.mediaType ?? "") \(b64.count * 3 / 4) bytes]"
            case .fileURL(let url): "[file \(part.filename ?? "") at \(url)]"
            }
        }.joined(separator: " ")
    }
}
