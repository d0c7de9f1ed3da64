import Synchronization

/// Counts the SSE events the fleet's HTTP servers have handed to their connections (keep-alive
/// comments not counted). A console that falls behind stops reading, the connections push back,
/// and this count falls behind what the tasks produce: the end-to-end benchmark reads it to
/// tell "keeps up" from "builds a backlog".
public final class SSETally: Sendable {
    public static let shared = SSETally()

    private let events = Atomic<Int>(0)

    public init() {}

    public var eventsWritten: Int { events.load(ordering: .relaxed) }

    /// One frame went out; comments (`: ping`) are not events.
    func wrote(_ frame: String) {
        if !frame.hasPrefix(":") { events.add(1, ordering: .relaxed) }
    }
}
