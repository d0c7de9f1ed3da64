import Foundation
import Testing
@testable import FleetKit

/// A2A 1.0 over real HTTP on 127.0.0.1, checked against the shapes in the a2a-sdk captures.
@Suite(.serialized) struct HTTPV1Tests {
    @Test func streamingSendHasProgressChunksAndCRLFFraming() async throws {
        try await withFleet([directedAgent("V1", .v1)]) { fleet in
            let base = fleet.base("V1")
            let r = await Curl.rpc(base, "SendStreamingMessage",
                                   #"{"message":{"messageId":"m-1","role":"ROLE_USER","parts":[{"text":"steps=3 delay=0.05"}]}}"#,
                                   id: 7, version: "1.0")
            #expect(r.status == 200)
            #expect(r.headers["content-type"] == "text/event-stream; charset=utf-8")
            #expect(r.body.hasPrefix("data: {\"result\": {\"task\": {\"id\": "))  // python-style spacing, member order
            #expect(r.body.hasSuffix("}\r\n\r\n"))
            let results = r.events.compactMap { $0["result"] }
            #expect(r.events.allSatisfy { $0["id"] == .int(7) && $0["jsonrpc"]?.stringValue == "2.0" })
            #expect(results.first?["task"]?["status"]?["state"]?.stringValue == "TASK_STATE_SUBMITTED")
            #expect(results.first?["task"]?["history"]?.arrayValue?.first?["role"]?.stringValue == "ROLE_USER")
            let progress = results.compactMap { $0["statusUpdate"]?["metadata"]?["progress"]?.doubleValue }
            #expect(progress == [33, 67, 100])
            let chunks = results.compactMap { $0["artifactUpdate"] }
            #expect(chunks.count == 3)
            #expect(chunks.map { $0["append"]?.boolValue ?? false } == [false, true, true])
            #expect(chunks.map { $0["lastChunk"]?.boolValue ?? false } == [false, false, true])
            #expect(results.last?["statusUpdate"]?["status"]?["state"]?.stringValue == "TASK_STATE_COMPLETED")
            #expect(results.allSatisfy { $0["kind"] == nil })

            // GetTask returns the Task itself (not wrapped) with the whole artifact.
            let taskId = try #require(results.first?["task"]?["id"]?.stringValue)
            let got = await Curl.rpc(base, "GetTask", #"{"id":"\#(taskId)"}"#, version: "1.0")
            let task = try #require(got.json?["result"])
            #expect(task["id"]?.stringValue == taskId)
            #expect(task["artifacts"]?.arrayValue?.first?["parts"]?.arrayValue?.count == 3)
            let trimmed = await Curl.rpc(base, "GetTask", #"{"id":"\#(taskId)","historyLength":1}"#, version: "1.0")
            #expect(trimmed.json?["result"]?["history"]?.arrayValue?.count == 1)
        }
    }

    @Test func cancelNotFoundNotCancelableAndVersionHeader() async throws {
        try await withFleet([directedAgent("V1", .v1)]) { fleet in
            let base = fleet.base("V1")
            let sent = await Curl.rpc(base, "SendMessage",
                                      #"{"message":{"messageId":"m","role":"ROLE_USER","parts":[{"text":"sleep=300"}]},"configuration":{"returnImmediately":true}}"#,
                                      version: "1.0")
            let taskId = try #require(sent.json?["result"]?["task"]?["id"]?.stringValue)
            // Returned at once: still submitted, or already working if the engine got there first.
            let state = sent.json?["result"]?["task"]?["status"]?["state"]?.stringValue
            #expect(state == "TASK_STATE_SUBMITTED" || state == "TASK_STATE_WORKING", "state: \(state ?? "none")")

            let canceled = await Curl.rpc(base, "CancelTask", #"{"id":"\#(taskId)"}"#, version: "1.0")
            #expect(canceled.json?["result"]?["status"]?["state"]?.stringValue == "TASK_STATE_CANCELED")
            let again = await Curl.rpc(base, "CancelTask", #"{"id":"\#(taskId)"}"#, id: 14, version: "1.0")
            #expect(again.body == #"{"error":{"code":-32002,"message":"Task cannot be canceled","data":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"TASK_NOT_CANCELABLE","domain":"a2a-protocol.org","metadata":{}}]},"id":14,"jsonrpc":"2.0"}"#)
            let unknown = await Curl.rpc(base, "GetTask", #"{"id":"nope"}"#, id: 26, version: "1.0")
            #expect(unknown.body == #"{"error":{"code":-32001,"message":"Task not found","data":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"TASK_NOT_FOUND","domain":"a2a-protocol.org","metadata":{}}]},"id":26,"jsonrpc":"2.0"}"#)
            let noHeader = await Curl.rpc(base, "GetTask", #"{"id":"nope"}"#, id: 27)
            #expect(noHeader.json?["error"]?["code"] == .int(-32009))
            let terminal = await Curl.rpc(base, "SubscribeToTask", #"{"id":"\#(taskId)"}"#, version: "1.0")
            #expect(terminal.headers["content-type"] == "application/json")
            #expect(terminal.json?["error"]?["code"] == .int(-32004))
            let legacy = await Curl.rpc(base, "message/send", "{}", version: "1.0")
            #expect(legacy.body == #"{"error":{"code":-32601,"message":"Method not found"},"id":1,"jsonrpc":"2.0"}"#)
            let push = await Curl.rpc(base, "CreateTaskPushNotificationConfig", "{}", version: "1.0")
            #expect(push.json?["error"]?["code"] == .int(-32003))
            let garbage = await Curl.request(base, method: "POST", body: "{not json")
            #expect(garbage.json?["error"]?["code"] == .int(-32700))
        }
    }

    @Test func listTasksFiltersAndPages() async throws {
        try await withFleet([directedAgent("V1", .v1)]) { fleet in
            let base = fleet.base("V1")
            var contexts: [String] = []
            // Two tasks that end at once (blocking send), one that keeps working (returns at once).
            for (text, immediately) in [("reject", false), ("reject", false), ("sleep=300", true)] {
                let r = await Curl.rpc(base, "SendMessage", #"{"message":{"messageId":"m","role":"ROLE_USER","parts":[{"text":"\#(text)"}]},"configuration":{"returnImmediately":\#(immediately)}}"#, version: "1.0")
                contexts.append(r.json?["result"]?["task"]?["contextId"]?.stringValue ?? "")
            }
            for _ in 0..<250 where await fleet.endpoints[0].engine.allTasks().contains(where: { $0.status.state == .submitted }) {
                try await Task.sleep(nanoseconds: 20_000_000)  // until the sleeper reports working
            }
            let all = await Curl.rpc(base, "ListTasks", "{}", version: "1.0")
            #expect(all.json?["result"]?["totalSize"] == .int(3))
            #expect(all.json?["result"]?["nextPageToken"]?.stringValue == "")
            let firstTask = all.json?["result"]?["tasks"]?.arrayValue?.first
            #expect(firstTask?["history"]?.arrayValue?.first?["parts"]?.arrayValue?.first?["mediaType"]?.stringValue == "")

            let working = await Curl.rpc(base, "ListTasks", #"{"status":"TASK_STATE_WORKING"}"#, version: "1.0")
            #expect(working.json?["result"]?["tasks"]?.arrayValue?.count == 1)
            let byContext = await Curl.rpc(base, "ListTasks", #"{"contextId":"\#(contexts[0])"}"#, version: "1.0")
            #expect(byContext.json?["result"]?["tasks"]?.arrayValue?.map { $0["contextId"]?.stringValue } == [contexts[0]])

            let page1 = await Curl.rpc(base, "ListTasks", #"{"pageSize":2}"#, version: "1.0")
            let token = try #require(page1.json?["result"]?["nextPageToken"]?.stringValue)
            #expect(!token.isEmpty)
            let page2 = await Curl.rpc(base, "ListTasks", #"{"pageSize":2,"pageToken":"\#(token)"}"#, version: "1.0")
            let ids1 = page1.json?["result"]?["tasks"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
            let ids2 = page2.json?["result"]?["tasks"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
            #expect(ids1.count == 2 && ids2.count == 1 && Set(ids1 + ids2).count == 3)
            // Changed since the newest listed status: the newest task itself (at or after), not the others.
            let newest = try #require(all.json?["result"]?["tasks"]?.arrayValue?.first?["status"]?["timestamp"]?.stringValue)
            let since = await Curl.rpc(base, "ListTasks", #"{"statusTimestampAfter":"\#(newest)"}"#, version: "1.0")
            #expect(since.json?["result"]?["tasks"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [all.json?["result"]?["tasks"]?.arrayValue?.first?["id"]?.stringValue ?? "?"])
            let badTime = await Curl.rpc(base, "ListTasks", #"{"statusTimestampAfter":"soon"}"#, version: "1.0")
            #expect(badTime.json?["error"]?["code"] == .int(-32602))
            let tooBig = await Curl.rpc(base, "ListTasks", #"{"pageSize":101}"#, version: "1.0")
            #expect(tooBig.json?["error"]?["code"] == .int(-32602))
            let negative = await Curl.rpc(base, "GetTask", #"{"id":"x","historyLength":-1}"#, version: "1.0")
            #expect(negative.json?["error"]?["code"] == .int(-32602))
        }
    }

    @Test func subscribeStartsWithSnapshotAndStreamsPings() async throws {
        try await withFleet([directedAgent("V1", .v1)], pingInterval: 0.2) { fleet in
            let base = fleet.base("V1")
            let sent = await Curl.rpc(base, "SendMessage",
                                      #"{"message":{"messageId":"m","role":"ROLE_USER","parts":[{"text":"sleep=1 steps=1"}]},"configuration":{"returnImmediately":true}}"#,
                                      version: "1.0")
            let taskId = try #require(sent.json?["result"]?["task"]?["id"]?.stringValue)
            let sub = await Curl.rpc(base, "SubscribeToTask", #"{"id":"\#(taskId)"}"#, version: "1.0")
            let results = sub.events.compactMap { $0["result"] }
            #expect(results.first?["task"]?["id"]?.stringValue == taskId)
            #expect(results.last?["statusUpdate"]?["status"]?["state"]?.stringValue == "TASK_STATE_COMPLETED")
            #expect(sub.body.contains("\r\n\r\n: ping - "))
        }
    }

    @Test func directRepliesAndCutOrDroppedStreams() async throws {
        try await withFleet([directedAgent("V1", .v1), directedAgent("V03", .v03)]) { fleet in
            let base = fleet.base("V1")
            let direct = await Curl.rpc(base, "SendMessage", #"{"message":{"messageId":"m","role":"ROLE_USER","parts":[{"text":"direct hi"}]}}"#, version: "1.0")
            #expect(direct.json?["result"]?["message"]?["parts"]?.arrayValue?.first?["text"]?.stringValue == "Direct reply: direct hi")
            #expect(direct.json?["result"]?["message"]?["role"]?.stringValue == "ROLE_AGENT")
            #expect(await fleet.endpoints[0].engine.allTasks().isEmpty)
            let directV03 = await Curl.rpc(fleet.base("V03"), "message/stream",
                                           #"{"message":{"kind":"message","messageId":"m","role":"user","parts":[{"kind":"text","text":"direct"}]}}"#)
            #expect(directV03.events.map { $0["result"]?["kind"]?.stringValue } == ["message"])

            let cut = await Curl.rpc(base, "SendStreamingMessage",
                                     #"{"message":{"messageId":"m","role":"ROLE_USER","parts":[{"text":"steps=4 delay=0.05 cut=2"}]}}"#, version: "1.0")
            #expect(cut.exitCode == 0)
            #expect(cut.events.count == 2)
            let taskId = try #require(cut.events.first?["result"]?["task"]?["id"]?.stringValue)
            // The task runs on after the stream was cut.
            var state = ""
            for _ in 0..<250 {
                state = await Curl.rpc(base, "GetTask", #"{"id":"\#(taskId)"}"#, version: "1.0").json?["result"]?["status"]?["state"]?.stringValue ?? ""
                if state == "TASK_STATE_COMPLETED" { break }
                try await Task.sleep(nanoseconds: 20_000_000)
            }
            #expect(state == "TASK_STATE_COMPLETED")

            let dropped = await Curl.rpc(base, "SendStreamingMessage",
                                         #"{"message":{"messageId":"m","role":"ROLE_USER","parts":[{"text":"steps=4 delay=0.05 drop=3"}]}}"#, version: "1.0")
            #expect(dropped.exitCode != 0)  // curl: transfer closed with outstanding data
            #expect(dropped.events.count == 3)
        }
    }
}
