import Testing
@testable import Wire

struct RedactorTests {
    @Test func masksEveryOccurrence() {
        let redactor = Redactor(secrets: ["tok-123"])
        #expect(redactor.redact("a tok-123 b tok-123") == "a *** b ***")
        #expect(redactor.redact("nothing here") == "nothing here")
    }

    @Test func longerSecretsWinOverTheirPrefixes() {
        let redactor = Redactor(secrets: ["abc", "abcdef"])
        #expect(redactor.redact("x abcdef y abc") == "x *** y ***")
    }

    @Test func percentEncodedFormIsMaskedToo() {
        let redactor = Redactor(secrets: ["a/b+c=="])
        #expect(redactor.redact("GET /x?key=a%2Fb%2Bc%3D%3D failed") == "GET /x?key=*** failed")
    }

    @Test func emptySecretsAreIgnored() {
        let redactor = Redactor(secrets: ["", ""])
        #expect(redactor.isEmpty)
        #expect(redactor.redact("text") == "text")
    }

    @Test func requestSecretsIncludeTheBareBearerToken() {
        let request = HTTPRequest(url: "http://127.0.0.1/", headers: [
            HTTPHeader("Authorization", "Bearer zz-token"),
            HTTPHeader("X-Key", "k1", isCredential: true),
            HTTPHeader("Accept", "application/json"),
        ])
        #expect(Set(request.secrets) == ["Bearer zz-token", "zz-token", "k1"])
        let redactor = Redactor(secrets: request.secrets)
        #expect(redactor.redact("token zz-token rejected; application/json") == "token *** rejected; application/json")
    }
}
