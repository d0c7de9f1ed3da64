/// Hands out ncurses colour pairs lazily, one per (foreground, background) combination that
/// is actually drawn. Pure: the backend calls `init_extended_pair` for each new pair.
///
/// Pair 0 is the terminal's default colours and is never handed out for anything else; when
/// every pair is taken, further combinations get pair 0 (readable, just uncoloured).
public struct ColorPairs: Sendable {
    public struct Combination: Hashable, Sendable {
        public var foreground: Int
        public var background: Int
        public init(foreground: Int, background: Int) {
            self.foreground = foreground
            self.background = background
        }
    }

    /// Pairs 1..<limit are available (ncurses `COLOR_PAIRS`).
    public let limit: Int
    public private(set) var assigned: [Combination: Int] = [:]

    public init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// The pair for a combination, and whether it was just allocated (and must be initialised).
    public mutating func pair(for combination: Combination) -> (pair: Int, isNew: Bool) {
        if combination.foreground == -1 && combination.background == -1 { return (0, false) }
        if let existing = assigned[combination] { return (existing, false) }
        let next = assigned.count + 1
        guard next < limit else { return (0, false) }
        assigned[combination] = next
        return (next, true)
    }

    public var count: Int { assigned.count }

    /// Forget every pair (after a theme change); the backend re-initialises as it draws.
    public mutating func reset() {
        assigned = [:]
    }
}
