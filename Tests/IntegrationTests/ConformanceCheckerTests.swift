import Testing
import TestSupport

/// The conformance checker (official a2a-sdk clients) passes the SDK-built peers and fails
/// agents that break its rules, so a pass on our own fleet later means something.
@Suite("Conformance checker against the SDK peers")
struct ConformanceCheckerTests {
    @Test func theOneDotThreeClientPassesTheV1Peer() throws {
        let peer = try PeerProcess.start(.v1(compat: false))
        defer { peer.stop() }
        let result = try ConformanceCheck.run(peer.baseURL, sdk: .v13)
        #expect(result.exitStatus == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("OK \(peer.baseURL): 5 checks passed"))
    }

    @Test func theZeroDotThreeClientPassesTheV03Peer() throws {
        let peer = try PeerProcess.start(.v03)
        defer { peer.stop() }
        let result = try ConformanceCheck.run(peer.baseURL, sdk: .v03)
        #expect(result.exitStatus == 0, "\(result.stdout)\n\(result.stderr)")
        #expect(result.stdout.contains("PASS resubscribe"))
    }

    @Test func theZeroDotThreeClientPassesTheV1PeerOnlyWithCompat() throws {
        let compat = try PeerProcess.start(.v1(compat: true))
        defer { compat.stop() }
        let strict = try PeerProcess.start(.v1(compat: false))
        defer { strict.stop() }
        #expect(try ConformanceCheck.run(compat.baseURL, sdk: .v03).exitStatus == 0)
        let refused = try ConformanceCheck.run(strict.baseURL, sdk: .v03)
        #expect(refused.exitStatus == 1)
        #expect(refused.stdout.contains("FAIL card"))
    }

    @Test func aStreamThatStopsEarlyFailsTheStreamStep() throws {
        let peer = try PeerProcess.start(.v1(compat: false))
        defer { peer.stop() }
        // cut=2: the peer ends the HTTP stream after two events while the task keeps running.
        let result = try ConformanceCheck.run(peer.baseURL, sdk: .v13,
                                              extraArguments: ["--message", "steps=3 delay=0.1 cut=2"])
        #expect(result.exitStatus == 1)
        #expect(result.stdout.contains("FAIL stream: ended in state 'working'"))
    }

    @Test func aLongRequestAnsweredWithoutATaskFailsTheCancelStep() throws {
        let peer = try PeerProcess.start(.v03)
        defer { peer.stop() }
        // "direct": the peer answers with a plain Message, so there is no task to cancel.
        let result = try ConformanceCheck.run(peer.baseURL, sdk: .v03, extraArguments: ["--long-message", "direct"])
        #expect(result.exitStatus == 1)
        #expect(result.stdout.contains("PASS get"))
        #expect(result.stdout.contains("FAIL cancel: the stream ended before any event named a task"))
    }
}
