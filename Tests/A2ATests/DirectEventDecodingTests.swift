import Foundation
import Seeded
import Testing

@testable import A2A

/// `DirectEventDecoding` reads the common stream events without a JSON tree; the tree path
/// (`StreamDataDecoding.decodeTree`) is the reference. Whenever the direct decoder answers, the
/// tree must give exactly the same events; when it declines, `decodeStreamData` must be the tree's
/// answer (events or the same failure).
@Suite struct DirectEventDecodingTests {
    static let contexts = [StreamContext(), StreamContext(taskID: "t-ctx", contextID: "c-ctx")]
    static let eventTypes = ["message", "", "error", "task_status"]
    static let endpoints = [
        Endpoint(url: "http://127.0.0.1:1/", dialect: .v1), Endpoint(url: "http://127.0.0.1:1/", dialect: .v03),
        Endpoint(url: "http://127.0.0.1:1/", dialect: .v01), Endpoint(url: "http://127.0.0.1:1/", dialect: .v1, binding: .httpJSON),
    ]

    /// The direct decoder on a data string's bytes.
    static func direct(_ data: String, eventType: String, context: StreamContext) -> [StreamEvent]? {
        var data = data
        return data.withUTF8 { DirectEventDecoding.events(UnsafeRawBufferPointer($0), eventType: eventType, context: context) }
    }

    /// The reference: the whole JSON tree, read by shape.
    static func tree(_ data: String, eventType: String, endpoint: Endpoint, context: StreamContext)
        -> Result<[StreamEvent], A2AFailure>
    {
        var data = data
        return data.withUTF8 { utf8 in
            Result { () throws(A2AFailure) in
                try StreamDataDecoding.decodeTree(UnsafeRawBufferPointer(utf8), eventType: eventType, endpoint: endpoint, context: context)
            }
        }
    }

    /// Checks one data string under every endpoint, event type and context: both public entries
    /// (String and bytes) give the tree's answer, and whenever the direct decoder answers, its
    /// events are the tree's. Returns how many of those the direct decoder answered.
    @discardableResult
    static func agree(_ data: String, eventTypes: [String] = eventTypes) -> Int {
        var answered = 0
        for endpoint in endpoints {
            for eventType in eventTypes {
                for context in contexts {
                    let tree = tree(data, eventType: eventType, endpoint: endpoint, context: context)
                    let fromText = A2ACodec.decodeStreamData(data, eventType: eventType, endpoint: endpoint, context: context)
                    #expect(fromText == tree, "decodeStreamData(String) differs from the tree on \(data.prefix(300))")
                    let fromBytes = A2ACodec.decodeStreamData(Array(data.utf8), eventType: eventType, endpoint: endpoint, context: context)
                    #expect(fromBytes == tree, "decodeStreamData([UInt8]) differs from the tree on \(data.prefix(300))")
                    guard let direct = direct(data, eventType: eventType, context: context) else { continue }
                    answered += 1
                    #expect(tree == .success(direct), "direct \(direct) vs tree \(tree) on \(data.prefix(300))")
                }
            }
        }
        return answered
    }

    /// The SSE data of every capture (and the bodies of the others, which must be declined or agree).
    static func captureData() throws -> [String] {
        var all: [String] = []
        for name in try Capture.allNames() {
            let capture = try Capture.load(name)
            if capture.isEventStream {
                all += splitSSE(capture.body).map(\.data)
            } else {
                all.append(String(decoding: capture.body, as: UTF8.self))
            }
        }
        return all
    }

    @Test func everyCaptureAgreesAndTheUpdatesTakeTheDirectPath() throws {
        let all = try Self.captureData()
        var updates = 0, direct = 0
        for data in all {
            let answered = Self.agree(data)
            let isUpdate = data.contains("\"statusUpdate\"") || data.contains("\"artifactUpdate\"")
                || data.contains("\"status-update\"") || data.contains("\"artifact-update\"")
            if isUpdate { updates += 1 }
            if answered > 0 { direct += 1 }
        }
        // The captures hold dozens of V1 and V03 updates: most must not fall back to the tree.
        #expect(updates > 40)
        #expect(direct * 10 >= updates * 8, "direct path took \(direct) of \(updates) update events")
    }

    @Test func theBenchmarkShapesAreDecodedDirectly() {
        let v1 = #"{"id":1,"jsonrpc":"2.0","result":{"statusUpdate":{"taskId":"t1","contextId":"c1","status":{"state":"TASK_STATE_WORKING","message":{"messageId":"m","role":"ROLE_AGENT","parts":[{"text":"Step 1/2 (50%)"}]},"timestamp":"2026-11-27T03:11:09.128337Z"},"metadata":{"progress":50.0}}}}"#
        let v03 = #"{"id":1,"jsonrpc":"2.0","result":{"append":true,"artifact":{"artifactId":"r","name":"report","parts":[{"kind":"text","text":"chunk\n2 \u00e9"}]},"contextId":"c","kind":"artifact-update","lastChunk":"TRUE","taskId":"t"}}"#
        let rest = #"{"artifactUpdate": {"taskId": "t", "artifact": {"parts": [{"text": ""}, 3, {"kind": "text"}]}}}"#
        let v1Task = #"{"result": {"task": {"id": "t1", "contextId": "c1", "status": {"state": "TASK_STATE_SUBMITTED"}, "history": [{"messageId": "m-1", "contextId": "c1", "taskId": "t1", "role": "ROLE_USER", "parts": [{"text": "steps=3"}]}]}}, "id": 1, "jsonrpc": "2.0"}"#
        let v03Task = #"{"id":1,"jsonrpc":"2.0","result":{"artifacts":[7,{"parts":[]},{"artifactId":"a","parts":[{"kind":"text","text":"x"}]}],"contextId":"c","history":[{"kind":"message","messageId":"v3-1","parts":[{"kind":"text","text":"go"}],"role":"user"}],"id":"t","kind":"task","status":{"state":"submitted"}}}"#
        for data in [v1, v03, rest, v1Task, v03Task] {
            #expect(Self.direct(data, eventType: "message", context: StreamContext()) != nil, "\(data)")
            #expect(Self.agree(data) > 0)
        }
        let status = Self.direct(v1, eventType: "message", context: StreamContext())?.first
        guard case .status(let update) = status else {
            Issue.record("not a status update: \(String(describing: status))")
            return
        }
        #expect(update.taskID == "t1" && update.status.state == .working && update.progressPercent == 50)
        #expect(update.status.message?.text == "Step 1/2 (50%)")
        guard case .task(let task)? = Self.direct(v03Task, eventType: "message", context: StreamContext())?.first else {
            Issue.record("not a task")
            return
        }
        // The artifact without an id is keyed by its position among all elements (the 7 counts).
        #expect(task.id == "t" && task.history.first?.role == .user && task.artifacts.map(\.artifactID) == ["1", "a"])
    }

    @Test func oddShapesAreLeftToTheTree() {
        let declined = [
            #"{"statusUpdate":{"taskId":"a","status":{"state":"working"}},"statusUpdate":{"taskId":"b"}}"#,  // duplicate
            #"{"kind":"status-update","taskId":"a","taskId":"b"}"#,  // duplicate key: the tree's last wins
            #"{"kind":"status-update","task\u0049d":"a","taskId":"b"}"#,  // the same, escaped
            #"{"kind":"status-update","taskId":"a","percent":5}"#,  // a member it does not read
            #"{"kind":"task","id":"a","status":{"state":"working"}}"#,  // a bare task: `id` reads as an envelope's
            #"{"result":{"task":{"contextId":"c"}}}"#,  // `task` without a status or an id is no wrapper
            #"{"result":{"kind":"task","status":{"state":"working"}}}"#,  // a task without an id
            #"{"kind":"status-update","taskId":"a"} x"#,  // trailing garbage
            #"{"kind":"status-update","taskId":"a",}"#,  // trailing comma
            #"{"kind":"status-update","status":{"state":"working"}}"#,  // no task id, no context
            #"{"jsonrpc":"2.0","id":1,"error":{"code":-32001,"message":"gone"}}"#,
            #"{"artifactUpdate":{"taskId":"a","artifact":{"parts":[{"kind":"file","file":{"uri":"x"}}]}}}"#,
            #"{"kind":"status-update","taskId":"a","sessionId":"s"}"#,  // the V01 spelling of the context
            #"{"statusUpdate":{"taskId":"a"},"taskId":"b"}"#,  // a wrapper with update members beside it
            #"{"kind":"artifact-update","taskId":"a","artifact":{"index":2,"parts":[]}}"#,  // V01 artifact index
            "",
            "   ",
        ]
        for data in declined {
            #expect(Self.direct(data, eventType: "message", context: StreamContext()) == nil, "\(data)")
            Self.agree(data)
        }
    }

    @Test func hugeValuesAgree() {
        var rng = SplitMix64(seed: 99)
        for _ in 0..<3 {
            let text = Self.huge(&rng, repeats: 40_000)  // 320 KB – 480 KB
            let data = #"{"jsonrpc":"2.0","id":1,"result":{"kind":"artifact-update","taskId":"t","artifact":{"artifactId":"a","parts":[{"kind":"text","text":"#
                + (text.hasPrefix("{") ? #""x""# : text) + #"}]},"metadata":"# + (text.hasPrefix("{") ? text : "{}") + "}}"
            #expect(Self.agree(data, eventTypes: ["message"]) > 0, "a huge update was left to the tree")
        }
    }

    @Test func theNestingLimitHoldsExactlyAsInTheTree() {
        // The update sits 3 levels deep; metadata nested around the limit must be accepted and
        // refused exactly where the tree parser accepts and refuses it.
        for extra in [505, 506, 507, 508, 509, 510, 511, 512, 513] {
            let nested = String(repeating: "[", count: extra) + String(repeating: "]", count: extra)
            let data = #"{"jsonrpc":"2.0","id":1,"result":{"kind":"status-update","taskId":"t","metadata":{"deep":"#
                + nested + "}}}"
            Self.agree(data, eventTypes: ["message"])
        }
    }

    // MARK: Seeded random events and mutations

    /// A value of a random JSON type, sometimes an awkward string or number, rarely a huge one.
    static func scalar(_ rng: inout SplitMix64) -> String {
        let strings = [#""""#, #""x""#, #""true""#, #""TRUE""#, #""working""#, #""TASK_STATE_COMPLETED""#, #""a\nb\u00e9\ud83d\ude00""#,
                       #""\ud800""#, #""2026-11-27T03:11:09Z""#, #""50""#, #"" 33.5 ""#, #""1e2""#, #""é ✓""#, #""\u0000\/""#]
        let numbers = ["1e400", "-1e400", "-0", "12345678901234567890123", "0.000001", "1E2", "3.0e-5", "100.0000000000000001"]
        switch rng.next() % 10 {
        case 0: return "null"
        case 1: return rng.next() % 2 == 0 ? "true" : "false"
        case 2: return String(Double(Int(rng.next() % 2000)) / 10 - 50)
        case 3: return "{}"
        case 4: return "[]"
        case 5: return numbers[Int(rng.next() % UInt64(numbers.count))]
        case 6 where rng.next() % 8 == 0: return huge(&rng)
        default: return strings[Int(rng.next() % UInt64(strings.count))]
        }
    }

    /// A string or object of one to six thousand bytes (long texts, escapes and non-ASCII in it).
    static func huge(_ rng: inout SplitMix64, repeats: Int? = nil) -> String {
        let unit = ["abcdefgh", "é✓😀", #"\n\"\u00e9"#][Int(rng.next() % 3)]
        let text = String(repeating: unit, count: repeats ?? 150 + Int(rng.next() % 600))
        return rng.next() % 2 == 0 ? "\"\(text)\"" : #"{"progress":"# + "\(rng.next() % 150)" + #","note":""# + text + #""}"#
    }

    /// A member; its key sometimes spelled with an escape (`"t\u0061skId"` is `taskId`).
    static func member(_ key: String, _ value: String, _ rng: inout SplitMix64) -> String {
        let space = rng.next() % 5 == 0 ? " \n" : ""
        var spelled = key
        if rng.next() % 12 == 0, let first = key.unicodeScalars.first {
            spelled = "\\u" + String(format: "%04x", first.value) + String(key.unicodeScalars.dropFirst())
        }
        return "\(space)\"\(spelled)\"\(space):\(space)\(value)"
    }

    static func object(_ members: [(String, String)], _ rng: inout SplitMix64) -> String {
        var chosen = members.filter { _ in rng.next() % 5 != 0 }
        chosen.shuffle(using: &rng)
        if rng.next() % 25 == 0 { chosen.append(("unknownKey", scalar(&rng))) }
        if rng.next() % 40 == 0 { chosen.append((["percent", "sessionId", "id", "type", "error", "index"][Int(rng.next() % 6)], scalar(&rng))) }
        if rng.next() % 25 == 0, let first = chosen.first { chosen.append(first) }
        return "{" + chosen.map { member($0.0, $0.1, &rng) }.joined(separator: ",") + "}"
    }

    static func pick(_ typical: String, _ rng: inout SplitMix64) -> String {
        rng.next() % 6 == 0 ? scalar(&rng) : typical
    }

    static func part(_ rng: inout SplitMix64) -> String {
        if rng.next() % 12 == 0 { return scalar(&rng) }
        return object([("kind", pick(#""text""#, &rng)), ("text", pick(#""hello\n\"w\"""#, &rng)),
                       ("metadata", pick(#"{"progress":"25"}"#, &rng))], &rng)
    }

    static func parts(_ rng: inout SplitMix64) -> String {
        "[" + (0..<Int(rng.next() % 3)).map { _ in part(&rng) }.joined(separator: ",") + "]"
    }

    static func statusObject(_ rng: inout SplitMix64) -> String {
        let message = object([("messageId", pick(#""m-1""#, &rng)), ("contextId", pick(#""c""#, &rng)),
                              ("taskId", pick(#""t""#, &rng)), ("role", pick(#""ROLE_AGENT""#, &rng)),
                              ("kind", pick(#""message""#, &rng)), ("parts", pick(parts(&rng), &rng)),
                              ("metadata", pick(#"{"progress":120}"#, &rng))], &rng)
        return object([("state", pick(#""TASK_STATE_WORKING""#, &rng)), ("message", pick(message, &rng)),
                       ("timestamp", pick(#""2026-11-27T03:13:53.598541+00:00""#, &rng))], &rng)
    }

    static func update(_ rng: inout SplitMix64, artifact: Bool, kind: String?) -> String {
        var members: [(String, String)] = [
            ("taskId", pick(#""task-1""#, &rng)), ("contextId", pick(#""ctx-1""#, &rng)),
            ("metadata", pick(#"{"progress":"33.5","stage":"x"}"#, &rng)),
        ]
        if let kind { members.append(("kind", pick(kind, &rng))) }
        if artifact {
            let artifactObject = object([("artifactId", pick(#""a-1""#, &rng)), ("name", pick(#""report""#, &rng)),
                                         ("description", pick(#""d""#, &rng)), ("parts", pick(parts(&rng), &rng)),
                                         ("append", scalar(&rng)), ("lastChunk", scalar(&rng))], &rng)
            members += [("artifact", pick(artifactObject, &rng)), ("append", pick("true", &rng)),
                        ("lastChunk", pick("false", &rng))]
        } else {
            members += [("status", pick(statusObject(&rng), &rng)), ("final", pick("false", &rng))]
        }
        return object(members, &rng)
    }

    static func message(_ rng: inout SplitMix64) -> String {
        object([("messageId", pick(#""m-1""#, &rng)), ("contextId", pick(#""ctx-1""#, &rng)),
                ("taskId", pick(#""task-1""#, &rng)), ("role", pick(#""ROLE_USER""#, &rng)),
                ("kind", pick(#""message""#, &rng)), ("parts", pick(parts(&rng), &rng))], &rng)
    }

    /// A task snapshot: `kind: "task"` or the V1 `{task}` wrapper, with history and artifacts.
    static func task(_ rng: inout SplitMix64) -> String {
        let history = "[" + (0..<Int(rng.next() % 3)).map { _ in rng.next() % 8 == 0 ? scalar(&rng) : message(&rng) }.joined(separator: ",") + "]"
        let artifacts = "[" + (0..<Int(rng.next() % 3)).map { _ in
            rng.next() % 6 == 0 ? scalar(&rng)
                : object([("artifactId", pick(#""a-1""#, &rng)), ("name", pick(#""report""#, &rng)), ("parts", pick(parts(&rng), &rng))], &rng)
        }.joined(separator: ",") + "]"
        var members: [(String, String)] = [
            ("id", pick(#""task-1""#, &rng)), ("contextId", pick(#""ctx-1""#, &rng)), ("status", pick(statusObject(&rng), &rng)),
            ("history", pick(history, &rng)), ("artifacts", pick(artifacts, &rng)), ("metadata", pick(#"{"a":1}"#, &rng)),
        ]
        if rng.next() % 5 == 0 { members.append(("taskId", pick(#""task-2""#, &rng))) }
        if rng.next() % 2 == 0 {
            members.append(("kind", pick(#""task""#, &rng)))
            return object(members, &rng)
        }
        return "{\"task\":\(object(members, &rng))}"
    }

    static func event(_ rng: inout SplitMix64) -> String {
        if rng.next() % 5 == 0 {
            return object([("jsonrpc", #""2.0""#), ("id", pick("1", &rng)), ("result", task(&rng))], &rng)
        }
        let artifact = rng.next() % 2 == 0
        let body: String
        if rng.next() % 2 == 0 {
            body = update(&rng, artifact: artifact, kind: artifact ? #""artifact-update""# : #""status-update""#)
        } else {
            let wrapper = artifact ? "artifactUpdate" : "statusUpdate"
            body = "{\"\(wrapper)\":\(update(&rng, artifact: artifact, kind: rng.next() % 4 == 0 ? #""x""# : nil))}"
        }
        if rng.next() % 3 == 0 { return body }
        return object([("jsonrpc", #""2.0""#), ("id", pick("1", &rng)), ("result", body)], &rng)
    }

    /// One random edit: bytes that matter to the grammar, escapes, cuts and repeats.
    static func mutate(_ text: String, _ rng: inout SplitMix64) -> String {
        var bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return text }
        let at = Int(rng.next() % UInt64(bytes.count))
        let interesting: [[UInt8]] = ["{", "}", "[", "]", ",", ":", "\"", "\\", "\\u0041", "0", "-", " ", "\u{1}", "é", "null"]
            .map { Array($0.utf8) }
        switch rng.next() % 5 {
        case 0: bytes.remove(at: at)
        case 1: bytes.insert(contentsOf: interesting[Int(rng.next() % UInt64(interesting.count))], at: at)
        case 2: bytes = Array(bytes[..<at])
        case 3:
            let end = min(bytes.count, at + Int(rng.next() % 40))
            bytes.insert(contentsOf: bytes[at..<end], at: end)
        default: bytes[at] = interesting[Int(rng.next() % UInt64(interesting.count))][0]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test(arguments: [UInt64(1), 2, 3, 4])
    func seededRandomEventsAgree(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        var answered = 0
        for _ in 0..<400 {
            if Self.agree(Self.event(&rng), eventTypes: ["message", "error"]) > 0 { answered += 1 }
        }
        // Most random events use only members the direct decoder reads.
        #expect(answered > 100, "direct path answered \(answered) of 400")
    }

    @Test(arguments: [UInt64(11), 12, 13])
    func mutatedCapturesAndEventsAgree(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let captures = try Self.captureData().filter { $0.contains("Update") || $0.contains("-update") || $0.contains("task") }
        var answered = 0
        for i in 0..<600 {
            var data = i % 2 == 0 ? captures[Int(rng.next() % UInt64(captures.count))] : Self.event(&rng)
            for _ in 0...(rng.next() % 3) { data = Self.mutate(data, &rng) }
            if Self.agree(data, eventTypes: ["message"]) > 0 { answered += 1 }
        }
        // Most mutations break the JSON or add what the direct decoder leaves to the tree.
        #expect(answered > 20, "direct path answered \(answered) of 600 mutated events")
    }

    /// A stream's context keeps the ids its events repeat (`StreamIDMemo`) for the next event:
    /// decoding through one context must give exactly what fresh contexts give, whatever the memo
    /// holds — the same stream, two streams interleaved, random and mutated events, ids that
    /// differ from the kept ones by a byte or by their length.
    @Test(arguments: [UInt64(21), 22, 23])
    func aStreamsSharedContextGivesWhatFreshContextsGive(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let captures = try Self.captureData()
        let shared = StreamContext()
        var inputs: [String] = captures + captures.reversed()
        for _ in 0..<400 {
            var data = rng.next() % 2 == 0 ? captures[Int(rng.next() % UInt64(captures.count))] : Self.event(&rng)
            if rng.next() % 3 == 0 { data = Self.mutate(data, &rng) }
            inputs.append(data)
        }
        // Near misses of a kept id: one byte changed, one byte more or less.
        let id = #"{"jsonrpc":"2.0","id":1,"result":{"kind":"status-update","taskId":"%@","contextId":"ctx-1","status":{"state":"working"}}}"#
        for taskID in ["task-abc", "task-abd", "task-abcd", "task-ab", "task-abc", "t\\u0061sk-abc", "ctx-1"] {
            inputs.append(id.replacingOccurrences(of: "%@", with: taskID))
        }
        var sharedAnswers = 0
        for data in inputs {
            let fresh = Self.direct(data, eventType: "message", context: StreamContext())
            let viaShared = Self.direct(data, eventType: "message", context: shared)
            #expect(viaShared == fresh, "\(data.prefix(300))")
            if viaShared != nil { sharedAnswers += 1 }
        }
        #expect(sharedAnswers > 100)
    }

    @Test func theKeptIDsAreTheLastEventsOnes() {
        let context = StreamContext()
        let event = #"{"jsonrpc":"2.0","id":1,"result":{"kind":"status-update","taskId":"task-7","contextId":"ctx-7","status":{"state":"working"}}}"#
        #expect(Self.direct(event, eventType: "message", context: context) != nil)
        let kept = context.recentIDs.current
        #expect(Set([kept?.first, kept?.second].compactMap { $0 }) == ["task-7", "ctx-7"])
        // A copy of the context is the same stream: it sees the same memo.
        let copy = context
        #expect(copy.recentIDs === context.recentIDs)
        #expect(copy == context && StreamContext(taskID: "x") != context)
    }
}
