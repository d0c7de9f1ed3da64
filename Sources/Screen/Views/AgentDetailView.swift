import A2A
import Deck
import Foundation

/// The selected agent: health and connection, what changed in the card since last looked, its
/// health over the window (`AgentHealthBlock`), then its card (provider, capabilities, auth
/// schemes, interfaces, skills with examples).
enum AgentDetailView {
    static func lines(_ detail: AgentDetail, now: Date, width: Int, limit: Int, options: DashboardView.Options) -> DetailLines {
        var out = DetailLines(width: width, limit: limit)
        let row = detail.row
        out.field("Agent", ViewText.agent(row.name))
        out.field("URL", ViewText.agent(row.url))
        out.add([
            Span(TextLayout.pad("Health", to: 9), style: Style(.dim)),
            Span(AgentHealthLook.label(row.health), style: Style(AgentHealthLook.role(row.health))),
        ])
        if let reason = row.health.reason { out.field("Why", ViewText.agent(reason), row.health.isUp ? .warning : .error) }
        if let endpoint = detail.endpoint {
            out.field("Talks", "A2A \(endpoint.dialect.description) \(endpoint.binding.wireName) " + ViewText.agent(endpoint.url))
        }
        // The interval and the last change, not the last read's time nor its exact latency: an
        // uneventful poll must change nothing on screen (the health block has the latencies).
        var poll = "every " + AgentHealthText.span(detail.pollInterval)
        if let changed = detail.lastChangeAt { poll += ", last change " + ViewText.clock(changed, in: options.timeZone) }
        else if row.health == .unknown { poll += ", not polled yet" }
        if detail.consecutivePollFailures > 0 { poll += ", \(detail.consecutivePollFailures) failed in a row" }
        out.field("Poll", poll)
        out.field("Tasks", "\(row.activeTasks) active, \(row.finishedTasks) finished in the list")
        var flags: [String] = []
        if row.readOnly { flags.append("read-only") }
        if row.insecure { flags.append("⚠ TLS verification off") }
        if !flags.isEmpty { out.field("Mode", flags.joined(separator: ", "), row.insecure ? .warning : .text) }
        if !detail.cardChanges.isEmpty {
            let when = detail.cardChangedAt.map { " at " + ViewText.clock($0, in: options.timeZone) } ?? ""
            out.section("✎ Card changed\(when): \(detail.cardChanges.count) field\(detail.cardChanges.count == 1 ? "" : "s")")
            for change in detail.cardChanges {
                let role: ThemeRole = change.kind == .removed ? .error : change.kind == .added ? .ok : .warning
                out.agentText(change.description, role, indent: 1, maxScalars: 1024)
            }
        }
        AgentHealthBlock.add(detail.metrics, into: &out, ascii: options.asciiBars)
        guard let card = detail.card else {
            out.blank()
            out.add("no card read yet", .dim)
            return out
        }
        addCard(card, into: &out)
        return out
    }

    static func addCard(_ card: AgentCard, into out: inout DetailLines) {
        out.section("Card")
        out.field("Name", ViewText.agent(card.name) + (card.version.map { "  v" + ViewText.agent($0) } ?? ""))
        if let provider = card.provider {
            out.field("Provider", ViewText.agent(provider.organization) + (provider.url.map { "  " + ViewText.agent($0) } ?? ""))
        }
        if let version = card.protocolVersion { out.field("Protocol", ViewText.agent(version)) }
        if !card.description.isEmpty { out.agentText(card.description, .text, indent: 1, maxScalars: 4096) }
        let caps = card.capabilities
        var capabilities: [String] = []
        capabilities.append(caps.streaming ? "streaming" : "no streaming")
        if caps.pushNotifications { capabilities.append("push") }
        if caps.stateTransitionHistory { capabilities.append("history") }
        if caps.extendedAgentCard { capabilities.append("extended card") }
        for ext in caps.extensions.prefix(8) { capabilities.append("ext " + ViewText.agent(ext.uri)) }
        out.field("Can", capabilities.joined(separator: ", "))
        if !card.defaultInputModes.isEmpty || !card.defaultOutputModes.isEmpty {
            out.field("Modes", ViewText.agent(card.defaultInputModes.joined(separator: ",")) + " → " + ViewText.agent(card.defaultOutputModes.joined(separator: ",")))
        }
        let auth = card.securitySchemes.map(schemeText) + card.legacyAuthSchemes.map(ViewText.agent)
        out.field("Auth", auth.isEmpty ? "none declared" : auth.joined(separator: ", "))
        if !card.interfaces.isEmpty {
            out.section("Interfaces (\(card.interfaces.count))")
            for interface in card.interfaces.prefix(16) {
                var text = ViewText.agent(interface.binding.wireName)
                if let version = interface.protocolVersion { text += " " + ViewText.agent(version) }
                text += "  " + ViewText.agent(interface.url)
                out.agentText(text, interface.binding == .grpc ? .dim : .text, indent: 1, maxScalars: 1024)
            }
        }
        if !card.skills.isEmpty {
            out.section("Skills (\(card.skills.count))")
            for skill in card.skills {
                if out.isFull { return }
                out.add([
                    Span(" #" + ViewText.agent(skill.id), style: Style(.title)),
                    Span("  " + ViewText.agent(skill.name), style: Style(.text)),
                ])
                if !skill.description.isEmpty { out.agentText(skill.description, .dim, indent: 3, maxScalars: 2048) }
                if !skill.tags.isEmpty { out.agentText("tags: " + skill.tags.joined(separator: ", "), .dim, indent: 3, maxScalars: 1024) }
                for example in skill.examples.prefix(5) { out.agentText("e.g. " + example, .text, indent: 3, maxScalars: 1024) }
            }
        }
    }

    static func schemeText(_ scheme: SecurityScheme) -> String {
        let kind: String
        switch scheme.kind {
        case .apiKey(let location, let name): kind = "API key in \(location) \(name)"
        case .http(let s, let format): kind = "HTTP \(s)" + (format.map { " (\($0))" } ?? "")
        case .oauth2: kind = "OAuth2"
        case .openIDConnect: kind = "OpenID Connect"
        case .mutualTLS: kind = "mutual TLS"
        case .other(let other): kind = other
        }
        return ViewText.agent(scheme.name + ": " + kind)
    }
}
