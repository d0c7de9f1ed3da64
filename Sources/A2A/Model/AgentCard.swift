/// An agent card, normalized across dialects. `raw` keeps the JSON as received for the raw view and
/// for field-by-field diffs between polls.
public struct AgentCard: Sendable, Hashable {
    public var name: String
    public var description: String
    public var version: String?
    /// Top-level `protocolVersion` (0.2/0.3 cards); V1 cards carry it per interface instead.
    public var protocolVersion: String?
    /// The main endpoint of 0.x cards (`url`).
    public var url: String?
    /// 0.3 `preferredTransport`.
    public var preferredTransport: String?
    /// V1 `supportedInterfaces` (first = preferred), or 0.3 `url` + `additionalInterfaces` mapped here.
    public var interfaces: [AgentInterface]
    public var provider: AgentProvider?
    public var documentationURL: String?
    public var iconURL: String?
    public var capabilities: AgentCapabilities
    public var defaultInputModes: [String]
    public var defaultOutputModes: [String]
    public var skills: [AgentSkill]
    public var securitySchemes: [SecurityScheme]
    /// Each requirement maps a scheme name to its scopes; any one requirement suffices.
    public var securityRequirements: [[String: [String]]]
    /// 0.1 `authentication.schemes` (e.g. `["Bearer"]`).
    public var legacyAuthSchemes: [String]
    /// The card as received.
    public var raw: JSONValue

    public init(
        name: String, description: String = "", version: String? = nil, protocolVersion: String? = nil,
        url: String? = nil, preferredTransport: String? = nil, interfaces: [AgentInterface] = [],
        provider: AgentProvider? = nil, documentationURL: String? = nil, iconURL: String? = nil,
        capabilities: AgentCapabilities = .init(), defaultInputModes: [String] = [], defaultOutputModes: [String] = [],
        skills: [AgentSkill] = [], securitySchemes: [SecurityScheme] = [], securityRequirements: [[String: [String]]] = [],
        legacyAuthSchemes: [String] = [], raw: JSONValue = .null
    ) {
        self.name = name
        self.description = description
        self.version = version
        self.protocolVersion = protocolVersion
        self.url = url
        self.preferredTransport = preferredTransport
        self.interfaces = interfaces
        self.provider = provider
        self.documentationURL = documentationURL
        self.iconURL = iconURL
        self.capabilities = capabilities
        self.defaultInputModes = defaultInputModes
        self.defaultOutputModes = defaultOutputModes
        self.skills = skills
        self.securitySchemes = securitySchemes
        self.securityRequirements = securityRequirements
        self.legacyAuthSchemes = legacyAuthSchemes
        self.raw = raw
    }
}

public struct AgentInterface: Sendable, Hashable {
    public var url: String
    public var binding: ProtocolBinding
    public var protocolVersion: String?
    public var tenant: String?

    public init(url: String, binding: ProtocolBinding, protocolVersion: String? = nil, tenant: String? = nil) {
        self.url = url
        self.binding = binding
        self.protocolVersion = protocolVersion
        self.tenant = tenant
    }
}

public struct AgentProvider: Sendable, Hashable {
    public var organization: String
    public var url: String?
    public init(organization: String, url: String? = nil) {
        self.organization = organization
        self.url = url
    }
}

public struct AgentCapabilities: Sendable, Hashable {
    /// Missing booleans are false (PROTOCOL.md §2).
    public var streaming: Bool
    public var pushNotifications: Bool
    public var stateTransitionHistory: Bool
    public var extendedAgentCard: Bool
    public var extensions: [AgentExtension]

    public init(
        streaming: Bool = false, pushNotifications: Bool = false, stateTransitionHistory: Bool = false,
        extendedAgentCard: Bool = false, extensions: [AgentExtension] = []
    ) {
        self.streaming = streaming
        self.pushNotifications = pushNotifications
        self.stateTransitionHistory = stateTransitionHistory
        self.extendedAgentCard = extendedAgentCard
        self.extensions = extensions
    }
}

public struct AgentExtension: Sendable, Hashable {
    public var uri: String
    public var description: String?
    public var required: Bool
    public var params: JSONValue?
    public init(uri: String, description: String? = nil, required: Bool = false, params: JSONValue? = nil) {
        self.uri = uri
        self.description = description
        self.required = required
        self.params = params
    }
}

public struct AgentSkill: Sendable, Hashable {
    public var id: String
    public var name: String
    public var description: String
    public var tags: [String]
    public var examples: [String]
    public var inputModes: [String]
    public var outputModes: [String]

    public init(
        id: String, name: String, description: String = "", tags: [String] = [], examples: [String] = [],
        inputModes: [String] = [], outputModes: [String] = []
    ) {
        self.id = id
        self.name = name
        self.description = description
        self.tags = tags
        self.examples = examples
        self.inputModes = inputModes
        self.outputModes = outputModes
    }
}

/// A named security scheme from the card (V1 oneof-style or 0.3 OpenAPI-style).
public struct SecurityScheme: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// API key sent in `location` ("header", "query", "cookie") under `name`.
        case apiKey(location: String, name: String)
        /// HTTP auth, e.g. scheme "bearer" with an optional bearer format.
        case http(scheme: String, bearerFormat: String?)
        case oauth2
        case openIDConnect(url: String?)
        case mutualTLS
        case other(String)
    }

    public var name: String
    public var kind: Kind
    public var description: String?

    public init(name: String, kind: Kind, description: String? = nil) {
        self.name = name
        self.kind = kind
        self.description = description
    }
}
