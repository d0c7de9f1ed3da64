import Foundation
import Testing
@testable import FleetKit

/// A2A 0.3 and blog-era 0.1 over real HTTP on 127.0.0.1.
@Suite(.serialized) struct HTTPV03V01Tests {
    @Test func v03StreamHasKindTagsFinalAndSortedKeys() async throws {
        try await withFleet([directedAgent("V03", .v03)]) { fleet in
            let base = fleet.base("V03")
            let r = await Curl.rpc(base, "message/stream",
                                   #"{"message":{"kind":"message","messageId":"m-3","role":"user","parts":[{"kind":"text","text":"steps=2 delay=0.05"}]}}"#)
            #expect(r.body.hasPrefix(#"data: {"id":1,"jsonrpc":"2.0","result":{"contextId":"#))
            let results = r.events.compactMap { $0["result"] }
            #expect(results.map { $0["kind"]?.stringValue ?? "?" }
                    == ["task", "status-update", "status-update", "artifact-update", "status-update", "artifact-update", "status-update"])
            #expect(results.first?["status"]?["state"]?.stringValue == "submitted")
            #expect(results.filter { $0["kind"]?.stringValue == "status-update" }.map { $0["final"]?.boolValue } == [false, false, false, true])
            #expect(results.compactMap { $0["lastChunk"]?.boolValue } == [false, true])
            #expect(results.last?["status"]?["state"]?.stringValue == "completed")
            #expect(results.allSatisfy { $0 == $0.sortedKeys() })

            let taskId = try #require(results.first?["id"]?.stringValue)
            let got = await Curl.rpc(base, "tasks/get", #"{"id":"\#(taskId)"}"#)
            #expect(got.json?["result"]?["kind"]?.stringValue == "task")
            #expect(got.json?["result"]?["artifacts"]?.arrayValue?.first?["parts"]?.arrayValue?.first?["kind"]?.stringValue == "text")
            let unknown = await Curl.rpc(base, "tasks/get", #"{"id":"nope"}"#, id: 25)
            #expect(unknown.body == #"{"jsonrpc":"2.0","id":25,"error":{"code":-32001,"data":null,"message":"Task not found"}}"#)
            let v1Name = await Curl.rpc(base, "GetTask", #"{"id":"nope"}"#, version: "1.0")
            #expect(v1Name.json?["error"]?["code"] == .int(-32601))
            let list = await Curl.rpc(base, "tasks/list", "{}")
            #expect(list.json?["error"]?["code"] == .int(-32601))
        }
    }

    @Test func v03CancelResubscribeAndCardOnBothPaths() async throws {
        try await withFleet([directedAgent("V03", .v03)]) { fleet in
            let base = fleet.base("V03")
            let sent = await Curl.rpc(base, "message/send",
                                      #"{"message":{"kind":"message","messageId":"m","role":"user","parts":[{"kind":"text","text":"sleep=300"}]},"configuration":{"blocking":false}}"#)
            let taskId = try #require(sent.json?["result"]?["id"]?.stringValue)
            async let resubscribed = Curl.rpc(base, "tasks/resubscribe", #"{"id":"\#(taskId)"}"#, id: 21)
            // Cancel once the subscription is attached, so it sees the cancel.
            for _ in 0..<200 where await fleet.endpoints[0].engine.openStreamCount == 0 {
                try await Task.sleep(nanoseconds: 20_000_000)
            }
            let canceled = await Curl.rpc(base, "tasks/cancel", #"{"id":"\#(taskId)"}"#)
            #expect(canceled.json?["result"]?["status"]?["state"]?.stringValue == "canceled")
            let events = await resubscribed.events.compactMap { $0["result"] }
            #expect(events.first?["kind"]?.stringValue == "task")
            #expect(events.last?["status"]?["state"]?.stringValue == "canceled")
            #expect(events.last?["final"]?.boolValue == true)
            let again = await Curl.rpc(base, "tasks/cancel", #"{"id":"\#(taskId)"}"#)
            #expect(again.json?["error"]?["code"] == .int(-32002))

            let root = String(base.dropLast())
            let card = await Curl.request(root + "/.well-known/agent-card.json")
            let legacy = await Curl.request(root + "/.well-known/agent.json")
            #expect(card.json?["protocolVersion"]?.stringValue == "0.3.0")
            #expect(card.body == legacy.body)
        }
    }

    @Test func supportAgentAsksAndContinuesOnSameTaskAndContext() async throws {
        try await withFleet([.support]) { fleet in
            let base = fleet.base("Customer Support Agent")
            let first = await Curl.rpc(base, "message/stream",
                                       #"{"message":{"kind":"message","messageId":"m1","role":"user","parts":[{"kind":"text","text":"Where is my parcel?"}]}}"#)
            let last = try #require(first.events.last?["result"])
            #expect(last["status"]?["state"]?.stringValue == "input-required")
            #expect(last["final"]?.boolValue == true)
            let taskId = try #require(last["taskId"]?.stringValue)
            let contextId = try #require(last["contextId"]?.stringValue)
            let second = await Curl.rpc(base, "message/stream",
                                        #"{"message":{"kind":"message","messageId":"m2","role":"user","taskId":"\#(taskId)","contextId":"\#(contextId)","parts":[{"kind":"text","text":"ORD-777"}]}}"#)
            let results = second.events.compactMap { $0["result"] }
            #expect(results.allSatisfy { ($0["taskId"] ?? $0["id"])?.stringValue == taskId })
            #expect(results.last?["status"]?["state"]?.stringValue == "completed")
            #expect(results.contains { $0["artifact"]?["parts"]?.arrayValue?.first?["text"]?.stringValue?.contains("ORD-777") == true })
        }
    }

    @Test func blogEraAgentStreamsAdHocEventsAndTakesSkillId() async throws {
        try await withFleet([.legacyAnalyzer]) { fleet in
            let base = fleet.base("Legacy Code Analyzer")
            let root = String(base.dropLast())
            #expect(await Curl.request(root + "/.well-known/agent-card.json").status == 404)
            let card = await Curl.request(root + "/.well-known/agent.json")
            #expect(card.json?["url"]?.stringValue == base)
            #expect(card.json?["protocolVersion"] == nil)

            let r = await Curl.rpc(base, "tasks/sendSubscribe",
                                   #"{"id":"task-01","sessionId":"s-1","skillId":"code-analysis","message":{"role":"user","parts":[{"type":"text","text":"Analyze billing.cbl"}]}}"#)
            let events = r.events
            #expect(events.allSatisfy { $0["jsonrpc"] == nil && $0["id"]?.stringValue == "task-01" })
            #expect(events.first?["type"]?.stringValue == "task_status")
            let stages = events.filter { $0["type"]?.stringValue == "progress" }
            #expect(stages.first?["stage"]?.stringValue == "Parsing code structure...")
            #expect(stages.compactMap { $0["percent"]?.intValue } == [25, 50, 75, 100])
            let result = try #require(events.last)
            #expect(result["type"]?.stringValue == "task_result")
            #expect(result["state"]?.stringValue == "completed")
            #expect(result["result"]?.stringValue?.contains("complexity") == true)

            let got = await Curl.rpc(base, "tasks/get", #"{"id":"task-01"}"#)
            #expect(got.json?["result"]?["sessionId"]?.stringValue == "s-1")
            #expect(got.json?["result"]?["status"]?["state"]?.stringValue == "completed")
            #expect(got.json?["result"]?["artifacts"]?.arrayValue?.first?["parts"]?.arrayValue?.first?["type"]?.stringValue == "text")

            let summarize = await Curl.rpc(base, "tasks/send",
                                           #"{"id":"task-02","skillId":"summarize","message":{"role":"user","parts":[{"type":"text","text":"fail"}]}}"#)
            #expect(summarize.json?["result"]?["status"]?["state"]?.stringValue == "failed")
            let cancelDone = await Curl.rpc(base, "tasks/cancel", #"{"id":"task-02"}"#)
            #expect(cancelDone.json?["error"]?["code"] == .int(-32002))
            let modern = await Curl.rpc(base, "message/send", "{}")
            #expect(modern.json?["error"]?["code"] == .int(-32601))
        }
    }

    @Test func blogEraContinuesATaskSentAgainWithTheSameIdAndResubscribes() async throws {
        try await withFleet([directedAgent("V01", .v01)]) { fleet in
            let base = fleet.base("V01")
            let asked = await Curl.rpc(base, "tasks/send",
                                       #"{"id":"t-ask","sessionId":"s-9","message":{"role":"user","parts":[{"type":"text","text":"ask"}]}}"#)
            #expect(asked.json?["result"]?["status"]?["state"]?.stringValue == "input-required")
            let answered = await Curl.rpc(base, "tasks/sendSubscribe",
                                          #"{"id":"t-ask","sessionId":"s-9","message":{"role":"user","parts":[{"type":"text","text":"blue"}]}}"#)
            let last = try #require(answered.events.last)
            #expect(last["type"]?.stringValue == "task_result")
            #expect(last["result"]?.stringValue == "You said: blue")

            _ = await Curl.rpc(base, "tasks/send", #"{"id":"t-long","message":{"role":"user","parts":[{"type":"text","text":"sleep=300"}]}}"#,
                               maxTime: 1)  // blocking send: give up waiting, the task runs on
            // The blocking send may still hold a subscription of its own: wait for one more.
            let before = await fleet.endpoints[0].engine.openStreamCount
            async let resubscribed = Curl.rpc(base, "tasks/resubscribe", #"{"id":"t-long"}"#)
            for _ in 0..<250 where await fleet.endpoints[0].engine.openStreamCount <= before {
                try await Task.sleep(nanoseconds: 20_000_000)
            }
            let canceled = await Curl.rpc(base, "tasks/cancel", #"{"id":"t-long"}"#)
            #expect(canceled.json?["result"]?["status"]?["state"]?.stringValue == "canceled")
            let events = await resubscribed.events
            #expect(events.first?["type"]?.stringValue == "task_status")
            #expect(events.last?["type"]?.stringValue == "task_result")
            #expect(events.last?["state"]?.stringValue == "canceled")
        }
    }
}
