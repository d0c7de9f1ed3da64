import Foundation
import Testing
@testable import FleetKit

/// The demo fleet as a whole, and the failure modes consoles must survive.
@Suite(.serialized) struct FleetHTTPTests {
    @Test func everyDemoAgentServesItsCardWithETagAnd304() async throws {
        try await withFleet(Scenario.demoRoster.map { p in
            var p = p
            p.availability = .always  // the flaky agent's outages are tested separately
            return p
        }) { fleet in
            let urls = fleet.server.cardURLs
            #expect(urls.count == Scenario.demoRoster.count)
            #expect(Set(urls.compactMap { URL(string: $0)?.port }).count == urls.count)  // one port each
            for (url, endpoint) in zip(urls, fleet.endpoints) {
                let r = await Curl.request(url)
                #expect(r.status == 200, "\(url)")
                let card = try #require(r.json, "card of \(endpoint.personality.name) is not JSON")
                #expect(card["name"]?.stringValue == endpoint.personality.name)
                #expect(card["skills"]?.arrayValue?.isEmpty == false)
                #expect(card["provider"]?["organization"] != nil)
                let etag = try #require(r.headers["etag"])
                let again = await Curl.request(url, headers: ["If-None-Match": etag])
                #expect(again.status == 304)
                #expect(again.body.isEmpty)
            }
            let chinese = try #require(fleet.endpoints.firstIndex { $0.personality.name == "库存智能Agent" })
            let card = await Curl.request(urls[chinese])
            #expect(card.body.contains("库存智能Agent"))  // raw UTF-8, not \u escapes
        }
    }

    @Test func codeReviewStreamsStagesAndAMultiChunkReport() async throws {
        try await withFleet([.codeReview]) { fleet in
            let r = await Curl.rpc(fleet.base("Code Review Agent"), "SendStreamingMessage",
                                   #"{"message":{"messageId":"m","role":"ROLE_USER","parts":[{"text":"Review PR 481"}]}}"#,
                                   version: "1.0", maxTime: 120)
            let results = r.events.compactMap { $0["result"] }
            let stages = results.compactMap { $0["statusUpdate"]?["status"]?["message"]?["parts"]?.arrayValue?.first?["text"]?.stringValue }
            #expect(stages.first == "Parsing code structure...")
            let chunks = results.compactMap { $0["artifactUpdate"] }
            #expect(chunks.count >= 3)
            #expect(Set(chunks.compactMap { $0["artifact"]?["artifactId"]?.stringValue }).count == 1)
            #expect(chunks.last?["lastChunk"]?.boolValue == true)
            #expect(chunks.dropFirst().allSatisfy { $0["append"]?.boolValue == true })
            #expect(results.last?["statusUpdate"]?["status"]?["state"]?.stringValue == "TASK_STATE_COMPLETED")
        }
    }

    @Test func downAgentAnswers503AndChaosDropsConnections() async throws {
        try await withFleet([directedAgent("Down", .v1, availability: .flaky(up: 0, down: 3_600))]) { fleet in
            let card = await Curl.request(fleet.server.cardURLs[0])
            #expect(card.status == 503)
            #expect(card.headers["retry-after"] == "5")
            let call = await Curl.rpc(fleet.base("Down"), "GetTask", #"{"id":"x"}"#, version: "1.0")
            #expect(call.status == 503)
        }
        try await withFleet([directedAgent("Chaos", .v1)], chaos: Chaos(drop: 1)) { fleet in
            let r = await Curl.request(fleet.server.cardURLs[0])
            #expect(r.exitCode != 0)  // curl reports the broken transfer
            #expect(r.json == nil)
        }
        try await withFleet([directedAgent("Chaos", .v1)], chaos: Chaos(serverError: 1)) { fleet in
            let r = await Curl.request(fleet.server.cardURLs[0])
            #expect(r.status == 503 || r.status == 500)
        }
    }

    @Test func unknownPathsAndMethods() async throws {
        try await withFleet([directedAgent("A", .v1)]) { fleet in
            let root = String(fleet.base("A").dropLast())
            #expect(await Curl.request(root + "/nope").status == 404)
            #expect(await Curl.request(root + "/").status == 405)
            #expect(await Curl.request(root + "/.well-known/agent.json").status == 404)
            #expect(await Curl.request(root + "/.well-known/agent-card.json", method: "POST", body: "{}").status == 405)
        }
    }
}
