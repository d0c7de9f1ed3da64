import A2A
import Deck
import Foundation

/// Budget 5: RSS with 200 agents and 10,000 finished tasks, each with its timeline and a 4 KB
/// artifact (three appended chunks), fed through the real parse/decode/update path.
enum MemoryBench {
    static func main() throws {
        let base = try Capture.load("stream-v10.txt", dialect: .v1)
        let big = base.withArtifactChunks(ofBytes: 1366)  // 3 chunks ≈ 4 KB per task
        let rssBefore = Measure.statusKB("VmRSS") ?? 0
        let result = IngestBench.run(captures: [big], replays: 10_000, concurrent: 1_000, agents: 200, maxFinishedTasks: 10_000)
        let state = result.state
        let finished = state.tasks.values.filter { $0.state.isTerminal }.count
        let artifactBytes = state.tasks.values.reduce(0) { sum, t in
            sum + t.task.artifacts.reduce(0) { $0 + $1.parts.reduce(0) { s, p in
                if case .text(let text) = p.content { s + text.utf8.count } else { s } } }
        }
        report("memory_finished_tasks", Double(finished), "tasks", decimals: 0)
        report("memory_artifact_text_per_task", Double(artifactBytes) / Double(max(1, finished)), "bytes", decimals: 0)
        report("memory_rss_before", Double(rssBefore) / 1024, "MB")
        report("memory_rss", Double(Measure.statusKB("VmRSS") ?? 0) / 1024, "MB")
        report("memory_hwm", Double(Measure.statusKB("VmHWM") ?? 0) / 1024, "MB")
        // Freed parse/decode garbage the allocator still holds versus what the state keeps alive.
        _ = glibcMallocTrim(0)
        report("memory_rss_after_trim", Double(Measure.statusKB("VmRSS") ?? 0) / 1024, "MB")

        // Retention: the same load with the default bound keeps only that many finished tasks.
        let bounded = IngestBench.run(captures: [base], replays: 2_000, concurrent: 500, agents: 200, maxFinishedTasks: 200)
        report("memory_retention_default_kept", Double(bounded.tasks), "tasks", decimals: 0)
        withExtendedLifetime(state) {}
    }
}

extension Capture {
    /// The same stream with each artifact chunk's text padded to `bytes` characters.
    func withArtifactChunks(ofBytes bytes: Int) -> Capture {
        let padded = chunks.map { chunk -> String in
            guard let r = chunk.range(of: #"chunk \d of \d"#, options: .regularExpression) else { return chunk }
            let label = String(chunk[r])
            return chunk.replacingCharacters(in: r, with: label + String(repeating: "x", count: max(0, bytes - label.count)))
        }
        return Capture(name: name + "+4KB", dialect: dialect, chunks: padded, taskID: taskID, contextID: contextID)
    }
}

/// glibc's `malloc_trim` (declared in malloc.h, which the Glibc module does not export): gives
/// freed heap pages back to the system.
@_silgen_name("malloc_trim") func glibcMallocTrim(_ pad: Int) -> Int32
