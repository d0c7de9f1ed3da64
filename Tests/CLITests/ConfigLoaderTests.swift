import Testing
import Wire
@testable import AgentDeckCLI

@Suite struct ConfigLoaderTests {
    @Test func readsAgentsWithAuthByEnvironmentName() throws {
        let config = try ConfigLoader.parse("""
            pollInterval: 2.5
            theme: light
            retainFinishedTasks: 50
            runningArtifactMegabytes: 4
            agents:
              - http://127.0.0.1:9001
              - url: https://pricing.example/
                name: Pricing
                readOnly: true
                insecure: true
                auth:
                  bearerTokenEnv: PRICING_TOKEN
                  apiKeyHeader: X-Key
                  apiKeyEnv: PRICING_KEY
                  headers:
                    X-Tenant: TENANT_ID
            """)
        #expect(config.pollInterval == 2.5)
        #expect(config.theme == "light")
        #expect(config.retainFinishedTasks == 50)
        #expect(config.runningArtifactMegabytes == 4)
        #expect(try ConfigLoader.parse("agents: []").runningArtifactMegabytes == 16)
        #expect(throws: ConfigError.self) { try ConfigLoader.parse("runningArtifactMegabytes: 0") }
        #expect(config.agents.count == 2)
        #expect(config.agents[0] == ConsoleAgent(url: "http://127.0.0.1:9001"))
        let pricing = config.agents[1]
        #expect(pricing.name == "Pricing")
        #expect(pricing.readOnly && pricing.insecure)
        #expect(pricing.auth.bearerTokenEnv == "PRICING_TOKEN")
        #expect(pricing.auth.apiKeyHeader == "X-Key")
        #expect(pricing.auth.headersFromEnv == ["X-Tenant": "TENANT_ID"])
    }

    @Test func literalSecretsAreRefusedWithTheLine() {
        #expect {
            _ = try ConfigLoader.parse("agents:\n  - url: http://a\n    auth:\n      bearerToken: abc123\n", path: "c.yaml")
        } throws: { error in
            let e = error as? ConfigError
            return e?.line == 4 && e?.reason.contains("environment variable") == true
                && e?.description.hasPrefix("c.yaml:4:") == true
        }
    }

    @Test func unknownKeysAndBadValuesNameFileAndLine() {
        #expect(throws: ConfigError(path: "x.yaml", line: 2, reason: "unknown setting 'readonly' (known: agents, pollInterval, theme, readOnly, retainFinishedTasks, runningArtifactMegabytes, healthWindow, healthInterval, keys, mouse, saveDirectory, journal)")) {
            try ConfigLoader.parse("theme: dark\nreadonly: true\n", path: "x.yaml")
        }
        #expect(throws: ConfigError.self) { try ConfigLoader.parse("readOnly: maybe\n") }
        #expect(throws: ConfigError.self) { try ConfigLoader.parse("agents:\n  - url: ftp://x\n") }
        #expect(throws: ConfigError.self) { try ConfigLoader.parse("pollInterval: 0\n") }
    }

    @Test func brokenYAMLGivesALine() {
        #expect {
            try ConfigLoader.parse("agents:\n  - url: http://a\n   name: [unclosed\n", path: "b.yaml")
        } throws: { error in
            guard let e = error as? ConfigError else { return false }
            return e.line != nil && e.reason.hasPrefix("not valid YAML")
        }
    }

    @Test func emptyFileIsEmptyConfig() throws {
        #expect(try ConfigLoader.parse("") == ConsoleConfig())
    }

    @Test func defaultPathFollowsXDG() {
        #expect(ConfigLoader.defaultPath(environment: ["XDG_CONFIG_HOME": "/x"]) == "/x/agentdeck/config.yaml")
        #expect(ConfigLoader.defaultPath(environment: ["HOME": "/home/op"]) == "/home/op/.config/agentdeck/config.yaml")
    }

    @Test func healthWindowAndIntervalAreReadAndBounded() throws {
        let config = try ConfigLoader.parse("healthWindow: 3600\nhealthInterval: 60\nagents: [http://127.0.0.1:9001]\n")
        #expect(config.healthWindow == 3600)
        #expect(config.healthInterval == 60)
        #expect(throws: ConfigError.self) { try ConfigLoader.parse("healthWindow: 5\n") }
        #expect(throws: ConfigError.self) { try ConfigLoader.parse("healthInterval: 0\n") }
    }
}
