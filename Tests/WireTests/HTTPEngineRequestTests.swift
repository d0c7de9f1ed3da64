import Foundation
import Testing
@testable import Wire

/// `perform` against the real loopback fixture server.
struct HTTPEngineRequestTests {
    let server: FixtureServer
    let engine = HTTPEngine()

    init() throws {
        server = try FixtureServer.get()
    }

    @Test func getReturnsStatusHeadersBodyAndTiming() async throws {
        let request = HTTPRequest(url: server.base + "/echo?x=1", headers: [HTTPHeader("X-Test", "yes")])
        let response = try await engine.perform(request).get()
        let echo = try Echo(response)
        #expect(response.status == 200)
        #expect(response.head.mediaType == "application/json")
        #expect(echo.method == "GET")
        #expect(echo.query == ["x": "1"])
        #expect(echo.headers["x-test"] == "yes")
        #expect(echo.headers["user-agent"]?.hasPrefix("agentdeck") == true)
        #expect(echo.headers["expect"] == nil)
        #expect(response.timing.total > 0)
        #expect(response.timing.firstByte <= response.timing.total)
        #expect(response.url == server.base + "/echo?x=1")
        engine.shutdown()
    }

    @Test func postSendsTheBody() async throws {
        // Over 1 KiB, where libcurl would otherwise wait for "100 Continue".
        let text = "{\"jsonrpc\":\"2.0\",\"pad\":\"" + String(repeating: "é", count: 2000) + "\"}"
        let request = HTTPRequest(
            url: server.base + "/echo", method: "POST",
            headers: [HTTPHeader("Content-Type", "application/json")], body: Array(text.utf8))
        let echo = try Echo(try await engine.perform(request).get())
        #expect(echo.method == "POST")
        #expect(echo.body == text)
        #expect(echo.headers["content-type"] == "application/json")
        engine.shutdown()
    }

    @Test func putAndDeleteUseTheirMethods() async throws {
        let put = try Echo(try await engine.perform(HTTPRequest(url: server.base + "/echo", method: "PUT", body: [1, 2])).get())
        let delete = try Echo(try await engine.perform(HTTPRequest(url: server.base + "/echo", method: "DELETE")).get())
        #expect(put.method == "PUT")
        #expect(delete.method == "DELETE")
        engine.shutdown()
    }

    @Test func notFoundIsAResponseWithItsBody() async throws {
        let response = try await engine.perform(HTTPRequest(url: server.base + "/status/404")).get()
        #expect(response.status == 404)
        #expect(response.bodyText.contains("as requested"))
        #expect(response.requireSuccess().failure?.kind == .http(status: 404))
        engine.shutdown()
    }

    @Test func etagRevalidationGets304() async throws {
        let first = try await engine.perform(HTTPRequest(url: server.base + "/etag")).get()
        let etag = try #require(first.head.etag)
        #expect(first.status == 200)
        #expect(etag == "W/\"v1\"")
        let second = try await engine.perform(
            HTTPRequest(url: server.base + "/etag", headers: [HTTPHeader("If-None-Match", etag)])).get()
        #expect(second.status == 304)
        #expect(second.body.isEmpty)
        engine.shutdown()
    }

    @Test(arguments: ["0", "1"])
    func bodyOverTheCapFailsClearly(chunked: String) async throws {
        let request = HTTPRequest(url: server.base + "/big?bytes=2000000&chunked=\(chunked)", maxBodyBytes: 1_000_000)
        let error = try #require(await engine.perform(request).failure)
        #expect(error.kind == .tooLarge)
        #expect(error.message.contains("1000000") || error.message.lowercased().contains("maximum"))
        let fits = try await engine.perform(HTTPRequest(url: server.base + "/big?bytes=999999&chunked=\(chunked)", maxBodyBytes: 1_000_000)).get()
        #expect(fits.body.count == 999_999)
        engine.shutdown()
    }

    @Test func connectionRefusedIsAConnectError() async throws {
        // Port 1 on loopback: nothing listens there (and we are not allowed to bind it).
        let request = HTTPRequest(url: "http://127.0.0.1:1/", headers: [HTTPHeader("Authorization", "Bearer tok-123456")])
        let error = try #require(await engine.perform(request).failure)
        #expect(error.kind == .connect)
        #expect(error.message.contains("127.0.0.1"))
        #expect(!error.message.contains("tok-123456"))
        engine.shutdown()
    }

    @Test func totalTimeoutExpires() async throws {
        let error = try #require(await engine.perform(HTTPRequest(url: server.base + "/slow?ms=3000", timeout: 0.3)).failure)
        #expect(error.kind == .timeout)
        engine.shutdown()
    }

    @Test func malformedRequestsFailWithoutSending() async throws {
        let injected = HTTPRequest(url: server.base + "/echo", headers: [HTTPHeader("X-Evil", "a\r\nHost: elsewhere")])
        #expect(await engine.perform(injected).failure?.kind == .invalidRequest)
        #expect(await engine.perform(HTTPRequest(url: "file:///etc/passwd")).failure?.kind == .invalidRequest)
        #expect(await engine.perform(HTTPRequest(url: "not a url")).failure?.kind == .invalidRequest)
        #expect(await engine.perform(HTTPRequest(url: server.base + "/echo", method: "GET X")).failure?.kind == .invalidRequest)
        engine.shutdown()
    }

    @Test func cancellingTheTaskCancelsTheRequest() async throws {
        let engine = self.engine
        // Never answered before the cancel, however late the test gets to it (see below).
        let url = server.base + "/slow?ms=120000"
        let task = Task { await engine.perform(HTTPRequest(url: url, timeout: nil)) }
        try await Task.sleep(for: .milliseconds(100))
        task.cancel()
        #expect(await task.value.failure?.kind == .canceled)
        engine.shutdown()
    }

    @Test func cancelByIDFromAnotherThread() async throws {
        let recorder = ResultBox()
        let id = engine.perform(HTTPRequest(url: server.base + "/slow?ms=120000", timeout: nil)) { recorder.set($0) }
        let engine = self.engine
        Thread.detachNewThread { engine.cancel(id) }
        #expect(await recorder.value().failure?.kind == .canceled)
        engine.shutdown()
    }

    /// The request cannot end by itself before the test calls shutdown, however late that is:
    /// under a big parallel run the test's own `Task.sleep` resumed seconds late (the shared
    /// cooperative threads were busy or blocked): it failed after 7.9 s, when a 5 s answer had
    /// arrived first.
    @Test func shutdownEndsInFlightRequestsAndRefusesNewOnes() async throws {
        let inFlight = ResultBox()
        engine.perform(HTTPRequest(url: server.base + "/slow?ms=120000", timeout: nil)) { inFlight.set($0) }
        try await Task.sleep(for: .milliseconds(100))
        engine.shutdown()
        #expect(await inFlight.value().failure?.kind == .shutdown)
        #expect(await engine.perform(HTTPRequest(url: server.base + "/echo")).failure?.kind == .shutdown)
    }
}

/// A completion result delivered on the network thread, awaited by the test.
final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var result: Result<HTTPResponse, WireError>?
    private var waiter: CheckedContinuation<Result<HTTPResponse, WireError>, Never>?

    func set(_ value: Result<HTTPResponse, WireError>) {
        lock.lock()
        result = value
        let waiting = waiter
        waiter = nil
        lock.unlock()
        waiting?.resume(returning: value)
    }

    func value() async -> Result<HTTPResponse, WireError> {
        await withCheckedContinuation { continuation in
            lock.lock()
            if let result {
                lock.unlock()
                continuation.resume(returning: result)
            } else {
                waiter = continuation
                lock.unlock()
            }
        }
    }
}
