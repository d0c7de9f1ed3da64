import Foundation
import Testing
@testable import Wire

/// Redirects never carry credentials to another origin (the fixture's two servers are two origins).
struct HTTPEngineRedirectTests {
    let server: FixtureServer
    let engine = HTTPEngine()

    init() throws {
        server = try FixtureServer.get()
    }

    var credentialHeaders: [HTTPHeader] {
        [
            HTTPHeader("Authorization", "Bearer s3cret-token"),
            HTTPHeader("X-Api-Key", "key-42", isCredential: true),
            HTTPHeader("X-Plain", "visible"),
        ]
    }

    func redirect(to target: String, code: Int = 302) -> String {
        let encoded = target.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? target
        return server.base + "/redirect?code=\(code)&to=" + encoded
    }

    @Test func byDefaultARedirectIsReportedNotFollowed() async throws {
        let target = server.other + "/echo"
        let response = try await engine.perform(HTTPRequest(url: redirect(to: target), headers: credentialHeaders)).get()
        #expect(response.status == 302)
        #expect(response.head.location == target)
        #expect(response.redirectsFollowed == 0)
        engine.shutdown()
    }

    @Test func crossOriginRedirectDropsCredentials() async throws {
        let request = HTTPRequest(url: redirect(to: server.other + "/echo"), headers: credentialHeaders, redirects: .follow(max: 3))
        let response = try await engine.perform(request).get()
        let echo = try Echo(response)
        #expect(response.url == server.other + "/echo")
        #expect(response.redirectsFollowed == 1)
        #expect(echo.headers["authorization"] == nil)
        #expect(echo.headers["x-api-key"] == nil)
        #expect(echo.headers["x-plain"] == "visible")
        engine.shutdown()
    }

    @Test func sameOriginRedirectKeepsCredentials() async throws {
        let request = HTTPRequest(url: redirect(to: server.base + "/echo"), headers: credentialHeaders, redirects: .follow(max: 3))
        let echo = try Echo(try await engine.perform(request).get())
        #expect(echo.headers["authorization"] == "Bearer s3cret-token")
        #expect(echo.headers["x-api-key"] == "key-42")
        engine.shutdown()
    }

    @Test func relativeLocationIsResolved() async throws {
        let request = HTTPRequest(url: redirect(to: "/echo?hop=1"), redirects: .follow(max: 1))
        let echo = try Echo(try await engine.perform(request).get())
        #expect(echo.query == ["hop": "1"])
        engine.shutdown()
    }

    @Test func see303TurnsAPostIntoAGet() async throws {
        let request = HTTPRequest(url: redirect(to: server.base + "/echo", code: 303), method: "POST", body: Array("x".utf8), redirects: .follow(max: 1))
        let echo = try Echo(try await engine.perform(request).get())
        #expect(echo.method == "GET")
        #expect(echo.body.isEmpty)
        engine.shutdown()
    }

    @Test func redirect307KeepsMethodAndBody() async throws {
        let request = HTTPRequest(url: redirect(to: server.base + "/echo", code: 307), method: "POST", body: Array("keep".utf8), redirects: .follow(max: 1))
        let echo = try Echo(try await engine.perform(request).get())
        #expect(echo.method == "POST")
        #expect(echo.body == "keep")
        engine.shutdown()
    }

    @Test func hopLimitStopsALoop() async throws {
        // A redirect to itself: after two hops the third 302 is reported.
        let selfRedirect = server.base + "/redirect?code=302&to=%2Fredirect%3Fcode%3D302%26to%3D%252Fecho"
        let looping = HTTPRequest(url: redirect(to: selfRedirect), redirects: .follow(max: 1))
        let response = try await engine.perform(looping).get()
        #expect(response.status == 302)
        #expect(response.redirectsFollowed == 1)
        engine.shutdown()
    }
}
