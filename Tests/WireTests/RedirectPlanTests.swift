import Testing
@testable import Wire

struct RedirectPlanTests {
    let origin = Origin(url: "https://agent.example")
    func request(_ method: String = "GET", body: [UInt8]? = nil, policy: RedirectPolicy = .follow(max: 2)) -> HTTPRequest {
        HTTPRequest(
            url: "https://agent.example/a", method: method,
            headers: [HTTPHeader("Authorization", "Bearer t"), HTTPHeader("Cookie", "c=1"),
                      HTTPHeader("X-Key", "k", isCredential: true), HTTPHeader("Accept", "*/*"),
                      HTTPHeader("Content-Type", "application/json")],
            body: body, redirects: policy)
    }

    @Test func reportPolicyNeverFollows() {
        #expect(RedirectPlan.next(after: request(policy: .report), status: 302, target: "https://agent.example/b", hopsSoFar: 0, credentialOrigin: origin) == nil)
    }

    @Test func crossOriginStripsEveryCredential() throws {
        let next = try #require(RedirectPlan.next(after: request(), status: 302, target: "https://cdn.example/b", hopsSoFar: 0, credentialOrigin: origin))
        #expect(next.url == "https://cdn.example/b")
        #expect(next.headers.map(\.name) == ["Accept", "Content-Type"])
    }

    @Test func downgradeToHttpIsAnotherOrigin() throws {
        let next = try #require(RedirectPlan.next(after: request(), status: 301, target: "http://agent.example/b", hopsSoFar: 0, credentialOrigin: origin))
        #expect(!next.headers.contains { $0.name == "Authorization" })
    }

    @Test func sameOriginKeepsCredentials() throws {
        let next = try #require(RedirectPlan.next(after: request(), status: 308, target: "https://agent.example/c", hopsSoFar: 1, credentialOrigin: origin))
        #expect(next.headers.count == 5)
    }

    @Test func limitsAndNonRedirects() {
        #expect(RedirectPlan.next(after: request(), status: 302, target: "https://agent.example/b", hopsSoFar: 2, credentialOrigin: origin) == nil)
        #expect(RedirectPlan.next(after: request(), status: 304, target: "https://agent.example/b", hopsSoFar: 0, credentialOrigin: origin) == nil)
        #expect(RedirectPlan.next(after: request(), status: 302, target: nil, hopsSoFar: 0, credentialOrigin: origin) == nil)
        #expect(RedirectPlan.next(after: request(), status: 302, target: "file:///etc/passwd", hopsSoFar: 0, credentialOrigin: origin) == nil)
    }

    @Test func methodRewrites() throws {
        let post = request("POST", body: [1])
        let after303 = try #require(RedirectPlan.next(after: post, status: 303, target: "https://agent.example/b", hopsSoFar: 0, credentialOrigin: origin))
        #expect(after303.method == "GET")
        #expect(after303.body == nil)
        #expect(!after303.headers.contains { $0.name == "Content-Type" })
        let after302 = try #require(RedirectPlan.next(after: post, status: 302, target: "https://agent.example/b", hopsSoFar: 0, credentialOrigin: origin))
        #expect(after302.method == "GET")
        let after307 = try #require(RedirectPlan.next(after: post, status: 307, target: "https://agent.example/b", hopsSoFar: 0, credentialOrigin: origin))
        #expect(after307.method == "POST")
        #expect(after307.body == [1])
    }
}

extension HTTPRequest: Equatable {
    public static func == (lhs: HTTPRequest, rhs: HTTPRequest) -> Bool {
        lhs.url == rhs.url && lhs.method == rhs.method && lhs.headers == rhs.headers && lhs.body == rhs.body
    }
}
