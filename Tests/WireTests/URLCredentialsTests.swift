import Testing
@testable import Wire

@Suite struct URLCredentialsTests {
    @Test func passwordsAndSecretQueryValuesAreFoundAndMasked() {
        let url = "https://ops:hunter2@agents.example/a2a?api_key=K-123&tenant=blue&Access-Token=zz9"
        #expect(Set(URLCredentials.secrets(in: url)) == ["hunter2", "ops:hunter2", "K-123", "zz9"])
        let shown = URLCredentials.redacted(url)
        #expect(shown == "https://***@agents.example/a2a?api_key=***&tenant=blue&Access-Token=***")
    }

    @Test func ordinaryURLsAreLeftAlone() {
        for url in ["http://127.0.0.1:9001", "https://agents.example/card.json?version=2", "not a url at all"] {
            #expect(URLCredentials.secrets(in: url).isEmpty)
            #expect(URLCredentials.redacted(url) == url)
        }
    }

    @Test func theTargetScrubsURLCredentialsFromErrors() {
        let target = AgentTarget(url: "http://ops:hunter2@127.0.0.1:9/?token=abc123")
        let redactor = Redactor(secrets: target.secrets)
        #expect(redactor.redact("GET http://ops:hunter2@127.0.0.1:9/?token=abc123 failed") == "GET http://***@127.0.0.1:9/?token=*** failed")
    }
}
