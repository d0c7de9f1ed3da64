import Foundation
import Seeded
import Testing

@testable import A2A

/// Finished tasks packed together (`TaskAccumulator.compact(together:)`, one deflate stream per
/// group) must each read back exactly as they were, alone, whatever their neighbours hold — and a
/// group must be worth it: smaller than its tasks packed alone.
@Suite struct TaskGroupCompactionTests {
    typealias Helpers = TaskCompactionTests

    typealias Member = (content: PackedTaskContent.Content, taskID: String, contextID: String?)

    /// A random number (in `count`) of random tasks' contents with their ids, as `group` takes them.
    func randomMembers(_ count: ClosedRange<Int>, using random: inout SplitMix64) -> [Member] {
        (0..<Int.random(in: count, using: &random)).map { _ in
            let taskID = random.pick(Helpers.ids)
            let contextID: String? = random.chance(4) ? nil : random.pick(Helpers.ids)
            return (Helpers.content(taskID: taskID, contextID: contextID, using: &random), taskID, contextID)
        }
    }

    /// Seeded random groups (every part kind, JSON values, NUL, emoji, two Unicode spellings of one
    /// text, tasks with nothing to pack among them): every member reads back identical, in any order.
    @Test(arguments: 0..<60)
    func randomGroupsRoundTrip(seed: Int) throws {
        var random = SplitMix64(seed: UInt64(5_000 + seed))
        let members = randomMembers(1...12, using: &random)
        let packed = PackedTaskContent.group(members)
        #expect(packed.count == members.count)
        // Read in a shuffled order: each member inflates the stream up to its own end, alone.
        for i in members.indices.shuffled(using: &random) {
            let member = members[i]
            let back = try #require(packed[i].unpack(taskID: member.taskID, contextID: member.contextID))
            #expect(back == member.content)
            #expect(bytes(of: back.artifacts) == bytes(of: member.content.artifacts))
            #expect(bytes(of: back.history) == bytes(of: member.content.history))
            #expect(sortedBytes(back.completedArtifactIDs) == sortedBytes(member.content.completedArtifactIDs))
            #expect(sortedBytes(back.truncatedArtifactIDs) == sortedBytes(member.content.truncatedArtifactIDs))
        }
    }

    /// The same groups with their deflated streams in a spill file: each member reads back exactly,
    /// nothing of the stream stays in the heap, and dropping the members releases the file's bytes.
    @Test(arguments: 0..<10)
    func spilledGroupsRoundTripAndReleaseTheirBytes(seed: Int) throws {
        let spill = try SpillFileTests.openSpillFile()
        var random = SplitMix64(seed: UInt64(7_000 + seed))
        let members = randomMembers(2...12, using: &random)
        var packed: [PackedTaskContent]? = PackedTaskContent.group(members, spill: spill)
        let inHeap = try #require(packed).filter { $0.isGrouped && !$0.isSpilled }
        #expect(inHeap.isEmpty, "a group's stream goes to the file")
        #expect(try #require(packed).contains(where: \.isGrouped) == (spill.liveBytes > 0))
        for i in members.indices.shuffled(using: &random) {
            let member = members[i]
            let back = try #require(packed?[i].unpack(taskID: member.taskID, contextID: member.contextID))
            #expect(back == member.content)
        }
        packed = nil
        #expect(spill.liveBytes == 0)
    }

    /// Accumulators folded from events, packed together: each reads exactly as before (value, hash,
    /// byte dump, limits); a late event unpacks one member and leaves its neighbours readable; the
    /// same events then land the same as on a task that was never packed.
    @Test(arguments: 0..<10)
    func accumulatorsPackedTogetherReadTheSame(seed: Int) {
        var random = SplitMix64(seed: UInt64(9_000 + seed))
        var plain: [TaskAccumulator] = (0..<8).map { n in
            var accumulator = TaskAccumulator(taskID: "task-\(n)", contextID: "ctx-\(n % 3)")
            if n == 5 { return accumulator }  // nothing to pack: left as it is
            for chunk in 0..<3 {
                let text = Helpers.prose(bytes: Int.random(in: 0...1_500, using: &random), using: &random)
                    + (random.chance(3) ? " café e\u{301} 😀 \u{0}" : "")
                accumulator.apply(.artifact(ArtifactUpdate(
                    taskID: "task-\(n)", artifact: Artifact(artifactID: "report", name: "report", parts: [.text(text)]),
                    append: chunk > 0, lastChunk: chunk == 2)))
            }
            accumulator.apply(.message(Helpers.message(taskID: "task-\(n)", contextID: "ctx-\(n % 3)", using: &random)))
            accumulator.apply(.status(StatusUpdate(
                taskID: "task-\(n)", contextID: "ctx-\(n % 3)",
                status: TaskStatus(state: .completed, message: Message(messageID: "m-\(n)", role: .agent, parts: [.text("Done")])))))
            return accumulator
        }
        var packed = plain
        TaskAccumulator.compact(together: &packed)
        for n in packed.indices {
            #expect(packed[n].isCompacted == (n != 5))
            #expect(packed[n].isCompactedInGroup == (n != 5))
            expectIdentical(packed[n], plain[n])
        }
        // A late chunk for one member: it unpacks; the others still read from the group.
        let late = StreamEvent.artifact(ArtifactUpdate(
            taskID: "task-2", artifact: Artifact(artifactID: "report", parts: [.text("a late chunk")]), append: true))
        #expect(packed[2].apply(late) == plain[2].apply(late))
        #expect(!packed[2].isCompacted)
        for n in packed.indices { expectIdentical(packed[n], plain[n]) }
        // A status restating the same context leaves a member packed, and changes it the same.
        let status = StreamEvent.status(StatusUpdate(taskID: "task-3", contextID: "ctx-0", status: TaskStatus(state: .failed)))
        #expect(packed[3].apply(status) == plain[3].apply(status))
        #expect(packed[3].isCompactedInGroup)
        expectIdentical(packed[3], plain[3])
    }

    /// Texts that share their vocabulary (as one agent's reports do) pack smaller together than
    /// each alone; the share each member counts adds up to the group's buffer.
    @Test func aGroupIsSmallerThanItsTasksAlone() {
        var random = SplitMix64(seed: 11)
        let accumulators: [TaskAccumulator] = (0..<8).map { n in
            var accumulator = TaskAccumulator(taskID: "task-\(n)")
            accumulator.apply(.artifact(ArtifactUpdate(
                taskID: "task-\(n)",
                artifact: Artifact(artifactID: "report", parts: [.text(Helpers.prose(bytes: 4_000, using: &random))]))))
            return accumulator
        }
        var alone = accumulators
        for i in alone.indices { alone[i].compact() }
        var together = accumulators
        TaskAccumulator.compact(together: &together)
        let aloneBytes = alone.reduce(0) { $0 + $1.packedByteCount }
        let togetherBytes = together.reduce(0) { $0 + $1.packedByteCount }
        let allGrouped = together.allSatisfy { $0.isCompactedInGroup }
        #expect(allGrouped)
        let allAlone = alone.allSatisfy { $0.isCompacted && !$0.isCompactedInGroup }
        #expect(allAlone)
        #expect(togetherBytes < aloneBytes * 9 / 10)
    }

    /// A member too large to share a stream (reading a neighbour would inflate it all) is packed
    /// alone; the others still form a group.
    @Test func aLargeMemberIsPackedAlone() throws {
        var random = SplitMix64(seed: 12)
        var members: [(content: PackedTaskContent.Content, taskID: String, contextID: String?)] = []
        for n in 0..<4 {
            let size = n == 1 ? PackedTaskContent.groupMemberLimit + 1 : 3_000
            let artifact = Artifact(artifactID: "a", parts: [.text(Helpers.prose(bytes: size, using: &random))])
            members.append((.init(artifacts: [artifact], history: [], completedArtifactIDs: ["a"], truncatedArtifactIDs: []), "t\(n)", nil))
        }
        let packed = PackedTaskContent.group(members)
        #expect(packed.map(\.isGrouped) == [true, false, true, true])
        for (i, member) in members.enumerated() {
            #expect(packed[i].unpack(taskID: member.taskID, contextID: nil) == member.content)
        }
    }

    /// A prefix of a stream inflates to exactly the first bytes; a damaged stream gives nil or
    /// bytes, never a crash.
    @Test func prefixesInflateAndDamageNeverCrashes() throws {
        var random = SplitMix64(seed: 13)
        let text = Array(Helpers.prose(bytes: 20_000, using: &random).utf8)
        let deflated = try #require(Deflate.compress(text, level: 4, shape: .group))
        for count in [1, 100, 4_096, 19_999, text.count] {
            #expect(Deflate.decompressPrefix(deflated, count: count, shape: .group) == Array(text[0..<count]))
        }
        #expect(Deflate.decompressPrefix(deflated, count: text.count + 1, shape: .group) == nil)
        for _ in 0..<100 {
            var damaged = deflated
            damaged[Int.random(in: 0..<damaged.count, using: &random)] ^= UInt8.random(in: 1...255, using: &random)
            if let out = Deflate.decompressPrefix(damaged, count: 4_096, shape: .group) { #expect(out.count == 4_096) }
        }
    }

    // MARK: helpers

    func expectIdentical(_ a: TaskAccumulator, _ b: TaskAccumulator, sourceLocation: SourceLocation = #_sourceLocation) {
        TaskCompactionTests().expectIdentical(a, b, sourceLocation: sourceLocation)
    }

    func bytes(of value: some Any) -> [UInt8] { TaskCompactionTests().bytes(of: value) }

    func sortedBytes(_ ids: Set<String>) -> [[UInt8]] {
        ids.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) }
    }
}

extension TaskGroupCompactionTests {
    /// A packed task keeps its status message encoded; a poll restating the status compares with
    /// it without unpacking the content, a new message replaces it, and a message with JSON values
    /// stays as it is — every read the same as on the task never packed.
    @Test func theStatusMessageIsPackedAndStillCompared() {
        func status(_ id: String, _ text: String, metadata: JSONValue? = nil) -> TaskStatus {
            TaskStatus(
                state: .completed,
                message: Message(messageID: id, contextID: "ctx", taskID: "t", role: .agent, parts: [.text(text)], metadata: metadata))
        }
        var plain = TaskAccumulator(taskID: "t", contextID: "ctx")
        plain.apply(.artifact(ArtifactUpdate(taskID: "t", artifact: Artifact(artifactID: "a", parts: [.text("text")]))))
        plain.apply(.status(StatusUpdate(taskID: "t", contextID: "ctx", status: status("m-1", "Done café e\u{301}"))))
        var packed = plain
        packed.compact()
        #expect(packed.statusMessageIsPacked)
        expectIdentical(packed, plain)

        // A ListTasks answer restating the same status: nothing changed, still packed.
        let relist = StreamEvent.task(A2ATask(id: "t", contextID: "ctx", status: status("m-1", "Done café e\u{301}")))
        #expect(packed.apply(relist) == plain.apply(relist))
        #expect(packed.isCompacted && packed.statusMessageIsPacked)
        expectIdentical(packed, plain)

        // Another Unicode spelling of the same text compares equal (Swift strings compare
        // canonically): as on the plain task, the first spelling stays, byte for byte.
        let respelled = StreamEvent.task(A2ATask(id: "t", contextID: "ctx", status: status("m-1", "Done cafe\u{301} e\u{301}")))
        #expect(packed.apply(respelled) == plain.apply(respelled))
        #expect(packed.isCompacted && packed.statusMessageIsPacked)
        expectIdentical(packed, plain)

        // A new message replaces the packed one, packed in turn.
        let newer = StreamEvent.status(StatusUpdate(taskID: "t", contextID: "ctx", status: status("m-9", "Done again")))
        #expect(packed.apply(newer) == plain.apply(newer))
        #expect(packed.isCompacted && packed.statusMessageIsPacked)
        #expect(packed.task.status.message?.messageID == "m-9")
        expectIdentical(packed, plain)

        // A message with metadata is packed as well (its JSON inside the bytes).
        let withMetadata = StreamEvent.status(StatusUpdate(
            taskID: "t", contextID: "ctx", status: status("m-2", "Done", metadata: ["k": 1, "ids": ["t", "ctx"]])))
        #expect(packed.apply(withMetadata) == plain.apply(withMetadata))
        #expect(packed.isCompacted && packed.statusMessageIsPacked)
        #expect(packed.task.status.message?.metadata?["ids"] == ["t", "ctx"])
        expectIdentical(packed, plain)

        // A new context id unpacks everything, the status message first.
        let moved = StreamEvent.status(StatusUpdate(taskID: "t", contextID: "other", status: status("m-3", "Moved")))
        #expect(packed.apply(moved) == plain.apply(moved))
        #expect(!packed.isCompacted && !packed.statusMessageIsPacked)
        expectIdentical(packed, plain)
    }
}
