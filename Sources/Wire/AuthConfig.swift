/// How to authenticate to one agent. The config names ENVIRONMENT VARIABLES, never secret
/// values, so a config file can be committed and shared; the values are read at run time.
///
///     auth: { bearerTokenEnv: PRICING_TOKEN }
///     auth: { apiKeyHeader: X-API-Key, apiKeyEnv: PRICING_KEY }
///     auth: { headersFromEnv: { X-Tenant-Key: TENANT_KEY } }
///
/// Resolved headers go only to the agent's own origin (scheme + host + port).
public struct AuthConfig: Sendable, Equatable, Codable {
    /// Variable holding a bearer token, sent as `Authorization: Bearer <token>`.
    public var bearerTokenEnv: String?
    /// Header name for an API key (e.g. `X-API-Key`), with `apiKeyEnv` holding its value.
    public var apiKeyHeader: String?
    public var apiKeyEnv: String?
    /// Extra header name → variable holding its value.
    public var headersFromEnv: [String: String]

    public init(
        bearerTokenEnv: String? = nil, apiKeyHeader: String? = nil, apiKeyEnv: String? = nil,
        headersFromEnv: [String: String] = [:]
    ) {
        self.bearerTokenEnv = bearerTokenEnv
        self.apiKeyHeader = apiKeyHeader
        self.apiKeyEnv = apiKeyEnv
        self.headersFromEnv = headersFromEnv
    }

    enum CodingKeys: String, CodingKey {
        case bearerTokenEnv, apiKeyHeader, apiKeyEnv, headersFromEnv
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        bearerTokenEnv = try container.decodeIfPresent(String.self, forKey: .bearerTokenEnv)
        apiKeyHeader = try container.decodeIfPresent(String.self, forKey: .apiKeyHeader)
        apiKeyEnv = try container.decodeIfPresent(String.self, forKey: .apiKeyEnv)
        headersFromEnv = try container.decodeIfPresent([String: String].self, forKey: .headersFromEnv) ?? [:]
    }

    /// Why credentials could not be built. Names variables, never values.
    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        case missingVariable(String)
        case apiKeyIncomplete

        public var description: String {
            switch self {
            case .missingVariable(let name): return "environment variable \(name) is not set or empty"
            case .apiKeyIncomplete: return "auth: apiKeyHeader and apiKeyEnv must be given together"
            }
        }
    }

    public var isEmpty: Bool {
        bearerTokenEnv == nil && apiKeyHeader == nil && apiKeyEnv == nil && headersFromEnv.isEmpty
    }

    /// The credential headers, in a stable order (bearer, API key, then the others by name).
    public func resolve(environment: [String: String]) -> Result<[HTTPHeader], Problem> {
        var wanted: [(header: String, variable: String, prefix: String)] = []
        if let variable = bearerTokenEnv {
            wanted.append(("Authorization", variable, "Bearer "))
        }
        switch (apiKeyHeader, apiKeyEnv) {
        case (let name?, let variable?):
            wanted.append((name, variable, ""))
        case (nil, nil):
            break
        default:
            return .failure(.apiKeyIncomplete)
        }
        for (name, variable) in headersFromEnv.sorted(by: { $0.key < $1.key }) {
            wanted.append((name, variable, ""))
        }
        var headers: [HTTPHeader] = []
        for entry in wanted {
            guard let value = environment[entry.variable], !value.isEmpty else {
                return .failure(.missingVariable(entry.variable))
            }
            headers.append(HTTPHeader(entry.header, entry.prefix + value, isCredential: true))
        }
        return .success(headers)
    }

    /// Credential headers for a request to `url`: the resolved headers when `url` belongs to
    /// `agentOrigin`, none otherwise (a card may point elsewhere; the token stays home).
    public func headers(
        forRequestTo url: String, agentOrigin: Origin, environment: [String: String]
    ) -> Result<[HTTPHeader], Problem> {
        guard agentOrigin.contains(url: url) else { return .success([]) }
        return resolve(environment: environment)
    }

    /// The secret values in use, for a `Redactor`.
    public func secrets(environment: [String: String]) -> [String] {
        var variables = [bearerTokenEnv, apiKeyEnv].compactMap { $0 }
        variables += headersFromEnv.values
        return variables.compactMap { environment[$0] }.filter { !$0.isEmpty }
    }
}
