/// Agent cards, one builder per dialect, member order as the reference servers print them.
public enum Card {
    static let providerURL = "https://agentdeck.invalid/fleet"

    static func skills(_ p: Personality, v1: Bool) -> JSON {
        .array(p.skills.map { s in
            .obj(("id", .string(s.id)), ("name", .string(s.name)), ("description", .string(s.description)),
                 ("tags", .array(s.tags.map(JSON.string))),
                 ("examples", s.examples.isEmpty ? nil : .array(s.examples.map(JSON.string))),
                 ("inputModes", v1 ? .array([.string("text/plain")]) : nil),
                 ("outputModes", v1 ? .array([.string("text/plain"), .string("application/json")]) : nil))
        })
    }

    /// A2A 1.0 card (`supportedInterfaces`, no `url`/`protocolVersion`), as a2a-sdk 1.x serves it.
    public static func v1(_ p: Personality, baseURL: String) -> JSON {
        var schemes: JSON?
        var requirements: JSON?
        switch p.security {
        case let .bearer(format)?:
            schemes = .object([("bearer", .object([("httpAuthSecurityScheme", .obj(("scheme", .string("bearer")), ("bearerFormat", .string(format))))]))])
            requirements = .array([.object([("schemes", .object([("bearer", .object([("list", .array([]))]))]))])])
        case let .apiKey(header)?:
            schemes = .object([("apiKey", .object([("apiKeySecurityScheme", .obj(("location", .string("header")), ("name", .string(header))))]))])
            requirements = .array([.object([("schemes", .object([("apiKey", .object([("list", .array([]))]))]))])])
        case nil:
            break
        }
        return .obj(("name", .string(p.name)),
                    ("description", .string(p.description)),
                    ("supportedInterfaces", .array([.obj(("url", .string(baseURL)), ("protocolBinding", .string("JSONRPC")),
                                                         ("protocolVersion", .string("1.0")))])),
                    ("provider", .obj(("url", .string(providerURL)), ("organization", .string(p.organization)))),
                    ("version", .string(p.version)),
                    ("capabilities", .obj(("streaming", .bool(true)), ("pushNotifications", .bool(false)))),
                    ("securitySchemes", schemes),
                    ("securityRequirements", requirements),
                    ("defaultInputModes", .array([.string("text/plain")])),
                    ("defaultOutputModes", .array([.string("text/plain"), .string("application/json")])),
                    ("skills", skills(p, v1: true)))
    }

    /// A2A 0.3 card (`protocolVersion: "0.3.0"`, `url`, `preferredTransport`), keys sorted like pydantic.
    public static func v03(_ p: Personality, baseURL: String) -> JSON {
        var schemes: JSON?
        var security: JSON?
        switch p.security {
        case let .bearer(format)?:
            schemes = .object([("bearer", .obj(("bearerFormat", .string(format)), ("scheme", .string("bearer")), ("type", .string("http"))))])
            security = .array([.object([("bearer", .array([]))])])
        case let .apiKey(header)?:
            schemes = .object([("apiKey", .obj(("in", .string("header")), ("name", .string(header)), ("type", .string("apiKey"))))])
            security = .array([.object([("apiKey", .array([]))])])
        case nil:
            break
        }
        return JSON.obj(("capabilities", .obj(("pushNotifications", .bool(false)), ("streaming", .bool(true)))),
                        ("defaultInputModes", .array([.string("text/plain")])),
                        ("defaultOutputModes", .array([.string("text/plain")])),
                        ("description", .string(p.description)),
                        ("name", .string(p.name)),
                        ("preferredTransport", .string("JSONRPC")),
                        ("protocolVersion", .string("0.3.0")),
                        ("provider", .obj(("organization", .string(p.organization)), ("url", .string(providerURL)))),
                        ("security", security),
                        ("securitySchemes", schemes),
                        ("skills", skills(p, v1: false)),
                        ("url", .string(baseURL)),
                        ("version", .string(p.version))).sortedKeys()
    }

    /// Blog-era card: no `protocolVersion`, `capabilities.stateTransitionHistory`, `authentication`.
    public static func v01(_ p: Personality, baseURL: String) -> JSON {
        .obj(("name", .string(p.name)),
             ("description", .string(p.description)),
             ("url", .string(baseURL)),
             ("provider", .obj(("organization", .string(p.organization)), ("url", .string(providerURL)))),
             ("version", .string(p.version)),
             ("capabilities", .obj(("streaming", .bool(true)), ("pushNotifications", .bool(false)),
                                   ("stateTransitionHistory", .bool(true)))),
             ("authentication", .obj(("schemes", .array([.string("public")])))),
             ("defaultInputModes", .array([.string("text")])),
             ("defaultOutputModes", .array([.string("text")])),
             ("skills", skills(p, v1: false)))
    }

    public static func json(for p: Personality, baseURL: String) -> JSON {
        switch p.dialect {
        case .v1: return v1(p, baseURL: baseURL)
        case .v03: return v03(p, baseURL: baseURL)
        case .v01: return v01(p, baseURL: baseURL)
        }
    }

    /// The well-known paths an agent of this dialect serves its card on.
    public static func paths(for dialect: Dialect) -> [String] {
        switch dialect {
        case .v1: return ["/.well-known/agent-card.json"]
        case .v03: return ["/.well-known/agent-card.json", "/.well-known/agent.json"]
        case .v01: return ["/.well-known/agent.json"]
        }
    }

    /// The path printed on stdout as the agent's card URL.
    public static func primaryPath(for dialect: Dialect) -> String {
        dialect == .v01 ? "/.well-known/agent.json" : "/.well-known/agent-card.json"
    }
}
