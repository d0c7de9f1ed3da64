/// Reads an agent card of any dialect into one `AgentCard` (PROTOCOL.md §2):
/// - V1: `supportedInterfaces`, oneof-style `securitySchemes`, `securityRequirements`;
/// - 0.3/0.2: top-level `url`, `preferredTransport`, `additionalInterfaces`, `protocolVersion`,
///   OpenAPI-style `securitySchemes` with `security`;
/// - 0.1: `authentication.schemes`, `capabilities.stateTransitionHistory`;
/// - compat cards carry both sets; both are read.
enum CardDecoder {
    static func decode(_ bytes: [UInt8]) throws(A2AFailure) -> AgentCard {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            throw .malformed("agent card is not JSON: \(error.description)")
        }
        return try decode(value)
    }

    static func decode(_ value: JSONValue) throws(A2AFailure) -> AgentCard {
        guard let o = value.objectValue else { throw .malformed("agent card is \(value.typeName), expected an object") }
        let interfaces = self.interfaces(o)
        let name = o.string("name")
        guard name != nil || !interfaces.isEmpty else {
            throw .malformed("agent card has no name and no endpoint (keys: \(o.keyList))")
        }
        guard !interfaces.isEmpty else {
            throw .malformed("agent card '\(name ?? "")' has no endpoint: neither 'supportedInterfaces' nor 'url'")
        }
        let capabilities = o.object("capabilities") ?? JSONObject()
        let auth = o.object("authentication")
        return AgentCard(
            name: name ?? "unnamed agent",
            description: o["description"]?.rawString ?? "",
            version: o.string("version"),
            protocolVersion: o.string("protocolVersion"),
            url: o.string("url"),
            preferredTransport: o.string("preferredTransport"),
            interfaces: interfaces,
            provider: o.object("provider").flatMap { p in
                p.string("organization").map { AgentProvider(organization: $0, url: p.string("url")) }
            },
            documentationURL: o.string("documentationUrl", "documentationURL"),
            iconURL: o.string("iconUrl", "iconURL"),
            capabilities: AgentCapabilities(
                streaming: capabilities.flag("streaming"),
                pushNotifications: capabilities.flag("pushNotifications"),
                stateTransitionHistory: capabilities.flag("stateTransitionHistory"),
                extendedAgentCard: capabilities.flag("extendedAgentCard") || o.flag("supportsAuthenticatedExtendedCard"),
                extensions: capabilities.array("extensions").compactMap { $0.objectValue.flatMap(agentExtension) }
            ),
            defaultInputModes: o.strings("defaultInputModes"),
            defaultOutputModes: o.strings("defaultOutputModes"),
            skills: o.array("skills").compactMap { $0.objectValue.flatMap(skill) },
            securitySchemes: securitySchemes(o),
            securityRequirements: securityRequirements(o),
            legacyAuthSchemes: auth?.strings("schemes") ?? [],
            raw: value
        )
    }

    /// V1 `supportedInterfaces` when present; otherwise 0.x `url` (with `preferredTransport`) then
    /// `additionalInterfaces`, each carrying the card's top-level `protocolVersion`.
    static func interfaces(_ o: JSONObject) -> [AgentInterface] {
        let supported = o.array("supportedInterfaces").compactMap { value -> AgentInterface? in
            guard let i = value.objectValue, let url = i.string("url") else { return nil }
            return AgentInterface(
                url: url,
                binding: ProtocolBinding(wireName: i.string("protocolBinding", "transport") ?? "JSONRPC"),
                protocolVersion: i.string("protocolVersion"),
                tenant: i.string("tenant")
            )
        }
        if !supported.isEmpty { return supported }
        var result: [AgentInterface] = []
        let version = o.string("protocolVersion")
        if let url = o.string("url") {
            result.append(AgentInterface(url: url, binding: ProtocolBinding(wireName: o.string("preferredTransport") ?? "JSONRPC"), protocolVersion: version))
        }
        for value in o.array("additionalInterfaces") {
            guard let i = value.objectValue, let url = i.string("url") else { continue }
            let candidate = AgentInterface(url: url, binding: ProtocolBinding(wireName: i.string("transport", "protocolBinding") ?? "JSONRPC"), protocolVersion: version)
            if !result.contains(candidate) { result.append(candidate) }
        }
        return result
    }

    static func agentExtension(_ o: JSONObject) -> AgentExtension? {
        guard let uri = o.string("uri") else { return nil }
        return AgentExtension(uri: uri, description: o.string("description"), required: o.flag("required"), params: o.kept("params"))
    }

    static func skill(_ o: JSONObject) -> AgentSkill? {
        guard let id = o.string("id") ?? o.string("name") else { return nil }
        return AgentSkill(
            id: id, name: o.string("name") ?? id, description: o["description"]?.rawString ?? "",
            tags: o.strings("tags"), examples: o.strings("examples"),
            inputModes: o.strings("inputModes"), outputModes: o.strings("outputModes")
        )
    }

    /// In key order, V1 oneof-style or 0.3 OpenAPI-style.
    static func securitySchemes(_ o: JSONObject) -> [SecurityScheme] {
        guard let schemes = o.object("securitySchemes") else { return [] }
        return schemes.pairs.compactMap { name, value in
            value.objectValue.map { securityScheme(name: name, $0) }
        }
    }

    static func securityScheme(name: String, _ o: JSONObject) -> SecurityScheme {
        if let k = o.object("apiKeySecurityScheme") {
            return SecurityScheme(name: name, kind: .apiKey(location: k.string("location", "in") ?? "header", name: k.string("name") ?? ""), description: k.string("description"))
        }
        if let h = o.object("httpAuthSecurityScheme") {
            return SecurityScheme(name: name, kind: .http(scheme: h.string("scheme") ?? "bearer", bearerFormat: h.string("bearerFormat")), description: h.string("description"))
        }
        if let x = o.object("oauth2SecurityScheme") {
            return SecurityScheme(name: name, kind: .oauth2, description: x.string("description"))
        }
        if let x = o.object("openIdConnectSecurityScheme") {
            return SecurityScheme(name: name, kind: .openIDConnect(url: x.string("openIdConnectUrl")), description: x.string("description"))
        }
        if let x = o.object("mtlsSecurityScheme", "mutualTlsSecurityScheme") {
            return SecurityScheme(name: name, kind: .mutualTLS, description: x.string("description"))
        }
        let description = o.string("description")
        switch o.string("type")?.lowercased() {
        case "apikey":
            return SecurityScheme(name: name, kind: .apiKey(location: o.string("in", "location") ?? "header", name: o.string("name") ?? ""), description: description)
        case "http":
            return SecurityScheme(name: name, kind: .http(scheme: o.string("scheme") ?? "bearer", bearerFormat: o.string("bearerFormat")), description: description)
        case "oauth2":
            return SecurityScheme(name: name, kind: .oauth2, description: description)
        case "openidconnect":
            return SecurityScheme(name: name, kind: .openIDConnect(url: o.string("openIdConnectUrl")), description: description)
        case "mutualtls", "mtls":
            return SecurityScheme(name: name, kind: .mutualTLS, description: description)
        case let other:
            return SecurityScheme(name: name, kind: .other(other ?? o.keys.first ?? "unknown"), description: description)
        }
    }

    /// V1 `securityRequirements: [{schemes:{name:{list:[scopes]}}}]` and 0.3 `security: [{name:[scopes]}]`.
    static func securityRequirements(_ o: JSONObject) -> [[String: [String]]] {
        var result: [[String: [String]]] = []
        for value in o.array("securityRequirements") + o.array("security") {
            guard let entry = value.objectValue else { continue }
            let schemes = entry.object("schemes") ?? entry
            var requirement: [String: [String]] = [:]
            for (name, scopes) in schemes.pairs {
                if let list = scopes.arrayValue {
                    requirement[name] = list.compactMap(\.stringValue)
                } else if let wrapped = scopes.objectValue {
                    requirement[name] = wrapped.strings("list")
                } else {
                    requirement[name] = []
                }
            }
            if !requirement.isEmpty && !result.contains(requirement) { result.append(requirement) }
        }
        return result
    }
}
