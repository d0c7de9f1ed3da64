/// One thing a task does next. A personality turns a request into a list of steps (pure),
/// and the engine plays them out over time.
public enum Step: Sendable {
    /// A `working` status update with a progress text and optional percent (sent as `metadata.progress`).
    case working(String, percent: Double? = nil)
    /// One artifact chunk: `append` adds to the artifact, `last` marks it complete.
    case chunk(artifactId: String, name: String, parts: [Part], append: Bool, last: Bool)
    /// Wait this many seconds (cancellation ends the wait).
    case pause(Double)
    /// Final (terminal or interrupted) state with a closing agent message.
    case finish(TaskState, String)
}

/// What a personality knows when it plans a task.
public struct PlanRequest: Sendable {
    public var taskId: String
    public var text: String
    public var skillId: String?
    /// True when this continues a task that asked for input.
    public var isFollowUp: Bool
    /// Counts the agent's tasks; lets behaviours vary (e.g. "every 4th deploy fails") deterministically.
    public var ordinal: Int

    public init(taskId: String, text: String, skillId: String? = nil, isFollowUp: Bool = false, ordinal: Int = 0) {
        self.taskId = taskId
        self.text = text
        self.skillId = skillId
        self.isFollowUp = isFollowUp
        self.ordinal = ordinal
    }

    public var directives: Directives { Directives(parsing: text) }
    /// `report-1a2b3c4d`, the artifact id a2a-sdk's progress peers use.
    public var reportId: String { "report-" + String(taskId.prefix(8)) }
}

public enum Plan {
    /// The behaviour steered by directives, shaped like the a2a-sdk progress peers
    /// ("Starting: 3 steps, 0.3s each", "Step 1/3 (33%)", "chunk 1 of 3", "Done").
    public static func directed(_ request: PlanRequest) -> [Step] {
        let d = request.directives
        var steps: [Step] = []
        if let sleep = d.sleep, sleep > 0 { steps.append(.pause(sleep)) }
        if d.reject { return steps + [.finish(.rejected, "Rejected on purpose")] }
        if d.ask, !request.isFollowUp { return steps + [.finish(.inputRequired, "Need more input: reply on this taskId")] }
        if d.fail { return steps + [.finish(.failed, "Failing on purpose")] }
        let count = d.steps ?? d.chunks ?? 0
        if count == 0 && d.chunks == nil {
            return steps + [.finish(.completed, "Done")]
        }
        return steps + progress(steps: count, delay: d.delay ?? 0.5, chunks: d.chunks ?? count,
                                reportId: request.reportId) { "chunk \($0) of \($1)\n" }
            + [.finish(.completed, "Done")]
    }

    /// N progress steps, `delay` apart, with `chunks` artifact chunks spread over them.
    public static func progress(steps count: Int, delay: Double, chunks: Int, reportId: String,
                                chunkText: (Int, Int) -> String) -> [Step] {
        var steps: [Step] = [.working("Starting: \(count) steps, \(JSON.pythonFloat(delay))s each")]
        var emitted = 0
        func emitChunks(upTo target: Int) {
            while emitted < target {
                emitted += 1
                steps.append(.chunk(artifactId: reportId, name: "report", parts: [.text(chunkText(emitted, chunks))],
                                    append: emitted > 1, last: emitted == chunks))
            }
        }
        for i in stride(from: 1, through: count, by: 1) {
            if delay > 0 { steps.append(.pause(delay)) }
            let percent = (100.0 * Double(i) / Double(count)).rounded()
            steps.append(.working("Step \(i)/\(count) (\(Int(percent))%)", percent: percent))
            // Chunk j belongs to step ceil(j * count / chunks).
            emitChunks(upTo: count == 0 ? chunks : (i * chunks) / count)
        }
        emitChunks(upTo: chunks)
        return steps
    }

    /// Named stages with percentages, e.g. "Parsing code structure..." at 10 %.
    public static func stages(_ stages: [(String, Double)], delay: Double) -> [Step] {
        stages.flatMap { text, percent -> [Step] in [.pause(delay), .working(text, percent: percent)] }
    }

    /// A text report streamed as several chunks of one artifact.
    public static func report(id: String, name: String, chunks: [String], delay: Double) -> [Step] {
        chunks.enumerated().flatMap { i, text -> [Step] in
            let chunk = Step.chunk(artifactId: id, name: name, parts: [.text(text)], append: i > 0, last: i == chunks.count - 1)
            return i == 0 || delay <= 0 ? [chunk] : [.pause(delay), chunk]
        }
    }
}
