import A2A
import Foundation
import Seeded
import Testing

@testable import Deck

/// Finished tasks are packed a few per update once they are no longer among the
/// `keepFinishedUnpacked` most recent: the bound holds, the index agrees with a scan of the tasks,
/// and every task reads the same as on a deck that never packs.
@Suite struct FinishedTaskPackingTests {
    static func artifactEvent(_ id: String, _ n: Int) -> StreamEvent {
        .artifact(ArtifactUpdate(
            taskID: id, contextID: "ctx-1",
            artifact: Artifact(artifactID: "out", parts: [.text("part \(n) of \(id): café e\u{301}")]), append: n > 0))
    }

    /// Finished tasks whose content is not packed, counted by scanning every task.
    static func scannedUnpacked(_ state: DeckState) -> Int {
        state.tasks.values.filter { $0.state.isTerminal && !$0.accumulator.isCompacted }.count
    }

    /// Group 1: each task packed alone; 4: in groups of four sharing one deflate stream; spilled:
    /// those streams kept in a spill file instead of the heap.
    @Test(arguments: [(1, 1, false), (2, 1, false), (3, 1, false), (1, 4, false), (2, 4, false), (3, 4, false), (4, 4, true), (5, 4, true)]
        as [(UInt64, Int, Bool)])
    func seededRunKeepsTheBoundAndReadsTheSame(seed: UInt64, group: Int, spilled: Bool) throws {
        let keep = 3
        var h = Harness.standard(maxFinished: 12)
        h.state.config.keepFinishedUnpacked = keep
        h.state.config.finishedPackingGroup = group
        var plain = h
        let spill = try Self.spillFile(if: spilled)
        h.state.spillPackedTasks(to: spill)
        plain.state.config.keepFinishedUnpacked = Int.max
        var random = SplitMix64(seed: seed)
        var streams: [(tag: RequestTag, id: String, chunks: Int)] = []
        var dispatched = 0
        var packedSeen = 0
        var latePacked = 0
        var groupedSeen = 0

        func both(_ msg: Msg) {
            _ = h.send(msg)
            _ = plain.send(msg)
        }
        for _ in 0..<300 {
            if random.below(3) == 0 {
                h.advance(1)
                plain.advance(1)
            }
            switch random.below(5) {
            case 0:
                let outH = h.dispatch("@alice job")
                let outPlain = plain.dispatch("@alice job")
                #expect(outH == outPlain)
                let tag = try #require(outH.first?.streamParts?.tag)
                dispatched += 1
                let id = "t\(dispatched)"
                both(.streamEvent(tag, .task(taskSnapshot(id, .submitted))))
                both(.streamEvent(tag, Self.artifactEvent(id, 0)))
                streams.append((tag, id, 1))
            case 1, 2:
                guard !streams.isEmpty else { continue }
                let i = random.below(streams.count)
                let (tag, id, chunks) = streams[i]
                if random.below(2) == 0 {
                    // Also after the end: a late chunk unpacks a packed task, which is packed again later.
                    if let key = h.state.tasks.keys.first(where: { $0.taskID == id }),
                       h.state.tasks[key]?.accumulator.isCompacted == true { latePacked += 1 }
                    both(.streamEvent(tag, Self.artifactEvent(id, chunks)))
                    streams[i].chunks += 1
                } else {
                    let states: [TaskState] = [.working, .completed, .completed, .failed, .canceled]
                    both(.streamEvent(tag, statusEvent(id, states[random.below(states.count)], "step")))
                }
            case 3:
                both(.key(.char(random.below(2) == 0 ? "j" : "k")))
            default:
                guard !streams.isEmpty, random.below(4) == 0 else { continue }
                let i = random.below(streams.count)
                both(.streamEnded(streams[i].tag, .closed))
                streams.remove(at: i)
            }
            // At most one task finishes (or is unpacked) per message here, so the bound holds exactly:
            // a group is packed as soon as `group` tasks are beyond `keep`.
            #expect(h.state.unpackedFinishedTaskCount <= keep + group - 1)
            #expect(h.state.unpackedFinishedTaskCount == Self.scannedUnpacked(h.state))
            #expect(Set(h.state.tasks.keys) == Set(plain.state.tasks.keys))
            for (key, entry) in h.state.tasks {
                if entry.accumulator.isCompacted { packedSeen += 1 }
                if entry.accumulator.isCompactedInGroup { groupedSeen += 1 }
                #expect(entry.accumulator.isCompactedInSpillFile == (spilled && entry.accumulator.isCompactedInGroup))
                #expect(entry.task == plain.state.tasks[key]?.task)
                #expect(entry.accumulator.completedArtifactIDs == plain.state.tasks[key]?.accumulator.completedArtifactIDs)
            }
            #expect(h.state.viewModel(now: h.now) == plain.state.viewModel(now: plain.now))
        }
        #expect(dispatched > 20)
        #expect(packedSeen > 0)
        #expect(latePacked > 0)
        #expect(group == 1 ? groupedSeen == 0 : groupedSeen > 0)
        #expect(Self.scannedUnpacked(plain.state) > keep)
        if let spill {
            // Retention dropped packed tasks along the way: their groups' bytes were released.
            #expect(spill.liveBytes > 0)
            h.state.tasks.removeAll()
            #expect(spill.liveBytes == 0)
        }
    }

    /// A spill file in a fresh directory when `wanted` (nil otherwise).
    static func spillFile(if wanted: Bool) throws -> SpillFile? {
        guard wanted else { return nil }
        let file: SpillFile = try #require(SpillFile(directory: scratchDirectory()))
        return file
    }

    /// A private directory for one test's spill file.
    static func scratchDirectory() -> String {
        var template = Array("/tmp/agentdeck-spill-test-XXXXXX".utf8CString)
        let path = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        return path.map { String(cString: $0) } ?? "/tmp"
    }

    /// A burst of finished tasks (here added outside `update`, as a ListTasks answer may finish many
    /// at once) is packed a bounded number per update until only `keep` remain unpacked.
    @Test func aBurstIsPackedAFewPerUpdate() {
        let keep = 5
        var h = Harness.standard(maxFinished: 1_000)
        h.state.config.keepFinishedUnpacked = keep
        h.state.config.finishedPackingGroup = 1
        for i in 0..<40 {
            h.advance(1)
            var snapshot = taskSnapshot("b\(i)", .completed)
            snapshot.artifacts = [Artifact(artifactID: "a", parts: [.text("text of b\(i)")])]
            var entry = TaskEntry(key: TaskKey(agentID: alice, taskID: "b\(i)"), origin: .discovered, now: h.now)
            entry.apply(.task(snapshot), now: h.now)
            h.state.tasks[entry.key] = entry
        }
        var counts: [Int] = []
        for _ in 0..<6 {
            h.send(.tick)
            counts.append(h.state.unpackedFinishedTaskCount)
        }
        let step = FinishedTaskPacking.tasksPerUpdate
        #expect(counts == (1...6).map { max(keep, 40 - $0 * step) })
        #expect(Self.scannedUnpacked(h.state) == keep)
        #expect(h.state.finishedTasksReleased == 40 - keep)
        // The oldest were packed; the five most recent were not.
        let unpackedIDs = Set(h.state.tasks.values.filter { !$0.accumulator.isCompacted }.map(\.key.taskID))
        #expect(unpackedIDs == Set((35..<40).map { "b\($0)" }))
    }
}

extension FinishedTaskPackingTests {
    /// A finished task with nothing to pack is tried once, not counted as released (it freed
    /// nothing), and not tried again at every update.
    @Test func aTaskWithNothingToPackIsTriedOnceAndNotCounted() {
        var h = Harness.standard(maxFinished: 100)
        h.state.config.keepFinishedUnpacked = 0
        h.state.config.finishedPackingGroup = 1
        for i in 0..<3 { h.discovered("e\(i)", .completed) }
        h.send(.tick)
        #expect(h.state.unpackedFinishedTaskCount == 0)
        #expect(h.state.finishedTasksReleased == 0)
        #expect(h.state.tasks.values.allSatisfy { $0.state.isTerminal && !$0.accumulator.isCompacted })
    }
}

/// When the dashboard calls `malloc_trim`.
@Suite struct HeapTrimPolicyTests {
    /// The policy's answers to (released so far, seconds since t0), in order.
    static func answers(_ policy: HeapTrimPolicy, _ calls: [(Int, TimeInterval)]) -> [Bool] {
        var policy = policy
        let t0 = Date(timeIntervalSince1970: 1_000)
        return calls.map { policy.shouldTrim(released: $0.0, now: t0.addingTimeInterval($0.1)) }
    }

    @Test func trimsAfterEnoughReleasedAndNotTooOften() {
        let calls: [(Int, TimeInterval)] = [
            (0, 0), (255, 0), (256, 0),
            (300, 10),  // counted from the last trim: only 44 since
            (600, 4.9),  // enough, but too soon
            (600, 5), (600, 100),
        ]
        #expect(Self.answers(HeapTrimPolicy(minimumReleased: 256, minimumInterval: 5), calls)
            == [false, false, true, false, false, true, false])
    }

    /// Once no task has a request or stream in flight (a burst is over), enough released tasks
    /// are trimmed at once, however recent the last trim.
    @Test func trimsAtOnceWhenNoTaskIsInFlight() {
        var policy = HeapTrimPolicy(minimumReleased: 256, minimumInterval: 5)
        let t0 = Date(timeIntervalSince1970: 1_000)
        var answers: [Bool] = []
        answers.append(policy.shouldTrim(released: 300, now: t0))
        answers.append(policy.shouldTrim(released: 600, now: t0.addingTimeInterval(1)))  // too soon while tasks stream
        answers.append(policy.shouldTrim(released: 600, now: t0.addingTimeInterval(1), tasksInFlight: false))
        answers.append(policy.shouldTrim(released: 700, now: t0.addingTimeInterval(1), tasksInFlight: false))  // too few since
        #expect(answers == [true, false, true, false])
    }

    /// A dispatched task's stream is in flight until it ends.
    @Test func tasksAreInFlightWhileTheirStreamsAre() throws {
        var h = Harness.standard()
        #expect(!h.state.hasTaskRequestsInFlight)
        let tag = try h.dispatchedTask("t-1")
        #expect(h.state.hasTaskRequestsInFlight)
        h.send(.streamEvent(tag, statusEvent("t-1", .completed, "done")))
        h.send(.streamEnded(tag, .closed))
        #expect(!h.state.hasTaskRequestsInFlight)
    }

    /// Many updates are a burst too (freed news, whatever it did to tasks): a trim after
    /// `minimumUpdates` of them, no more often than the interval, and counted from the last trim.
    @Test func trimsAfterManyUpdatesEvenWithNothingReleased() {
        var policy = HeapTrimPolicy(minimumReleased: 256, minimumInterval: 5, minimumUpdates: 1_000)
        let t0 = Date(timeIntervalSince1970: 1_000)
        var answers: [Bool] = []
        answers.append(policy.shouldTrim(released: 0, now: t0, updates: 999))
        answers.append(policy.shouldTrim(released: 0, now: t0, updates: 1_000))
        answers.append(policy.shouldTrim(released: 0, now: t0.addingTimeInterval(10), updates: 1_999))  // 999 since
        answers.append(policy.shouldTrim(released: 0, now: t0.addingTimeInterval(4), updates: 2_500))  // too soon
        answers.append(policy.shouldTrim(released: 0, now: t0.addingTimeInterval(5), updates: 2_500))
        // Without a count (the bench's callers), only released tasks count.
        answers.append(policy.shouldTrim(released: 0, now: t0.addingTimeInterval(100)))
        #expect(answers == [false, true, false, false, true, false])
    }

    /// A quiet console (no task with a request in flight) is trimmed 5 s into the quiet, then
    /// each time the quiet has lasted twice as long, whatever was released; work in flight
    /// starts the count again.
    @Test func aQuietConsoleIsTrimmedAtDoublingIntervals() {
        var policy = HeapTrimPolicy(minimumReleased: 256, minimumInterval: 1, minimumUpdates: 1_000_000, quietFirstDelay: 5)
        let t0 = Date(timeIntervalSince1970: 1_000)
        func ask(_ seconds: TimeInterval, inFlight: Bool = false) -> Bool {
            policy.shouldTrim(released: 0, now: t0.addingTimeInterval(seconds), tasksInFlight: inFlight, updates: 1)
        }
        let quiet: [TimeInterval] = [0, 4.9, 5, 6, 9.9, 10, 19, 20, 39, 40, 41]
        #expect(quiet.map { ask($0) } == [false, false, true, false, false, true, false, true, false, true, false])
        // A stream starts and ends: the quiet starts over.
        #expect(ask(50, inFlight: true) == false)
        #expect(ask(51) == false)
        #expect(ask(55.9) == false)
        #expect(ask(56) == true)
    }

    /// The dashboard's schedule: 10 s into the quiet (the burst's leftovers go back soon after it
    /// ends), then doubling (20, 40, 80 s): past the first 30 s, one trim in any 30 s, as before.
    @Test func theDefaultQuietScheduleStartsAtTenSeconds() {
        var policy = HeapTrimPolicy(minimumReleased: 256, minimumInterval: 1, minimumUpdates: 1_000_000)
        let t0 = Date(timeIntervalSince1970: 1_000)
        let times: [TimeInterval] = [0, 9.9, 10, 11, 19.9, 20, 39.9, 40, 79.9, 80, 120]
        let trimmed = times.filter { policy.shouldTrim(released: 0, now: t0.addingTimeInterval($0), tasksInFlight: false, updates: 1) }
        #expect(trimmed == [10, 20, 40, 80])
    }

    /// A quiet console is trimmed once a round of ListTasks answers that listed enough tasks is
    /// over (2 s without more), at most one in `listRoundSpacing`; not while tasks are in flight,
    /// not again without more listed, and never for rounds of empty pages (an idle fleet). The
    /// doubling schedule stays out of the way (its first trim at 1,000 s).
    @Test func aQuietConsoleIsTrimmedAfterEachRoundOfListedTasks() {
        var policy = HeapTrimPolicy(minimumReleased: 256, minimumInterval: 1, minimumUpdates: 1_000_000, quietFirstDelay: 1_000)
        policy.listRoundSettle = 2
        policy.listRoundMinimumTasks = 100
        let t0 = Date(timeIntervalSince1970: 1_000)
        func ask(_ seconds: TimeInterval, listed: Int, inFlight: Bool = false) -> Bool {
            policy.shouldTrim(released: 0, now: t0.addingTimeInterval(seconds), tasksInFlight: inFlight, updates: 1, listed: listed)
        }
        // A round listing 150 tasks at 0–0.5 s; the trim comes 2 s after the last answer, once.
        #expect([ask(0, listed: 50), ask(0.5, listed: 150), ask(2.4, listed: 150), ask(2.5, listed: 150), ask(9, listed: 150)]
            == [false, false, false, true, false])
        // Tasks in flight: their own rules apply, the list rule waits.
        #expect(ask(20, listed: 300, inFlight: true) == false)
        #expect(ask(23, listed: 300, inFlight: true) == false)
        #expect(ask(23.1, listed: 300) == true)
        // Rounds that list too few tasks (empty pages list none) leave nothing worth a trim.
        #expect([ask(40, listed: 350), ask(45, listed: 350), ask(60, listed: 399), ask(70, listed: 399)] == [false, false, false, false])
        #expect(ask(80, listed: 400) == false)
        #expect(ask(82, listed: 400) == true)
    }

    /// With the dashboard's schedule (quiet trims at 10, 20, 40 s): list-round trims between them,
    /// never two within 10 s.
    @Test func listRoundTrimsAreSpacedFromEveryTrim() {
        var policy = HeapTrimPolicy(minimumReleased: 256, minimumInterval: 1, minimumUpdates: 1_000_000, quietFirstDelay: 10)
        let t0 = Date(timeIntervalSince1970: 1_000)
        func ask(_ seconds: TimeInterval, listed: Int) -> Bool {
            policy.shouldTrim(released: 0, now: t0.addingTimeInterval(seconds), tasksInFlight: false, updates: 1, listed: listed)
        }
        #expect(policy.listRoundMinimumTasks == 1_000)
        #expect(ask(0, listed: 0) == false)
        #expect(ask(10, listed: 0) == true)  // the doubling schedule's first quiet trim
        #expect(ask(11, listed: 5_000) == false)
        #expect(ask(13.5, listed: 5_000) == false)  // round over, but only 3.5 s since the last trim
        #expect(ask(20, listed: 5_000) == true)  // the schedule's 20 s trim takes the round's leftovers too
        #expect(ask(25, listed: 10_000) == false)
        #expect(ask(29.9, listed: 10_000) == false)
        #expect(ask(30, listed: 10_000) == true)
        #expect(ask(39.9, listed: 10_000) == false)
        #expect(ask(40, listed: 10_000) == true)  // the schedule again (then 80 s)
        #expect(ask(60, listed: 10_000) == false)
    }

    @Test func aNewStateCountsFromZero() {
        let calls: [(Int, TimeInterval)] = [(50, 0), (3, 0), (13, 0)]
        #expect(Self.answers(HeapTrimPolicy(minimumReleased: 10, minimumInterval: 0), calls) == [true, false, true])
    }
}

extension FinishedTaskPackingTests {
    /// With groups of 8, a burst is packed one group per update, oldest first; fewer than a group
    /// beyond `keep` wait for more. Every task reads as it did before (`task`, complete ids).
    @Test(arguments: [false, true])
    func aBurstIsPackedInGroups(spilled: Bool) throws {
        let keep = 5
        var h = Harness.standard(maxFinished: 1_000)
        h.state.config.keepFinishedUnpacked = keep
        h.state.config.finishedPackingGroup = 8
        let spill = try Self.spillFile(if: spilled)
        h.state.spillPackedTasks(to: spill)
        for i in 0..<40 {
            h.advance(1)
            var snapshot = taskSnapshot("b\(i)", .completed)
            let text = (0..<40).map { "word\(($0 * 7 + i) % 23) of the report on b\(i), café e\u{301}" }.joined(separator: " ")
            snapshot.artifacts = [Artifact(artifactID: "a", parts: [.text(text)])]
            var entry = TaskEntry(key: TaskKey(agentID: alice, taskID: "b\(i)"), origin: .discovered, now: h.now)
            entry.apply(.task(snapshot), now: h.now)
            h.state.tasks[entry.key] = entry
        }
        let before = h.state.tasks.mapValues { ($0.task, $0.accumulator.completedArtifactIDs) }
        var counts: [Int] = []
        for _ in 0..<6 {
            h.send(.tick)
            counts.append(h.state.unpackedFinishedTaskCount)
        }
        #expect(counts == [32, 24, 16, 8, 8, 8])
        #expect(Self.scannedUnpacked(h.state) == 8)
        #expect(h.state.finishedTasksReleased == 32)
        let grouped = Set(h.state.tasks.values.filter(\.accumulator.isCompactedInGroup).map(\.key.taskID))
        #expect(grouped == Set((0..<32).map { "b\($0)" }))
        let inFile = Set(h.state.tasks.values.filter(\.accumulator.isCompactedInSpillFile).map(\.key.taskID))
        #expect(inFile == (spilled ? grouped : []))
        for (key, entry) in h.state.tasks {
            #expect(entry.task == before[key]?.0)
            #expect(entry.accumulator.completedArtifactIDs == before[key]?.1)
        }
        // Four groups in the file; the tasks dropped, their bytes are released.
        #expect((spill?.liveBytes ?? 0 > 0) == spilled)
        h.state.tasks.removeAll()
        #expect(spill?.liveBytes ?? 0 == 0)
    }
}
