import Foundation
import Seeded
import Testing

@testable import A2A

/// A compacted (packed, deflated) task must read back exactly as it was: the detail pane, `s` save
/// and the journal all see `task`. Checked on every recorded stream and on seeded random content,
/// with strings compared byte for byte (Swift's `==` also matches other Unicode spellings).
@Suite struct TaskCompactionTests {
    static let streams: [(String, Endpoint)] = [
        ("stream-v10.txt", Endpoints.v1), ("stream-v03.txt", Endpoints.v03), ("rest-stream-v10.txt", Endpoints.v1REST),
        ("rest-stream-v03.txt", Endpoints.v03REST), ("v03sdk-stream.txt", Endpoints.v03),
        ("subscribe-v10.txt", Endpoints.v1),
        ("v03sdk-resubscribe-complete.txt", Endpoints.v03), ("stream-ask-v10.txt", Endpoints.v1),
        ("stream-fail-v03.txt", Endpoints.v03), ("stream-followup-v10.txt", Endpoints.v1),
        ("peer-v1-stream-chunks.txt", Endpoints.v1), ("peer-v03-stream-chunks.txt", Endpoints.v03),
        ("peer-v01-sendsubscribe-chunks.txt", Endpoints.v01),
    ]

    /// Folding a real stream while compacting after every event gives, after every event, the same
    /// task as folding it plainly, and the next event lands the same on both.
    @Test(arguments: streams)
    func aCompactedStreamReadsTheSameAfterEveryEvent(file: String, endpoint: Endpoint) throws {
        let events = try streamEvents(file, endpoint: endpoint)
        let id = try #require(events.compactMap(\.taskID).first)
        var plain = TaskAccumulator(taskID: id)
        var compacted = TaskAccumulator(taskID: id)
        for event in events {
            let plainChanged = plain.apply(event)
            let compactedChanged = compacted.apply(event)
            compacted.compact()
            #expect(plainChanged == compactedChanged)
            expectIdentical(compacted, plain)
        }
        #expect(compacted.isCompacted)
        #expect(!plain.isCompacted)
    }

    /// The bench's case: three chunks of prose-like text, deflated to well under their size.
    @Test func artifactTextIsDeflated() {
        var accumulator = TaskAccumulator(taskID: "t-1", contextID: "c-1")
        var random = SplitMix64(seed: 7)
        for chunk in 0..<3 {
            let text = Self.prose(bytes: 1_400, using: &random)
            accumulator.apply(.artifact(ArtifactUpdate(
                taskID: "t-1", artifact: Artifact(artifactID: "report", name: "report", parts: [.text(text)]),
                append: chunk > 0, lastChunk: chunk == 2)))
        }
        accumulator.apply(.status(StatusUpdate(taskID: "t-1", status: TaskStatus(state: .completed))))
        let before = accumulator
        accumulator.compact()
        #expect(accumulator.isCompacted)
        #expect(accumulator.packedByteCount > 0)
        #expect(accumulator.packedByteCount < 4_200 / 2)
        expectIdentical(accumulator, before)
        #expect(accumulator.task.artifacts.first?.parts.count == 3)  // chunks stay separate parts
    }

    /// Size limits count the same after an unpack: an artifact close to its limit stays truncated
    /// at the same chunk whether or not the task was compacted in between.
    @Test func limitsAreCountedTheSameAfterUnpacking() {
        let chunk = String(repeating: "0123456789abcdef", count: (TaskAccumulator.artifactByteLimit / 3) / 16)
        var plain = TaskAccumulator(taskID: "t")
        var compacted = plain
        for n in 0..<4 {
            let event = StreamEvent.artifact(ArtifactUpdate(
                taskID: "t", artifact: Artifact(artifactID: "big", parts: [.text(chunk)]), append: n > 0))
            plain.apply(event)
            compacted.apply(event)
            compacted.compact()
        }
        #expect(plain.task.artifacts.first?.parts.count == 2)
        #expect(plain.truncatedArtifactIDs == ["big"])
        expectIdentical(compacted, plain, dumping: false)  // dumping megabytes of text would only be slow
    }

    /// Random artifacts, messages and metadata (every part kind, ids equal to the task's or not,
    /// several Unicode spellings of one text) pack and unpack to identical values.
    @Test(arguments: 0..<200)
    func randomContentRoundTrips(seed: Int) throws {
        var random = SplitMix64(seed: UInt64(seed))
        let taskID = random.pick(Self.ids)
        let contextID: String? = random.chance(4) ? nil : random.pick(Self.ids)
        let content = Self.content(taskID: taskID, contextID: contextID, using: &random)
        let packed = PackedTaskContent(content, taskID: taskID, contextID: contextID)
        let back = try #require(packed.unpack(taskID: taskID, contextID: contextID))
        #expect(back == content)
        #expect(bytes(of: back.artifacts) == bytes(of: content.artifacts))
        #expect(bytes(of: back.history) == bytes(of: content.history))
        // Sets iterate in no fixed order: compared as sorted byte strings.
        #expect(back.completedArtifactIDs.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) }
            == content.completedArtifactIDs.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) })
        #expect(back.truncatedArtifactIDs.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) }
            == content.truncatedArtifactIDs.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) })
    }

    /// Every truncation and many corruptions of an encoding decode to nil or to some value: never a crash.
    @Test(arguments: 0..<20)
    func damagedEncodingsNeverCrash(seed: Int) {
        var random = SplitMix64(seed: UInt64(1_000 + seed))
        let content = Self.content(taskID: "t", contextID: "c", using: &random)
        var encoder = TaskContentEncoder(taskID: "t", contextID: "c")
        encoder.encode(content)
        let bytes = encoder.bytes
        for length in 0..<bytes.count {
            var decoder = TaskContentDecoder(bytes: Array(bytes[0..<length]), taskID: "t", contextID: "c")
            #expect(decoder.decodeContent() == nil, "a cut encoding must not decode")
        }
        for _ in 0..<200 where !bytes.isEmpty {
            var damaged = bytes
            damaged[Int.random(in: 0..<damaged.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
            var decoder = TaskContentDecoder(bytes: damaged, taskID: "t", contextID: nil)
            _ = decoder.decodeContent()
        }
        var decoder = TaskContentDecoder(bytes: bytes, taskID: "t", contextID: "c")
        #expect(decoder.decodeContent() == content)
    }

    @Test func deflateRoundTripsAndRefusesWrongLengthsAndGarbage() throws {
        var random = SplitMix64(seed: 3)
        let text = Array(Self.prose(bytes: 10_000, using: &random).utf8)
        let deflated = try #require(Deflate.compress(text, level: 6))
        #expect(deflated.count < text.count / 2)
        #expect(Deflate.decompress(deflated, count: text.count) == text)
        #expect(Deflate.decompress(deflated, count: text.count - 1) == nil)
        #expect(Deflate.decompress(deflated, count: text.count + 1) == nil)
        let garbage = (0..<500).map { _ in UInt8.random(in: 0...255, using: &random) }
        #expect(Deflate.decompress(garbage, count: 1_000) == nil)
        #expect(Deflate.compress([], level: 6) == nil)
    }

    /// A ListTasks poll restates every known task (status, no artifacts): that must not unpack it
    /// (an inflate and a deflate per task per poll); a new context id or an artifact does.
    @Test func statusOnlySnapshotsLeaveTheTaskPacked() throws {
        var packed = TaskAccumulator(taskID: "t-1", contextID: "c-1")
        packed.apply(.artifact(ArtifactUpdate(taskID: "t-1", artifact: Artifact(artifactID: "a", parts: [.text("result")]), lastChunk: true)))
        packed.apply(.status(StatusUpdate(taskID: "t-1", status: TaskStatus(state: .completed))))
        var plain = packed
        packed.compact()
        let done = Message(messageID: "m-9", contextID: "c-1", taskID: "t-1", role: .agent, parts: [.text("Done")])
        let listed = A2ATask(id: "t-1", contextID: "c-1", status: TaskStatus(state: .completed, message: done))
        #expect(applied(to: &packed, .task(listed)) == applied(to: &plain, .task(listed)))
        #expect(packed.isCompacted)
        expectIdentical(packed, plain)
        #expect(packed.statusText == "Done")

        let moved = A2ATask(id: "t-1", contextID: "c-2", status: TaskStatus(state: .completed))
        #expect(applied(to: &packed, .task(moved)) == applied(to: &plain, .task(moved)))
        #expect(!packed.isCompacted)  // the packing refers to the old context id: unpacked first
        expectIdentical(packed, plain)
        packed.compact()
        expectIdentical(packed, plain)
    }

    /// JSON inside the packing (metadata, data parts) comes back bit for bit: every number's bits,
    /// keys in their order, strings equal to the task's ids, nesting.
    @Test func jsonValuesComeBackBitForBit() throws {
        var object = JSONObject()
        object["z"] = .number(-0.0)
        object["a"] = .array(Self.numbers.map { .number($0) })
        object["id"] = .string("t-1")
        object["ctx"] = .string("c-1")
        object["nested"] = .object(JSONObject([("b", .null), ("a", .bool(true)), ("deep", .array([.array([.object(JSONObject())])]))]))
        let value = JSONValue.object(object)
        var encoder = TaskContentEncoder(taskID: "t-1", contextID: "c-1")
        encoder.encode(json: value)
        var decoder = TaskContentDecoder(bytes: encoder.bytes, taskID: "t-1", contextID: "c-1")
        let decoded = decoder.decodeJSON()
        let back = try #require(decoded)
        #expect(back == value)
        #expect(back.objectValue?.keys == ["z", "a", "id", "ctx", "nested"])
        #expect(back.objectValue?["nested"]?.objectValue?.keys == ["b", "a", "deep"])
        #expect(back["z"]?.doubleValue?.sign == .minus)
        let bits = back["a"]?.arrayValue?.compactMap { $0.doubleValue?.bitPattern }
        #expect(bits == Self.numbers.map(\.bitPattern))
        // The ids are written as one byte each: the encoding is shorter than with other strings.
        var other = TaskContentEncoder(taskID: "x-1", contextID: "y-1")
        other.encode(json: value)
        #expect(encoder.bytes.count < other.bytes.count)
    }

    /// A finished task's metadata and status message are kept encoded while it is packed, survive a
    /// list poll restating them, and are replaced by one that changes them.
    @Test func metadataIsPackedAndSurvivesRestatements() {
        var packed = TaskAccumulator(taskID: "t-1", contextID: "c-1")
        let metadata: JSONValue = ["skill": "pricing", "progress": 100, "steps": [["name": "fetch", "ms": 12.5]]]
        let done = Message(
            messageID: "m-9", contextID: "c-1", taskID: "t-1", role: .agent, parts: [.text("Done"), Part(.data(["rows": 3]))],
            metadata: ["latency": 0.25])
        let finished = A2ATask(
            id: "t-1", contextID: "c-1", status: TaskStatus(state: .completed, message: done),
            history: [Message(messageID: "m-1", role: .user, parts: [.text("price it")], metadata: ["skill": "pricing"])],
            metadata: metadata)
        packed.apply(.task(finished))
        var plain = packed
        packed.compact()
        #expect(packed.isCompacted)
        #expect(packed.metadataIsPacked)
        #expect(packed.statusMessageIsPacked)
        expectIdentical(packed, plain)

        // As a ListTasks poll restates it: no history (`historyLength: 0`).
        var listed = finished
        listed.history = []
        #expect(applied(to: &packed, .task(listed)) == applied(to: &plain, .task(listed)))
        #expect(packed.isCompacted && packed.metadataIsPacked && packed.statusMessageIsPacked)
        expectIdentical(packed, plain)

        var changed = listed
        changed.metadata = ["skill": "pricing", "progress": 100, "note": "rerun"]
        #expect(applied(to: &packed, .task(changed)) == applied(to: &plain, .task(changed)))
        #expect(packed.isCompacted && packed.metadataIsPacked)
        expectIdentical(packed, plain)
        #expect(packed.task.metadata?["note"] == "rerun")
    }

    @Test func nothingToPackLeavesTheTaskAsItIs() {
        var accumulator = TaskAccumulator(taskID: "t")
        accumulator.apply(.status(StatusUpdate(taskID: "t", status: TaskStatus(state: .failed))))
        accumulator.compact()
        #expect(!accumulator.isCompacted)
        #expect(accumulator.state == .failed)
    }

    // MARK: helpers

    /// Equal, equally hashed, the same reads, and the same bytes in every string.
    func expectIdentical(
        _ a: TaskAccumulator, _ b: TaskAccumulator, dumping: Bool = true, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(a == b, sourceLocation: sourceLocation)
        #expect(a.hashValue == b.hashValue, sourceLocation: sourceLocation)
        #expect(a.task == b.task, sourceLocation: sourceLocation)
        if dumping { #expect(bytes(of: a.task) == bytes(of: b.task), sourceLocation: sourceLocation) }
        #expect(a.completedArtifactIDs == b.completedArtifactIDs, sourceLocation: sourceLocation)
        #expect(a.truncatedArtifactIDs == b.truncatedArtifactIDs, sourceLocation: sourceLocation)
        #expect(a.state == b.state && a.taskID == b.taskID && a.contextID == b.contextID, sourceLocation: sourceLocation)
        #expect(a.statusText == b.statusText && a.progressPercent == b.progressPercent, sourceLocation: sourceLocation)
    }

    /// The value printed in full, as bytes: two Unicode spellings of one text differ here.
    func bytes(of value: some Any) -> [UInt8] {
        var text = ""
        dump(value, to: &text)
        return Array(text.utf8)
    }

    static let ids = [
        "t-1", "07a2e49e-85ef-4ef7-9e41-862497c6b03a", "café", "cafe\u{301}", "", "ctx", "a\u{0}b", "😀 emoji id",
    ]
    static let texts = ["Done", "", "é", "e\u{301}", "line\nbreak", "tab\tand \"quotes\"", "\u{1B}[31mred", "日本語のテキスト"]

    static func content(taskID: String, contextID: String?, using random: inout SplitMix64) -> PackedTaskContent.Content {
        let artifacts = (0..<Int.random(in: 0...4, using: &random)).map { n in
            Artifact(
                artifactID: random.chance(5) ? taskID : "artifact-\(n)", name: random.chance(2) ? nil : random.pick(texts),
                description: random.chance(3) ? random.pick(texts) : nil, parts: parts(using: &random),
                metadata: random.chance(3) ? json(depth: 2, using: &random) : nil)
        }
        let messages = (0..<Int.random(in: 0...5, using: &random)).map { _ in
            message(taskID: taskID, contextID: contextID, using: &random)
        }
        let ids = artifacts.map(\.artifactID) + ["gone"]
        return PackedTaskContent.Content(
            artifacts: artifacts, history: messages, completedArtifactIDs: Set(ids.filter { _ in random.chance(2) }),
            truncatedArtifactIDs: Set(ids.filter { _ in random.chance(4) }))
    }

    static func message(taskID: String, contextID: String?, using random: inout SplitMix64) -> Message {
        let roles: [Role] = [.user, .agent, .other("ROLE_SYSTEM"), .other("")]
        return Message(
            messageID: random.chance(3) ? "" : random.pick(ids),
            contextID: random.chance(2) ? contextID : random.pick(ids + [nil]),
            taskID: random.chance(2) ? taskID : random.pick(ids + [nil]),
            role: random.pick(roles), parts: parts(using: &random),
            metadata: random.chance(3) ? json(depth: 2, using: &random) : nil,
            referenceTaskIDs: random.chance(3) ? [taskID, random.pick(ids)] : [])
    }

    static func parts(using random: inout SplitMix64) -> [Part] {
        (0..<Int.random(in: 0...4, using: &random)).map { _ in
            let content: Part.Content =
                switch Int.random(in: 0..<5, using: &random) {
                case 0: .fileBytes(base64: "aGVsbG8=")
                case 1: .fileURL("https://example.com/\(random.pick(texts))")
                case 2: .data(json(depth: 3, using: &random))
                case 3: .text(prose(bytes: Int.random(in: 0...3_000, using: &random), using: &random))
                default: .text(random.pick(texts))
                }
            return Part(
                content, mediaType: random.chance(3) ? "text/markdown" : nil, filename: random.chance(4) ? random.pick(texts) : nil,
                metadata: random.chance(4) ? json(depth: 1, using: &random) : nil)
        }
    }

    static func json(depth: Int, using random: inout SplitMix64) -> JSONValue {
        switch Int.random(in: 0..<(depth > 0 ? 6 : 4), using: &random) {
        case 0: return .null
        case 1: return .bool(random.chance(2))
        case 2:
            return .number(random.chance(3) ? random.pick(numbers) : Double(Int.random(in: -1000...1000, using: &random)) / 8)
        case 3: return .string(random.pick(texts))
        case 4: return .array((0..<Int.random(in: 0...3, using: &random)).map { _ in json(depth: depth - 1, using: &random) })
        default:
            var object = JSONObject()
            for key in ["progress", "z", "a", "é"] where random.chance(2) { object[key] = json(depth: depth - 1, using: &random) }
            return .object(object)
        }
    }

    /// Numbers whose bits must come back exactly: whole ones at the edges of the varint form, -0,
    /// fractions without an exact decimal, the extremes.
    static let numbers: [Double] = [
        0, -0.0, 1, -1, 100, 33.0, 0.1, 1e300, -1e-300, 9_007_199_254_740_991, 9_007_199_254_740_992, 18_446_744_073_709_551_616,
        .leastNonzeroMagnitude, .greatestFiniteMagnitude, 127, 128, 16_383, 16_384,
    ]

    /// Words from a small vocabulary: text that deflates like prose.
    static func prose(bytes: Int, using random: inout SplitMix64) -> String {
        let words = ["the", "agent", "report", "of", "task", "stream", "and", "a", "result", "was", "in", "résumé", "data"]
        var out = ""
        while out.utf8.count < bytes { out += random.pick(words) + (random.chance(9) ? ".\n" : " ") }
        return out
    }
}

extension SplitMix64 {
    mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &self)] }
    /// True one time in `n`.
    mutating func chance(_ n: Int) -> Bool { Int.random(in: 0..<n, using: &self) == 0 }
}
