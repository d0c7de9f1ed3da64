import Foundation
import Testing
import TestSupport

/// Each real peer starts, prints READY, and serves its card where its dialect puts it.
/// (The protocol itself is exercised by the wire-layer tests; this proves the launcher and peers.)
@Suite("Test peers start and serve their cards")
struct PeerSmokeTests {
    private let cardV1 = "/.well-known/agent-card.json"
    private let cardLegacy = "/.well-known/agent.json"

    @Test func v1WithCompatServesTheMergedCardAtTheV1PathOnly() async throws {
        let peer = try await PeerProcess.launch(.v1(compat: true))
        defer { peer.stop() }
        #expect(peer.baseURL == "http://127.0.0.1:\(peer.port)")

        let card = try await HTTPProbe.get(peer.url(cardV1))
        #expect(card.status == 200)
        let json = try #require(card.jsonObject)
        #expect(json["name"] as? String == "Progress Demo Agent")
        let interfaces = try #require(json["supportedInterfaces"] as? [[String: Any]])
        #expect(interfaces.first?["protocolVersion"] as? String == "1.0")
        #expect(interfaces.first?["url"] as? String == peer.baseURL + "/")
        // The merged 0.3 fields that compat mode adds.
        #expect(json["protocolVersion"] as? String == "0.3")
        #expect(json["url"] as? String == peer.baseURL + "/")
        #expect(card.headers["etag"]?.hasPrefix("W/") == true)

        let legacy = try await HTTPProbe.get(peer.url(cardLegacy))
        #expect(legacy.status == 404)
    }

    @Test func v1WithoutCompatServesAPureV1Card() async throws {
        let peer = try await PeerProcess.launch(.v1(compat: false), args: ["--name", "Strict V1"])
        defer { peer.stop() }
        let json = try #require(try await HTTPProbe.get(peer.url(cardV1)).jsonObject)
        #expect(json["name"] as? String == "Strict V1")
        #expect(json["url"] == nil)
        #expect(json["protocolVersion"] == nil)
        let interfaces = try #require(json["supportedInterfaces"] as? [[String: Any]])
        #expect(interfaces.map { $0["protocolVersion"] as? String } == ["1.0"])
    }

    @Test func v03ServesTheSameCardAtBothPaths() async throws {
        let peer = try await PeerProcess.launch(.v03)
        defer { peer.stop() }
        let current = try await HTTPProbe.get(peer.url(cardV1))
        let legacy = try await HTTPProbe.get(peer.url(cardLegacy))
        #expect(current.status == 200)
        #expect(legacy.status == 200)
        let json = try #require(current.jsonObject)
        #expect(json["name"] as? String == "Progress Demo Agent (SDK 0.3)")
        #expect(json["protocolVersion"] as? String == "0.3.0")
        #expect(json["supportedInterfaces"] == nil)
        #expect(legacy.jsonObject?["name"] as? String == "Progress Demo Agent (SDK 0.3)")
    }

    @Test(arguments: V01StreamStyle.allCases)
    func v01ServesOnlyTheLegacyCardAndOnlyV01Methods(style: V01StreamStyle) async throws {
        let peer = try await PeerProcess.launch(.v01(style: style))
        defer { peer.stop() }
        let card = try await HTTPProbe.get(peer.url(cardLegacy))
        #expect(card.status == 200)
        let json = try #require(card.jsonObject)
        #expect(json["name"] as? String == "Code Review Agent (A2A 0.1)")
        #expect(json["protocolVersion"] == nil)
        #expect(json["url"] as? String == peer.baseURL + "/")
        let capabilities = try #require(json["capabilities"] as? [String: Any])
        #expect(capabilities["stateTransitionHistory"] as? Bool == false)
        #expect((json["authentication"] as? [String: Any])?["schemes"] as? [String] == ["public"])

        #expect(try await HTTPProbe.get(peer.url(cardV1)).status == 404)

        let v1Call = try await HTTPProbe.post(
            peer.url("/"), json: #"{"jsonrpc":"2.0","id":1,"method":"SendMessage","params":{}}"#)
        let error = try #require(v1Call.jsonObject?["error"] as? [String: Any])
        #expect(error["code"] as? Int == -32601)
    }

    @Test func bearerProtectedPeerKeepsItsCardPublicAndRejectsCallsWithoutTheToken() async throws {
        let token = "peer-smoke-\(UInt32.random(in: 0...UInt32.max))"
        let peer = try await PeerProcess.launch(.v1(compat: true), args: ["--require-bearer-env", "SMOKE_TOKEN"],
                                               env: ["SMOKE_TOKEN": token])
        defer { peer.stop() }
        let card = try #require(try await HTTPProbe.get(peer.url(cardV1)).jsonObject)
        #expect((card["securitySchemes"] as? [String: Any])?["bearer"] != nil)

        let body = #"{"jsonrpc":"2.0","id":1,"method":"GetTask","params":{"id":"none"}}"#
        let anonymous = try await HTTPProbe.post(peer.url("/"), json: body, headers: ["A2A-Version": "1.0"])
        #expect(anonymous.status == 401)
        let wrong = try await HTTPProbe.post(
            peer.url("/"), json: body, headers: ["A2A-Version": "1.0", "Authorization": "Bearer nope"])
        #expect(wrong.status == 401)
        let allowed = try await HTTPProbe.post(
            peer.url("/"), json: body, headers: ["A2A-Version": "1.0", "Authorization": "Bearer \(token)"])
        #expect(allowed.status == 200)
        #expect((allowed.jsonObject?["error"] as? [String: Any])?["code"] as? Int == -32001)
    }
}

@Suite("Peer launcher")
struct PeerLauncherTests {
    @Test func stopEndsThePeerProcess() async throws {
        let peer = try await PeerProcess.launch(.v01(style: .standard))
        #expect(peer.isRunning)
        #expect(try await HTTPProbe.get(peer.url("/.well-known/agent.json")).status == 200)
        peer.stop()
        #expect(!peer.isRunning)
        await #expect(throws: (any Error).self) {
            _ = try await HTTPProbe.get(peer.url("/.well-known/agent.json"))
        }
        peer.stop()  // idempotent
    }

    @Test func aPeerThatExitsEarlyIsReportedWithItsStderr() throws {
        #expect {
            _ = try PeerProcess.start(.v1(compat: true), args: ["--no-such-flag"])
        } throws: { error in
            guard case PeerError.notReady(_, let reason, let stderrTail) = error else { return false }
            return reason.contains("exited") && stderrTail.contains("--no-such-flag")
        }
    }

    @Test func aMissingScriptIsNamed() {
        #expect {
            _ = try PeerProcess.start(.script("no_such_peer"))
        } throws: { error in
            "\(error)".contains("tests/peers/no_such_peer.py")
        }
    }

    @Test func aMissingVenvSaysHowToInstallIt() throws {
        let empty = FileManager.default.temporaryDirectory
            .appendingPathComponent("agentdeck-no-venv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        #expect {
            _ = try PeerProcess.start(.v03, layout: RepoLayout(root: empty))
        } throws: { error in
            "\(error)".contains("run `make test` (or scripts/ensure-deps.sh) to install the test peers")
        }
    }

    @Test func readyLineNeedsACompleteLine() {
        #expect(ReadyLine.url(in: "READY http://127.0.0.1:5\n") == "http://127.0.0.1:5")
        #expect(ReadyLine.url(in: "READY http://127.0.0.1:5") == nil)
        #expect(ReadyLine.url(in: "noise\r\nREADY http://127.0.0.1:7\r\n") == "http://127.0.0.1:7")
        #expect(ReadyLine.url(in: "READY \n") == nil)
        #expect(ReadyLine.url(in: "") == nil)
        #expect(ReadyLine.urls(in: "READY http://127.0.0.1:1 http://127.0.0.1:2\n")
                == ["http://127.0.0.1:1", "http://127.0.0.1:2"])
    }

    @Test func theHTTPFixtureAnnouncesTwoOrigins() async throws {
        let fixture = try await PeerProcess.launch(.httpFixture)
        defer { fixture.stop() }
        #expect(fixture.urls.count == 2)
        #expect(Set(fixture.urls).count == 2)
        for origin in fixture.urls {
            let echo = try await HTTPProbe.get(origin + "/echo")
            #expect(echo.status == 200)
            #expect(echo.jsonObject?["path"] as? String == "/echo")
        }
    }
}
