import A2A
import Deck
import Foundation
import Seeded
import Terminal

/// Budget 5: RSS with 200 agents (each with a real card) and 10,000 finished tasks, each with its
/// timeline and a 4 KB artifact (three appended chunks), fed through the real parse/decode/update
/// path.
///
/// Two artifact texts, each measured in its own process (a freed heap stays resident, so one case
/// would inflate the next):
/// - `memory_*`: the original bench text, chunks padded with `x` (compresses ~100×: flattering
///   to compression, kept for comparison with earlier rounds);
/// - `memory_prose_*`: seeded prose-like text (`ProseText`) whose zlib ratio is that of real prose,
///   the honest case.
enum MemoryBench {
    enum Text: String, CaseIterable {
        case padded, prose
    }

    static let caseVariable = "AGENTDECK_MEMORY_CASE"
    /// `off`: packed finished tasks stay in the heap instead of the spill file the dashboard uses.
    static let spillVariable = "AGENTDECK_MEMORY_SPILL"

    static func main() throws {
        if let name = ProcessInfo.processInfo.environment[caseVariable] {
            guard let text = Text(rawValue: name) else { throw BenchError("\(caseVariable)=\(name): padded or prose") }
            return try run(text)
        }
        for text in Text.allCases { try runInChildProcess(text) }
        // The prose case again with every packed task in the heap (no spill file): what a console
        // that cannot write its cache directory holds.
        try runInChildProcess(.prose, environment: [spillVariable: "off"])
        try retention()
    }

    /// The same binary again with `AGENTDECK_MEMORY_CASE` set; its figures go straight to stdout.
    static func runInChildProcess(_ text: Text, environment: [String: String] = [:]) throws {
        let child = Process()
        // This very binary, however it was started (argv[0] may be a bare name found on PATH).
        child.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        child.arguments = ["memory"]
        child.environment = ProcessInfo.processInfo.environment.merging([caseVariable: text.rawValue]) { $1 }.merging(environment) { $1 }
        try child.run()
        child.waitUntilExit()
        guard child.terminationStatus == 0 else { throw BenchError("memory case \(text) failed") }
    }

    static func run(_ text: Text) throws {
        // The dashboard fixes glibc's thresholds at startup (HeapTrimmer); so does this process,
        // unless `AGENTDECK_MEMORY_HEAP=default` (to measure glibc's own behaviour).
        if ProcessInfo.processInfo.environment["AGENTDECK_MEMORY_HEAP"] != "default" { ProcessHeap.configure() }
        let environment = ProcessInfo.processInfo.environment
        let spillOff = environment[spillVariable] == "off"
        let prefix = (text == .padded ? "memory" : "memory_prose") + (spillOff ? "_heap" : "")
        let base = try Capture.load("stream-v10.txt", dialect: .v1)
        let captures: [Capture] = switch text {
        case .padded: [base.withArtifactChunks(ofBytes: 1366)]  // 3 chunks ≈ 4 KB per task
        // 64 different texts (replay n uses text n % 64): each task is compressed on its own.
        case .prose: (0..<64).map { base.withProseChunks(ofBytes: 1366, seed: UInt64($0)) }
        }
        if text == .prose { report("memory_prose_zlib_ratio", ProseText.zlibRatio(captures), "x", decimals: 2) }

        var deck = BenchDeck(agents: 200, maxFinishedTasks: 10_000)
        // As the dashboard does (DashboardSetup): packed groups of finished tasks go to a private
        // scratch file in the cache directory.
        let spill = spillOff ? nil : SpillFile.defaultDirectory(environment: environment).flatMap(SpillFile.init(directory:))
        if !spillOff && spill == nil { throw BenchError("no spill file could be opened in the cache directory") }
        deck.state.spillPackedTasks(to: spill)
        try deck.giveCards(now: Date(timeIntervalSince1970: 1_800_000_000))
        if ProcessInfo.processInfo.environment["AGENTDECK_MEMORY_MAPS"] != nil { SmapsSummary.print(top: 12) }
        let rssBefore = Measure.statusKB("VmRSS") ?? 0
        // The dashboard's heap trim policy (HeapTrimmer), checked after every update as it does.
        // `AGENTDECK_MEMORY_TRIM=off` leaves it out (to measure without it).
        let trimOff = ProcessInfo.processInfo.environment["AGENTDECK_MEMORY_TRIM"] == "off"
        var trimPolicy = HeapTrimPolicy(minimumReleased: trimOff ? Int.max : 256)
        var trims = 0
        var trimSeconds = 0.0
        let result = IngestBench.run(
            captures: captures, replays: 10_000, concurrent: 1_000, agents: 200, maxFinishedTasks: 10_000, deck: deck
        ) { released, tasksInFlight in
            guard trimPolicy.shouldTrim(released: released, now: Date(), tasksInFlight: tasksInFlight) else { return }
            let start = Measure.threadCPU()
            ProcessHeap.trim()
            trimSeconds += Measure.threadCPU() - start
            trims += 1
        }
        let state = result.state
        let rssAfter = Measure.statusKB("VmRSS") ?? 0
        // The dashboard's next message at least `minimumInterval` later (a list poll comes every
        // 10 s) applies the policy to the end of the burst.
        if trimPolicy.shouldTrim(released: state.finishedTasksReleased, now: Date().addingTimeInterval(trimPolicy.minimumInterval)) {
            ProcessHeap.trim()
            trims += 1
        }
        let rssSettled = Measure.statusKB("VmRSS") ?? 0
        let finished = state.tasks.values.filter { $0.state.isTerminal }
        let artifactBytes = finished.reduce(0) { sum, t in
            sum + t.task.artifacts.reduce(0) { $0 + $1.parts.reduce(0) { s, p in
                if case .text(let text) = p.content { s + text.utf8.count } else { s } } }
        }
        let packedBytes = finished.reduce(0) { $0 + $1.accumulator.packedByteCount }
        report(prefix + "_finished_tasks", Double(finished.count), "tasks", decimals: 0)
        report(prefix + "_artifact_text_per_task", Double(artifactBytes) / Double(max(1, finished.count)), "bytes", decimals: 0)
        report(prefix + "_packed_per_task", Double(packedBytes) / Double(max(1, finished.count)), "bytes", decimals: 0)
        let spilled = finished.filter(\.accumulator.isCompactedInSpillFile).count
        report(prefix + "_spilled_tasks", Double(spilled), "tasks", decimals: 0)
        if let spill { report(prefix + "_spill_file", Double(spill.liveBytes) / 1_048_576, "MB (on disk, not resident)") }
        report(prefix + "_rss_before", Double(rssBefore) / 1024, "MB")
        report(prefix + "_rss", Double(rssAfter) / 1024, "MB")
        report(prefix + "_rss_settled", Double(rssSettled) / 1024, "MB")
        report(prefix + "_policy_trims", Double(trims), "trims", decimals: 0)
        // What one `malloc_trim` costs mid-burst (thread CPU, system time included): how often the
        // policy may afford one.
        if trims > 0 { report(prefix + "_trim_cost", trimSeconds / Double(trims) * 1e3, "ms") }
        report(prefix + "_unpacked_finished", Double(state.unpackedFinishedTaskCount), "tasks", decimals: 0)
        report(prefix + "_hwm", Double(Measure.statusKB("VmHWM") ?? 0) / 1024, "MB")
        // The bench's own replay buffer (one batch of streams' bytes, prepared outside the clock) is
        // resident at the peak too: what the Deck peaked at is about `_hwm` minus this.
        let batchBytes = (0..<1_000).reduce(0) { $0 + captures[$1 % captures.count].byteCount }
        report(prefix + "_replay_buffer", Double(batchBytes) / 1_048_576, "MB")
        report(prefix + "_state_per_task", Double(rssAfter - rssBefore) * 1024 / Double(max(1, finished.count)), "bytes", decimals: 0)
        // The whole load, compaction of each finished task included (thread CPU time).
        report(prefix + "_ingest", Double(result.events) / result.seconds, "events/s", decimals: 0)
        // Freed garbage the allocator still holds versus what the state keeps alive (an
        // unconditional trim, for comparison with the policy's).
        ProcessHeap.trim()
        report(prefix + "_rss_after_trim", Double(Measure.statusKB("VmRSS") ?? 0) / 1024, "MB")
        compactionCost(finished, prefix: prefix)
        withExtendedLifetime(state) {}
    }

    /// What packing costs: unpack (every frame the detail pane shows a finished task, each save or
    /// copy; a grouped task inflates its group up to itself), pack (once per finished task, in groups), and a ListTasks poll restating a packed task (which
    /// must not unpack it), over 1,000 of the tasks (thread CPU time).
    static func compactionCost(_ finished: [TaskEntry], prefix: String) {
        // Packed ones only: the most recently finished are kept unpacked.
        let sample = Array(finished.filter(\.accumulator.isCompacted).prefix(1_000).map(\.accumulator))
        guard !sample.isEmpty else { return }
        var start = Measure.threadCPU()
        let plain = sample.map(\.unpacked)
        let unpack = Measure.threadCPU() - start
        // Packed as the Deck packs them: in groups of `finishedPackingGroup`, oldest first.
        let group = max(1, DeckConfig(agents: []).finishedPackingGroup)
        start = Measure.threadCPU()
        var packed: [TaskAccumulator] = []
        for first in stride(from: 0, to: plain.count, by: group) {
            var members = Array(plain[first..<min(first + group, plain.count)])
            TaskAccumulator.compact(together: &members)
            packed += members
        }
        let pack = Measure.threadCPU() - start
        blackHole(packed)
        // What a ListTasks poll costs per finished task it lists again (status only, no artifacts).
        var listed = sample
        start = Measure.threadCPU()
        for i in listed.indices {
            let snapshot = A2ATask(id: listed[i].taskID, contextID: listed[i].contextID, status: TaskStatus(state: listed[i].state))
            listed[i].apply(.task(snapshot))
        }
        let relist = Measure.threadCPU() - start
        blackHole(listed)
        report(prefix + "_unpack_per_task", unpack / Double(sample.count) * 1e6, "us")
        report(prefix + "_pack_per_task", pack / Double(sample.count) * 1e6, "us")
        report(prefix + "_relisted_per_task", relist / Double(sample.count) * 1e6, "us")
    }

    /// The same load with the default bound keeps only that many finished tasks.
    static func retention() throws {
        let base = try Capture.load("stream-v10.txt", dialect: .v1)
        let bounded = IngestBench.run(captures: [base], replays: 2_000, concurrent: 500, agents: 200, maxFinishedTasks: 200)
        report("memory_retention_default_kept", Double(bounded.tasks), "tasks", decimals: 0)
    }
}

extension Capture {
    /// The same stream with each artifact chunk's text padded to `bytes` characters.
    func withArtifactChunks(ofBytes bytes: Int) -> Capture {
        replacingArtifactChunks { label, _ in label + String(repeating: "x", count: max(0, bytes - label.count)) }
    }

    /// The same stream with each artifact chunk's text replaced by `bytes` of prose-like text.
    func withProseChunks(ofBytes bytes: Int, seed: UInt64) -> Capture {
        replacingArtifactChunks { label, chunk in
            label + ProseText.make(bytes: max(0, bytes - label.count), seed: seed &* 31 &+ UInt64(chunk))
        }
    }

    /// Each artifact chunk's `chunk N of M` text replaced by `text(label, chunk number)` (JSON-escaped).
    private func replacingArtifactChunks(_ text: (String, Int) -> String) -> Capture {
        var number = 0
        let replaced = chunks.map { chunk -> String in
            guard let r = chunk.range(of: #"chunk \d of \d"#, options: .regularExpression) else { return chunk }
            number += 1
            return chunk.replacingCharacters(in: r, with: ProseText.jsonEscaped(text(String(chunk[r]), number)))
        }
        return Capture(name: name + "+4KB", dialect: dialect, chunks: replaced, taskID: taskID, contextID: contextID)
    }
}
