import A2A

/// Human-readable text of a normalized card, for `agentdeck card URL`.
enum CardSummary {
    static func text(_ card: AgentCard, endpoint: Endpoint?, cardURL: String) -> String {
        var lines: [String] = []
        lines.append("\(card.name)\(card.version.map { "  v\($0)" } ?? "")")
        if !card.description.isEmpty { lines.append("  \(card.description)") }
        lines.append("card:       \(cardURL)")
        if let endpoint {
            lines.append("endpoint:   \(endpoint.url)  (A2A \(endpoint.dialect), \(endpoint.binding.wireName))")
        }
        if let provider = card.provider {
            lines.append("provider:   \(provider.organization)\(provider.url.map { "  \($0)" } ?? "")")
        }
        let caps = card.capabilities
        var capabilityNames: [String] = []
        if caps.streaming { capabilityNames.append("streaming") }
        if caps.pushNotifications { capabilityNames.append("push notifications") }
        if caps.stateTransitionHistory { capabilityNames.append("state history") }
        if caps.extendedAgentCard { capabilityNames.append("extended card") }
        lines.append("capabilities: \(capabilityNames.isEmpty ? "none" : capabilityNames.joined(separator: ", "))")
        for ext in caps.extensions {
            lines.append("  extension \(ext.uri)\(ext.required ? " (required)" : "")")
        }
        if !card.interfaces.isEmpty {
            lines.append("interfaces:")
            for i in card.interfaces {
                lines.append("  \(i.binding.wireName) \(i.protocolVersion ?? "?")  \(i.url)")
            }
        }
        if !card.securitySchemes.isEmpty || !card.legacyAuthSchemes.isEmpty {
            lines.append("auth:")
            for scheme in card.securitySchemes { lines.append("  \(scheme.name): \(describe(scheme.kind))") }
            for scheme in card.legacyAuthSchemes { lines.append("  \(scheme) (0.1 authentication)") }
        }
        lines.append("skills (\(card.skills.count)):")
        for skill in card.skills {
            lines.append("  #\(skill.id)  \(skill.name)\(skill.tags.isEmpty ? "" : "  [\(skill.tags.joined(separator: ", "))]")")
            if !skill.description.isEmpty { lines.append("      \(skill.description)") }
            for example in skill.examples.prefix(3) { lines.append("      e.g. \(example)") }
        }
        return lines.joined(separator: "\n")
    }

    static func describe(_ kind: SecurityScheme.Kind) -> String {
        switch kind {
        case .apiKey(let location, let name): "API key in \(location) '\(name)'"
        case .http(let scheme, let format): "HTTP \(scheme)\(format.map { " (\($0))" } ?? "")"
        case .oauth2: "OAuth 2"
        case .openIDConnect(let url): "OpenID Connect\(url.map { " \($0)" } ?? "")"
        case .mutualTLS: "mutual TLS"
        case .other(let s): s
        }
    }
}
