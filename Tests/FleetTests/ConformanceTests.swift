import Foundation
import Testing
import TestSupport
@testable import FleetKit

/// The official a2a-sdk clients (tests/conformance/check_agent.py) against every demo agent:
/// 1.0 agents with the 1.3 client, 0.3 agents with the 0.3 client. A fleet agent the official
/// client rejects is a bug in the fleet. A missing venv fails the test (run `make deps`).
@Suite(.serialized) struct ConformanceTests {
    /// The demo roster minus the blog-era agent (no official client speaks 0.1), always up.
    static var agents: [Personality] {
        Scenario.demoRoster.filter { $0.dialect != .v01 }.map { p in
            var p = p
            p.availability = .always  // the flaky agent's outages would fail the check by design
            return p
        }
    }

    /// Runs the checker off the cooperative pool: it blocks until the Python process exits,
    /// and the in-process fleet needs the pool to keep serving.
    static func check(_ url: String, sdk: ConformanceCheck.ClientSDK) async throws -> PythonTool.Result {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try ConformanceCheck.run(url, sdk: sdk, timeout: 240) })
            }
        }
    }

    @Test func officialClientsAcceptEveryDemoAgent() async throws {
        try await withFleet(Self.agents) { fleet in
            for endpoint in fleet.endpoints {
                let base = try #require(endpoint.baseURL)
                let sdk: ConformanceCheck.ClientSDK = endpoint.personality.dialect == .v1 ? .v13 : .v03
                let result = try await Self.check(String(base.dropLast()), sdk: sdk)
                #expect(!result.timedOut, "\(endpoint.personality.name): checker timed out")
                #expect(result.exitStatus == 0,
                        "\(endpoint.personality.name) (\(endpoint.personality.dialect)) failed the a2a-sdk \(sdk.rawValue) client:\n\(result.stdout)\n\(result.stderr)")
                #expect(result.stdout.contains("5 checks passed"))
            }
        }
    }
}
