import Seeded

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
    /// True when the task's first message carried directives (its follow-up is then the peers' answer echo).
    public var directedTask = false
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

/// Exact texts of the a2a-sdk test peers, so tests can assert them against any fleet agent.
public enum PeerText {
    public static let ask = "Need more input: reply on this taskId"
    public static let fail = "Failing on purpose"
    public static let reject = "Rejected on purpose: this agent declines requests that say 'reject'"
    public static let canceled = "Canceled by client request"
    public static let done = "Done"
    public static func sleeping(_ s: Double) -> String { "Sleeping for \(JSON.pythonFloat(s))s" }
    public static func chunksStart(_ n: Int) -> String { "Streaming \(n) chunks" }
    public static func chunk(_ i: Int, of n: Int) -> String { "[\(i)/\(n)] The quick brown fox jumps over the lazy dog.\n" }
    public static func answer(_ text: String) -> String { "You said: \(text)" }
    public static func echo(_ text: String) -> String { "Echo: \(text)" }
    public static func skill(_ id: String?) -> String { "skill=\(id ?? "none")" }
}

public enum Plan {
    /// The behaviour steered by directives, step for step what the a2a-sdk test peers do.
    public static func directed(_ request: PlanRequest) -> [Step] {
        let d = request.directives
        let short = String(request.taskId.prefix(8))
        if request.isFollowUp {
            return [.working("Got your answer"),
                    .chunk(artifactId: "answer-\(short)", name: "answer", parts: [.text(PeerText.answer(request.text))], append: false, last: true),
                    .finish(.completed, PeerText.done)]
        }
        if d.reject { return [.finish(.rejected, PeerText.reject)] }
        if d.ask { return [.finish(.inputRequired, PeerText.ask)] }
        var steps: [Step] = []
        if let sleep = d.sleep, sleep > 0 { steps += [.working(PeerText.sleeping(sleep)), .pause(sleep)] }
        if let count = d.steps, count > 0 {
            if let bytes = d.text, bytes > 0 {
                let prose = Array(ProseText.make(bytes: bytes, seed: ProseText.seed(for: request.taskId)).utf8)
                steps += progress(steps: count, delay: d.delay ?? 0, chunks: count, reportId: request.reportId) { i, n in
                    // Chunk i of n: its share of the bytes (ASCII, so any cut is a character boundary).
                    String(decoding: prose[(i - 1) * prose.count / n..<i * prose.count / n], as: UTF8.self)
                }
            } else {
                steps += progress(steps: count, delay: d.delay ?? 0, chunks: count, reportId: request.reportId) { i, n in "chunk \(i) of \(n)\n" }
            }
        }
        if let count = d.chunks, count > 0 {
            steps.append(.working(PeerText.chunksStart(count)))
            for i in 1...count {
                if i > 1 { steps.append(.pause(d.delay ?? 0.05)) }
                steps.append(.chunk(artifactId: "chunks-\(short)", name: "chunks", parts: [.text(PeerText.chunk(i, of: count))],
                                    append: i > 1, last: i == count))
            }
        }
        if d.fail { return steps + [.finish(.failed, PeerText.fail)] }
        let doesWork = (d.steps ?? 0) > 0 || (d.chunks ?? 0) > 0 || (d.sleep ?? 0) > 0
        if d.skill {
            steps.append(.chunk(artifactId: "skill-\(short)", name: "skill", parts: [.text(PeerText.skill(request.skillId))], append: false, last: true))
        } else if !doesWork {
            steps.append(.chunk(artifactId: "echo-\(short)", name: "echo", parts: [.text(PeerText.echo(request.text))], append: false, last: true))
        }
        return steps + [.finish(.completed, PeerText.done)]
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
            let percent = Double((200 * i + count) / (2 * count))  // whole percent, half up (2/3 -> 67)
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
