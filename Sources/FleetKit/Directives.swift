/// Message-driven behaviour, so tests and demo prompts can steer any agent. Mirrors the
/// conventions of the a2a-sdk test peers (`tests/peers/behaviours.py`):
/// `steps=N delay=S` (N progress steps, S seconds apart, one report chunk each), `chunks=N`
/// (an artifact in N chunks), `sleep=S` (working, then quiet S seconds), `ask` (input-required;
/// the answer completes the task), `fail`, `reject`, `skill` (artifact naming the skill asked for),
/// `direct` (a plain Message instead of a task; 1.0 and 0.3), `cut=K` / `drop=K` (end or abort
/// the SSE stream after K events, for reconnect tests), `text=B` (with `steps`: the report's
/// chunks carry B bytes of seeded prose in all instead of "chunk i of n", for memory runs).
/// Text without any directive gets the personality's default behaviour.
public struct Directives: Sendable, Equatable {
    public var steps: Int?
    public var delay: Double?
    public var chunks: Int?
    public var ask = false
    public var fail = false
    public var reject = false
    public var skill = false
    public var direct = false
    public var cut: Int?
    public var drop: Int?
    public var sleep: Double?
    /// Bytes of prose the progress report carries in all (`text=B`).
    public var text: Int?

    // Bounds: a message can make an agent busy, never make it run away.
    public static let maxSteps = 1_000
    public static let maxChunks = 1_000
    public static let maxDelay = 60.0
    public static let maxSleep = 600.0
    public static let maxText = 1 << 20

    public init() {}

    public init(parsing text: String) {
        for word in text.split(whereSeparator: { $0.isWhitespace || $0 == "," }) {
            let token = word.lowercased()
            let pieces = token.split(separator: "=", maxSplits: 1).map(String.init)
            switch (pieces.first ?? "", pieces.count == 2 ? pieces[1] : nil) {
            // A bad number is ignored, as the test peers do; it never clears a good one.
            case let ("steps", value?): steps = Int(value).map { min(max($0, 0), Self.maxSteps) } ?? steps
            case let ("chunks", value?): chunks = Int(value).map { min(max($0, 0), Self.maxChunks) } ?? chunks
            case let ("delay", value?): delay = Self.seconds(value, max: Self.maxDelay) ?? delay
            case let ("sleep", value?): sleep = Self.seconds(value, max: Self.maxSleep) ?? sleep
            case let ("text", value?): self.text = Int(value).map { min(max($0, 0), Self.maxText) } ?? self.text
            case ("ask", nil): ask = true
            case ("fail", nil): fail = true
            case ("reject", nil): reject = true
            case ("skill", nil): skill = true
            case ("direct", nil): direct = true
            case let ("cut", value?): cut = Int(value).map { min(max($0, 0), 100_000) } ?? cut
            case let ("drop", value?): drop = Int(value).map { min(max($0, 0), 100_000) } ?? drop
            default: continue
            }
        }
    }

    /// Whether the text steered the agent at all (otherwise: personality default).
    public var isEmpty: Bool { self == Directives() }

    /// Where a stream should stop early: after `count` events, cleanly (cut) or abruptly (drop).
    public var streamLimit: StreamLimit? {
        if let drop { return StreamLimit(events: drop, abort: true) }
        if let cut { return StreamLimit(events: cut, abort: false) }
        return nil
    }

    private static func seconds(_ text: String, max: Double) -> Double? {
        guard let value = Double(text), value.isFinite else { return nil }
        return min(Swift.max(value, 0), max)
    }
}

/// `cut=K` / `drop=K`: a stream that stops after K events, ending cleanly or aborting the connection.
public struct StreamLimit: Sendable, Equatable {
    public var events: Int
    public var abort: Bool
}
