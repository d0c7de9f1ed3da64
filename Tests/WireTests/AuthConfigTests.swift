import Foundation
import Testing
@testable import Wire

struct AuthConfigTests {
    let environment = ["PRICING_TOKEN": "tok-1", "PRICING_KEY": "key-2", "TENANT": "t-3", "EMPTY": ""]
    let agent = Origin(scheme: "https", host: "pricing.example", port: 443)

    @Test func bearerApiKeyAndCustomHeadersComeFromTheEnvironment() throws {
        let config = AuthConfig(
            bearerTokenEnv: "PRICING_TOKEN", apiKeyHeader: "X-API-Key", apiKeyEnv: "PRICING_KEY",
            headersFromEnv: ["X-Tenant": "TENANT"])
        let headers = try config.resolve(environment: environment).get()
        #expect(headers == [
            HTTPHeader("Authorization", "Bearer tok-1", isCredential: true),
            HTTPHeader("X-API-Key", "key-2", isCredential: true),
            HTTPHeader("X-Tenant", "t-3", isCredential: true),
        ])
        #expect(Set(config.secrets(environment: environment)) == ["tok-1", "key-2", "t-3"])
    }

    @Test func headersOnlyForTheAgentsOwnOrigin() throws {
        let config = AuthConfig(bearerTokenEnv: "PRICING_TOKEN")
        #expect(try config.headers(forRequestTo: "https://pricing.example/a2a", agentOrigin: agent, environment: environment).get().count == 1)
        #expect(try config.headers(forRequestTo: "https://elsewhere.example/a2a", agentOrigin: agent, environment: environment).get().isEmpty)
        #expect(try config.headers(forRequestTo: "http://pricing.example/a2a", agentOrigin: agent, environment: environment).get().isEmpty)
    }

    @Test func missingOrEmptyVariableIsNamedNotValued() {
        let missing = AuthConfig(bearerTokenEnv: "NOPE")
        #expect(missing.resolve(environment: environment).failure == .missingVariable("NOPE"))
        let empty = AuthConfig(headersFromEnv: ["X-A": "EMPTY"])
        #expect(empty.resolve(environment: environment).failure == .missingVariable("EMPTY"))
        #expect(AuthConfig.Problem.missingVariable("NOPE").description.contains("NOPE"))
    }

    @Test func apiKeyNeedsBothHalves() {
        #expect(AuthConfig(apiKeyHeader: "X-API-Key").resolve(environment: environment).failure == .apiKeyIncomplete)
        #expect(AuthConfig(apiKeyEnv: "PRICING_KEY").resolve(environment: environment).failure == .apiKeyIncomplete)
    }

    @Test func decodesFromConfigJSONWithOptionalKeys() throws {
        let config = try JSONDecoder().decode(AuthConfig.self, from: Data(#"{"bearerTokenEnv":"PRICING_TOKEN"}"#.utf8))
        #expect(config == AuthConfig(bearerTokenEnv: "PRICING_TOKEN"))
        #expect(!config.isEmpty)
        #expect(try JSONDecoder().decode(AuthConfig.self, from: Data("{}".utf8)).isEmpty)
    }
}
