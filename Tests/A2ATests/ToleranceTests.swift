import Foundation
import Testing

@testable import A2A

/// PROTOCOL.md §3, §6: unknown fields and enum values are normal, wrong types for optional fields
/// are ignored, `""`/`[]` are absent, missing booleans are false.
@Suite struct ToleranceTests {
    func events(_ json: String, _ endpoint: Endpoint = Endpoints.v03, context: StreamContext = StreamContext()) throws -> [StreamEvent] {
        try A2ACodec.decodeStreamData(json, eventType: "message", endpoint: endpoint, context: context).get()
    }

    @Test func unknownStatesAndRolesAreKept() throws {
        let e = try events(#"{"kind":"status-update","taskId":"t","status":{"state":"paused-for-lunch","message":{"role":"ROLE_ROBOT","parts":[{"kind":"text","text":"brb"}],"messageId":"x"}},"futureField":{"a":1}}"#)
        let update = try #require(e.first?.statusUpdate)
        #expect(update.status.state == .unrecognized("paused-for-lunch"))
        #expect(update.status.message?.role == .other("ROLE_ROBOT"))
        #expect(update.isFinal == false)
        let v1 = try events(#"{"statusUpdate":{"taskId":"t","status":{"state":"TASK_STATE_UNSPECIFIED"}}}"#, Endpoints.v1)
        #expect(v1.first?.statusUpdate?.status.state == .unknown)
        let cancelled = try events(#"{"kind":"status-update","taskId":"t","status":{"state":"cancelled"},"final":true}"#)
        #expect(cancelled.first?.statusUpdate?.status.state == .canceled)
    }

    @Test func wrongTypesForOptionalFieldsAreIgnored() throws {
        let e = try events(#"""
            {"kind":"status-update","taskId":"t","contextId":42,"final":"yes","metadata":"not an object",
             "status":{"state":"working","timestamp":12345,"message":{"role":"agent","parts":"oops","messageId":7}}}
            """#)
        let update = try #require(e.first?.statusUpdate)
        #expect(update.contextID == nil)
        #expect(update.isFinal == false)
        #expect(update.progressPercent == nil)
        #expect(update.status.timestamp == nil)
        #expect(update.status.message?.parts == [])
        #expect(update.status.message?.messageID == "")
        #expect(update.metadata == .string("not an object"))
    }

    @Test func emptyStringsAndListsAreAbsent() throws {
        let t = try #require(try events(#"{"kind":"task","id":"t","contextId":"","status":{"state":"working","timestamp":""},"artifacts":[],"history":[],"metadata":{}}"#).first?.snapshot)
        #expect(t.contextID == nil)
        #expect(t.status.timestamp == nil)
        #expect(t.metadata == nil)
        // ...but an empty text part is still a text part.
        let msg = try events(#"{"kind":"message","messageId":"m","role":"agent","parts":[{"kind":"text","text":""}]}"#)
        #expect(msg == [.message(Message(messageID: "m", role: .agent, parts: [.text("")]))])
    }

    @Test func progressFromNumbersAndNumericStrings() throws {
        for (metadata, expected) in [(#"{"progress":33.0}"#, 33.0), (#"{"progress":"25"}"#, 25), (#"{"progress":" 12.5 "}"#, 12.5), (#"{"percent":40}"#, 40), (#"{"progress":250}"#, 100), (#"{"progress":-3}"#, 0)] {
            let e = try events(#"{"kind":"status-update","taskId":"t","status":{"state":"working"},"metadata":\#(metadata)}"#)
            #expect(e.first?.statusUpdate?.progressPercent == expected, "\(metadata)")
        }
        let junk = try events(#"{"kind":"status-update","taskId":"t","status":{"state":"working"},"metadata":{"progress":"lots"}}"#)
        #expect(junk.first?.statusUpdate?.progressPercent == nil)
    }

    @Test func partsOfEveryDialect() throws {
        let json = #"""
            {"kind":"message","messageId":"m","role":"agent","parts":[
              {"kind":"text","text":"a","metadata":{"x":1}},
              {"kind":"file","file":{"name":"f.png","mimeType":"image/png","uri":"https://x/f.png"}},
              {"kind":"file","file":{"bytes":"aGk=","mimeType":"text/plain"}},
              {"kind":"data","data":{"k":[1,2]}},
              {"type":"text","text":"v01"},
              {"text":"v1","mediaType":"text/markdown"},
              {"raw":"aGk=","filename":"a.bin"},
              {"url":"https://x/y","mediaType":"application/pdf"},
              {"data":[1]},
              {"kind":"hologram","beam":true},
              {"file":{"fileWithUri":"https://x/z","mimeType":"image/gif"}}
            ]}
            """#
        let message = try #require(try events(json).first.flatMap { if case .message(let m) = $0 { m } else { nil } })
        let p = message.parts
        #expect(p.count == 11)
        #expect(p[0] == Part(.text("a"), metadata: ["x": 1]))
        #expect(p[1] == Part(.fileURL("https://x/f.png"), mediaType: "image/png", filename: "f.png"))
        #expect(p[2] == Part(.fileBytes(base64: "aGk="), mediaType: "text/plain"))
        #expect(p[3] == Part(.data(["k": [1, 2]])))
        #expect(p[4] == .text("v01"))
        #expect(p[5] == Part(.text("v1"), mediaType: "text/markdown"))
        #expect(p[6] == Part(.fileBytes(base64: "aGk="), filename: "a.bin"))
        #expect(p[7] == Part(.fileURL("https://x/y"), mediaType: "application/pdf"))
        #expect(p[8] == Part(.data([1])))
        #expect(p[9] == Part(.data(["kind": "hologram", "beam": true])))  // kept whole, not dropped
        #expect(p[10] == Part(.fileURL("https://x/z"), mediaType: "image/gif"))
        #expect(message.text == "a\nv01\nv1")
    }

    @Test func v01Events() throws {
        let context = StreamContext(taskID: "client-task-1", contextID: "s-1")
        let status = try events(#"{"id":"client-task-1","status":{"state":"working","message":{"role":"agent","parts":[{"type":"text","text":"thinking"}]},"timestamp":"2025-04-09T10:00:00"},"final":false}"#, Endpoints.v01, context: context)
        let update = try #require(status.first?.statusUpdate)
        #expect(update.taskID == "client-task-1")
        #expect(update.contextID == "s-1")
        #expect(update.status.message?.text == "thinking")
        #expect(update.status.timestamp == Timestamp.parse("2025-04-09T10:00:00Z"))

        let chunk = try events(#"{"id":"client-task-1","artifact":{"index":2,"append":true,"lastChunk":true,"parts":[{"type":"text","text":"tail"}]}}"#, Endpoints.v01, context: context)
        let artifact = try #require(chunk.first?.artifactUpdate)
        #expect(artifact.artifact.artifactID == "2")
        #expect(artifact.append)
        #expect(artifact.lastChunk)

        let enveloped = try events(#"{"jsonrpc":"2.0","id":1,"result":{"id":"client-task-1","status":{"state":"completed"},"final":true}}"#, Endpoints.v01, context: context)
        #expect(enveloped.first?.statusUpdate?.isFinal == true)

        // V01 task results: `sessionId` is the context.
        let body = Array(#"{"jsonrpc":"2.0","id":1,"result":{"id":"client-task-1","sessionId":"s-1","status":{"state":"completed"},"artifacts":[{"index":0,"parts":[{"type":"text","text":"done"}]}]}}"#.utf8)
        guard case .task(let task) = try A2ACodec.decodeResult(body, httpStatus: 200, for: .send(FixtureDecodingTests.sendParams), endpoint: Endpoints.v01).get() else {
            Issue.record("not a task")
            return
        }
        #expect(task.contextID == "s-1")
        #expect(task.artifacts.first?.artifactID == "0")
        #expect(task.artifacts.first?.text == "done")
    }

    @Test func blogEraEvents() throws {
        let context = StreamContext(taskID: "blog-1", contextID: "c")
        let status = try events(#"{"type":"task_status","state":"working"}"#, Endpoints.v01, context: context)
        #expect(status.first?.statusUpdate?.status.state == .working)
        #expect(status.first?.statusUpdate?.taskID == "blog-1")

        let progress = try events(#"{"type":"progress","stage":"Parsing code structure...","percent":25}"#, Endpoints.v01, context: context)
        let p = try #require(progress.first?.statusUpdate)
        #expect(p.status.state == .working)
        #expect(p.status.message?.text == "Parsing code structure...")
        #expect(p.progressPercent == 25)
        #expect(!p.isFinal)

        let result = try events(#"{"type":"task_result","state":"completed","result":"All good: 3 issues"}"#, Endpoints.v01, context: context)
        #expect(result.count == 2)
        let artifact = try #require(result.first?.artifactUpdate)
        #expect(artifact.artifact.text == "All good: 3 issues")
        #expect(artifact.lastChunk)
        #expect(artifact.taskID == "blog-1")
        let end = try #require(result.last?.statusUpdate)
        #expect(end.status.state == .completed)
        #expect(end.isFinal)

        // A structured result is kept as data; inside a JSON-RPC envelope works too.
        let structured = try events(#"{"jsonrpc":"2.0","id":1,"result":{"type":"task_result","state":"failed","result":{"score":1}}}"#, Endpoints.v01, context: context)
        #expect(structured.first?.artifactUpdate?.artifact.parts == [Part(.data(["score": 1]))])
        #expect(structured.last?.statusUpdate?.status.state == .failed)
    }

    @Test func cardTolerance() throws {
        let json = #"""
            {"name":"Odd","description":7,"version":"","url":"http://h/","protocolVersion":"0.3.0",
             "capabilities":{"streaming":"true","pushNotifications":null,"brandNew":true},
             "skills":[{"id":"s","name":"S","tags":"notalist"},"junk",{"name":"only-name"}],
             "defaultInputModes":["text/plain", 3, ""],
             "securitySchemes":{"bearer":{"type":"http","scheme":"bearer","bearerFormat":"JWT"},"key":{"type":"apiKey","in":"header","name":"X-Key"},"weird":{"type":"quantum"}},
             "security":[{"bearer":[]},{"key":["read"]}],
             "futureThing":{"x":1}}
            """#
        let card = try A2ACodec.decodeCard(Array(json.utf8)).get()
        #expect(card.description == "")
        #expect(card.version == nil)
        #expect(card.capabilities.streaming)
        #expect(!card.capabilities.pushNotifications)
        #expect(card.skills.map(\.id) == ["s", "only-name"])
        #expect(card.skills.first?.tags == [])
        #expect(card.defaultInputModes == ["text/plain"])
        #expect(card.securitySchemes == [
            SecurityScheme(name: "bearer", kind: .http(scheme: "bearer", bearerFormat: "JWT")),
            SecurityScheme(name: "key", kind: .apiKey(location: "header", name: "X-Key")),
            SecurityScheme(name: "weird", kind: .other("quantum")),
        ])
        #expect(card.securityRequirements == [["bearer": []], ["key": ["read"]]])
        #expect(card.raw["futureThing"] == ["x": 1])
    }

    @Test func v1SecuritySchemes() throws {
        let json = #"""
            {"name":"Sec","supportedInterfaces":[{"url":"http://h/","protocolBinding":"JSONRPC","protocolVersion":"1.0","tenant":"t1"}],
             "securitySchemes":{
               "k":{"apiKeySecurityScheme":{"location":"query","name":"api_key"}},
               "h":{"httpAuthSecurityScheme":{"scheme":"Bearer","bearerFormat":"JWT","description":"tokens"}},
               "o":{"oauth2SecurityScheme":{"flows":{}}},
               "oidc":{"openIdConnectSecurityScheme":{"openIdConnectUrl":"https://id/.well-known/openid-configuration"}},
               "m":{"mtlsSecurityScheme":{}}},
             "securityRequirements":[{"schemes":{"h":{"list":["a","b"]},"k":{}}}]}
            """#
        let card = try A2ACodec.decodeCard(Array(json.utf8)).get()
        #expect(card.interfaces.first?.tenant == "t1")
        #expect(card.securitySchemes.map(\.kind) == [
            .apiKey(location: "query", name: "api_key"), .http(scheme: "Bearer", bearerFormat: "JWT"), .oauth2,
            .openIDConnect(url: "https://id/.well-known/openid-configuration"), .mutualTLS,
        ])
        #expect(card.securitySchemes[1].description == "tokens")
        #expect(card.securityRequirements == [["h": ["a", "b"], "k": []]])
    }

    @Test func unusableCards() {
        #expect(A2ACodec.decodeCard(Array("[]".utf8)) == .failure(.malformed("agent card is an array, expected an object")))
        #expect(A2ACodec.decodeCard(Array(#"{"name":"x"}"#.utf8)) == .failure(.malformed("agent card 'x' has no endpoint: neither 'supportedInterfaces' nor 'url'")))
        #expect(A2ACodec.decodeCard(Array(#"{"description":"y"}"#.utf8)) == .failure(.malformed("agent card has no name and no endpoint (keys: description)")))
        if case .failure(.malformed(let why)) = A2ACodec.decodeCard(Array("<html>".utf8)) {
            #expect(why.hasPrefix("agent card is not JSON: invalid JSON at byte 0"))
        } else {
            Issue.record("html card accepted")
        }
    }

    @Test func missingTaskIdUsesTheStreamContext() throws {
        let e = try events(#"{"kind":"status-update","status":{"state":"working"}}"#, context: StreamContext(taskID: "ctx-task"))
        #expect(e.first?.taskID == "ctx-task")
        #expect(throws: A2AFailure.malformed("status update without a task id")) {
            try A2ACodec.decodeStreamData(#"{"kind":"status-update","status":{"state":"working"}}"#, eventType: "message", endpoint: Endpoints.v03, context: StreamContext()).get()
        }
    }

    @Test func eventKindsFromTheFutureAreSkipped() throws {
        #expect(try events(#"{"kind":"push-notification","taskId":"t"}"#) == [])
        #expect(try events(#"{"jsonrpc":"2.0","id":1,"result":{"kind":"hologram"}}"#) == [])
    }
}
