import Foundation
import Testing
@testable import FleetKit

/// Byte-for-byte comparison with real a2a-sdk wire captures (Tests/A2ATests/Fixtures), after
/// replacing what differs by nature: UUIDs (numbered by first appearance) and timestamps.
@Suite(.serialized) struct CaptureTests {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("A2ATests/Fixtures")

    /// The body of a capture (headers dropped when present).
    static func captureBody(_ name: String) throws -> String {
        let text = try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)
        guard text.hasPrefix("HTTP/"), let split = text.range(of: "\r\n\r\n") else { return text }
        return String(text[split.upperBound...])
    }

    static func normalized(_ text: String) -> String {
        var out = text
        let uuid = try! NSRegularExpression(pattern: "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
        var seen: [String] = []
        for match in uuid.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            let id = (text as NSString).substring(with: match.range)
            if !seen.contains(id) { seen.append(id) }
        }
        for (i, id) in seen.enumerated() {
            out = out.replacingOccurrences(of: id, with: "<uuid\(i)>")
            out = out.replacingOccurrences(of: "report-" + id.prefix(8), with: "report-<uuid\(i)>")
        }
        let timestamp = try! NSRegularExpression(pattern: #"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|\+00:00)?"#)
        return timestamp.stringByReplacingMatches(in: out, range: NSRange(out.startIndex..., in: out), withTemplate: "<ts>")
    }

    @Test func v1StreamAndGetTaskMatchTheSDKCaptures() async throws {
        try await withFleet([directedAgent("V1", .v1)]) { fleet in
            let base = fleet.base("V1")
            let stream = await Curl.rpc(base, "SendStreamingMessage",
                                        #"{"message":{"messageId":"m-1","role":"ROLE_USER","parts":[{"text":"steps=3 delay=0.3"}]}}"#,
                                        id: 1, version: "1.0")
            let streamCapture = try Self.captureBody("stream-v10.txt")
            #expect(Self.normalized(stream.body) == Self.normalized(streamCapture))
            let taskId = try #require(stream.events.first?["result"]?["task"]?["id"]?.stringValue)
            let got = await Curl.rpc(base, "GetTask", #"{"id":"\#(taskId)","historyLength":1}"#, id: 2, version: "1.0")
            let getCapture = try Self.captureBody("gettask-v10.txt")
            #expect(Self.normalized(got.body) == Self.normalized(getCapture))
        }
    }

    @Test func v03StreamAndGetMatchTheSDKCaptures() async throws {
        try await withFleet([directedAgent("V03", .v03)]) { fleet in
            let base = fleet.base("V03")
            let stream = await Curl.rpc(base, "message/stream",
                                        #"{"message":{"kind":"message","messageId":"m-3","role":"user","parts":[{"kind":"text","text":"steps=3 delay=0.3"}]}}"#,
                                        id: 1)
            let streamCapture = try Self.captureBody("stream-v03.txt")
            #expect(Self.normalized(stream.body) == Self.normalized(streamCapture))
            let taskId = try #require(stream.events.first?["result"]?["id"]?.stringValue)
            let got = await Curl.rpc(base, "tasks/get", #"{"id":"\#(taskId)","historyLength":1}"#, id: 2)
            let getCapture = try Self.captureBody("gettask-v03.txt")
            #expect(Self.normalized(got.body) == Self.normalized(getCapture))
        }
    }

    @Test func errorsMatchTheSDKCapturesExactly() async throws {
        try await withFleet([directedAgent("V1", .v1), directedAgent("V03", .v03)]) { fleet in
            let v1 = fleet.base("V1"), v03 = fleet.base("V03")
            let cases: [(String, String, String?, Int, String, String)] = [
                (v1, "GetTask", "1.0", 26, #"{"id":"x"}"#, "get-unknown-v10.txt"),
                (v1, "GetTask", nil, 27, #"{"id":"x"}"#, "get-noheader-v10.txt"),
                (v1, "tasks/send", nil, 29, "{}", "tasks-send-v01.txt"),
                (v03, "tasks/get", nil, 25, #"{"id":"x"}"#, "get-unknown-v03.txt"),
            ]
            for (base, method, version, id, params, capture) in cases {
                let expected = try Self.captureBody(capture)
                let got = await Curl.rpc(base, method, params, id: id, version: version)
                #expect(got.body == expected, "\(method) vs \(capture)")
            }
        }
    }
}
