import A2A
import Deck
import Foundation

/// The selected task in full: ids, state and progress, cancel/error, the state timeline with the
/// time spent in each state, the latest status message, artifacts as they are assembled
/// (incomplete ones marked streaming) and the message history. Scrolls.
enum TaskDetailView {
    static func lines(_ detail: TaskDetail, agentName: String, now: Date, width: Int, limit: Int, options: DashboardView.Options) -> DetailLines {
        var out = DetailLines(width: width, limit: limit)
        let row = detail.row
        out.field("Task", ViewText.agent(row.key.taskID) + (row.isPlaceholder ? " (waiting for the agent's id)" : ""))
        out.field("Context", detail.contextID.map(ViewText.agent) ?? "-")
        out.field("Agent", ViewText.agent(agentName) + (row.skillID.map { "  #" + ViewText.agent($0) } ?? ""))
        out.add([
            Span(TextLayout.pad("State", to: 9), style: Style(.dim)),
            Span(TaskStateLook.label(row.state), style: TaskStateLook.style(row.state)),
            Span("  " + (row.state.isTerminal ? "took " : "for ") + ViewText.preciseDuration(row.duration), style: Style(.dim)),
        ])
        if let percent = row.progressPercent, row.state.isTerminal {
            // A finished task's last progress report (an agent that said 90 % and then completed):
            // where it got to, not a bar that looks like work still going on. Completed at 100 %
            // says nothing the state does not.
            if row.state != .completed || percent < 100 {
                out.add([
                    Span(TextLayout.pad("Progress", to: 9), style: Style(.dim)),
                    Span("last reported " + ViewText.percent(percent / 100), style: Style(.dim)),
                ])
            }
        } else if let percent = row.progressPercent {
            let fraction = percent / 100
            let bar = ProgressBar(fraction: fraction, ascii: options.asciiBars)
            let barWidth = max(4, min(20, width - 9 - 5))
            let parts = bar.bar(width: barWidth)
            out.add([
                Span(TextLayout.pad("Progress", to: 9), style: Style(.dim)),
                Span(parts.filled, style: Style(.ok)), Span(parts.empty, style: Style(.dim)),
                Span(" " + bar.percentText.trimmingSpaces()),
            ])
        }
        switch row.cancel {
        case .requested(let at): out.field("Cancel", "requested at " + ViewText.clock(at, in: options.timeZone), .warning)
        case .refused(let why): out.field("Cancel", "refused: " + ViewText.agent(why), .error)
        case .done: out.field("Cancel", "canceled as requested", .dim)
        case .none: break
        }
        if let error = row.lastError { out.field("Error", ViewText.agent(error), .error) }
        switch row.stream {
        case .live: out.field("Stream", "live", .ok)
        case .reconnecting(let attempt): out.field("Stream", "reconnecting (attempt \(attempt))", .warning)
        case .ended, .none: break
        }
        if let request = detail.requestText, !request.isEmpty {
            out.field("Request", ViewText.agent(request))
        }
        out.section("Timeline")
        for span in detail.timeline {
            out.add([
                Span(" " + ViewText.clock(span.start, in: options.timeZone) + "  ", style: Style(.dim)),
                Span(TextLayout.pad(TaskStateLook.label(span.state), to: 13), style: TaskStateLook.style(span.state)),
                Span(span.state.isTerminal ? "" : ViewText.preciseDuration(span.duration)),
            ])
        }
        if let message = detail.task.status.message, !message.text.isEmpty {
            out.section("Status")
            out.agentText(message.text)
        }
        addArtifacts(detail, into: &out)
        addHistory(detail.task.history, into: &out)
        return out
    }

    static func addArtifacts(_ detail: TaskDetail, into out: inout DetailLines) {
        let artifacts = detail.task.artifacts
        guard !artifacts.isEmpty else { return }
        out.section("Artifacts (\(artifacts.count))")
        for artifact in artifacts {
            if out.isFull { return }
            let complete = detail.completedArtifactIDs.contains(artifact.artifactID)
            var heading = [Span(" ▸ " + ViewText.agent(artifact.name ?? artifact.artifactID), style: Style(.title))]
            heading.append(Span("  \(artifact.parts.count) part\(artifact.parts.count == 1 ? "" : "s")", style: Style(.dim)))
            if !complete && !detail.row.state.isTerminal {
                heading.append(Span("  streaming…", style: Style(.stateWorking)))
            } else if !complete {
                heading.append(Span("  incomplete", style: Style(.warning)))
            }
            if detail.truncatedArtifactIDs.contains(artifact.artifactID) {
                heading.append(Span("  truncated: later chunks dropped", style: Style(.warning)))
            }
            out.add(heading)
            if let description = artifact.description, !description.isEmpty {
                out.agentText(description, .dim, indent: 3)
            }
            addParts(artifact.parts, into: &out)
        }
    }

    /// Text parts are shown joined (chunks carry their own line breaks); data as JSON; files by
    /// name, type and size.
    static func addParts(_ parts: [Part], into out: inout DetailLines) {
        var pendingText = ""
        func flushText(_ out: inout DetailLines) {
            if !pendingText.isEmpty { out.agentText(pendingText, indent: 3) }
            pendingText = ""
        }
        for part in parts {
            if out.isFull { return }
            switch part.content {
            case .text(let text):
                // Bounded: an endless stream of chunks must not grow a frame's work.
                if pendingText.unicodeScalars.count < 32_768 { pendingText += text }
            case .data(let value):
                flushText(&out)
                out.agentText(value.prettyJSON, indent: 3)
            case .fileBytes(let base64):
                flushText(&out)
                out.add(fileLine(part, size: base64.utf8.count / 4 * 3, url: nil))
            case .fileURL(let url):
                flushText(&out)
                out.add(fileLine(part, size: nil, url: url))
            }
        }
        flushText(&out)
    }

    static func fileLine(_ part: Part, size: Int?, url: String?) -> [Span] {
        var text = "   file " + ViewText.agent(part.filename ?? "(unnamed)")
        text += "  " + ViewText.agent(part.mediaType ?? "type unknown")
        if let size { text += "  " + ViewText.byteCount(size) }
        if let url { text += "  " + ViewText.agent(url) }
        return [Span(text, style: Style(.text))]
    }

    static func addHistory(_ history: [Message], into out: inout DetailLines) {
        guard !history.isEmpty else { return }
        out.section("Messages (\(history.count))")
        for message in history {
            if out.isFull { return }
            let who: String
            switch message.role {
            case .user: who = "you"
            case .agent: who = "agent"
            case .other(let name): who = ViewText.agent(name)
            }
            out.add([Span(" " + who + ":", style: Style(message.role == .user ? .prompt : .title))])
            let text = message.text
            out.agentText(text.isEmpty ? "(\(message.parts.count) non-text part\(message.parts.count == 1 ? "" : "s"))" : text, indent: 3)
        }
    }
}
