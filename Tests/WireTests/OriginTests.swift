import Testing
@testable import Wire

struct OriginTests {
    @Test func defaultPortsAreExplicit() throws {
        let origin = try #require(Origin(url: "https://Agent.Example.com/a2a"))
        #expect(origin == Origin(scheme: "https", host: "agent.example.com", port: 443))
        #expect(Origin(url: "https://agent.example.com:443/x") == origin)
        #expect(Origin(url: "http://agent.example.com")?.port == 80)
        #expect(origin.description == "https://agent.example.com")
        #expect(Origin(url: "http://127.0.0.1:8080/")?.description == "http://127.0.0.1:8080")
    }

    @Test(arguments: [
        ("https://agent.example/card", "https://agent.example/rpc", true),
        ("https://agent.example", "https://AGENT.example:443/x?y=1", true),
        ("https://agent.example", "http://agent.example", false),
        ("https://agent.example", "https://agent.example:8443", false),
        ("https://agent.example", "https://evil.example", false),
        ("https://agent.example", "https://agent.example.evil.example", false),
        ("https://agent.example", "https://agent.example@evil.example/", false),
        ("http://127.0.0.1:41241", "http://127.0.0.1:41242/", false),
        ("http://[::1]:80/", "http://[::1]/a", true),
        ("https://agent.example", "/relative/path", false),
        ("https://agent.example", "not a url", false),
    ])
    func sameOriginCheck(agent: String, url: String, same: Bool) throws {
        let origin = try #require(Origin(url: agent))
        #expect(origin.contains(url: url) == same)
    }

    @Test func unknownSchemeWithoutPortHasNoOrigin() {
        #expect(Origin(url: "gopher://host/") == nil)
        #expect(Origin(url: "mailto:someone@example.com") == nil)
        #expect(Origin(url: "ftp://host:21/") != nil)
    }
}
