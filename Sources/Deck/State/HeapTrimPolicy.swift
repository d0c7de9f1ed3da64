import Foundation

/// When the dashboard gives freed heap back to the system. glibc keeps the pages of freed memory
/// (the unpacked content of finished tasks once packed or dropped: ~4 MB after a burst of 1,000
/// concurrent 4 KB streams), so it trims once enough finished tasks were let go: at most every
/// `minimumInterval` while tasks are still streaming (their next events reuse the pages, which a
/// trim would make fault in again), and at once when no task has a request or stream in flight
/// any more (a burst is over: nothing is about to reuse them). One `malloc_trim` costs ~0.1–0.2 ms
/// on this heap (`agentdeck-bench memory`, `_trim_cost`).
///
/// Many updates are a burst too, whatever they did to tasks: each piece of news leaves freed
/// parser buffers, decoded values, journal lines and raw payload text behind (in the real
/// dashboard, on three threads' arenas). So a trim is also due after `minimumUpdates` updates:
/// at 10,000 events a second that is one trim every 2 s; idle (a card poll now and then) one in
/// minutes.
///
/// And a quiet console is trimmed a few times more: `quietFirstDelay` after no task has had a
/// request in flight any more (10 s: what the burst left is given back while the operator looks
/// at its results, not half a minute later), then each time the quiet has lasted twice as long
/// (10 s, 20 s, 40 s, 80 s, … into it). Not more often: each trim gives back pages the next polls
/// fault in again (trims at 5, 10 and 20 s cost the idle console ~0.05 % of a core in its first
/// 30 s; from 30 s on, one trim in any 30 s, as with the round-7 schedule of 30, 60, 120 s). What
/// finished with the burst is freed over those seconds, not at its end:
/// the network side closes the connections the burst opened as polls go on (`ConnectionCap`),
/// and the heap pages their blocks pinned are free only after that.
///
/// And a quiet console is trimmed after each round of ListTasks answers that listed at least
/// `listRoundMinimumTasks` tasks (`listRoundSettle` after the last one, at most one trim in
/// `listRoundSpacing`). Decoding 200 pages of 50 tasks at once takes the network thread's heap
/// from 5 to 10 MB resident, which stays until the next trim — minutes later, with the doubling
/// schedule (BENCHMARKS.md round 10). Since discovery asks only for what changed (`ListWatermark`,
/// round 11) such rounds are rare in a quiet console: the first one, a refresh (`R`), agents
/// that list whole. Empty pages (an idle fleet) leave next to nothing to give back, so only
/// listed tasks count: an idle console never takes this trim.
public struct HeapTrimPolicy: Sendable, Hashable {
    /// Finished tasks packed or dropped since the last trim before another trim is worth it.
    public var minimumReleased: Int
    /// Or this many updates since the last trim.
    public var minimumUpdates: Int
    public var minimumInterval: TimeInterval
    /// The first quiet trim comes this long after the quiet began (see above).
    public var quietFirstDelay: TimeInterval
    private var releasedAtLastTrim = 0
    private var updatesAtLastTrim = 0
    private var lastTrim: Date?
    /// When no task had a request in flight any more (nil: some task has one), and how long
    /// after that the next quiet trim is due.
    private var quietSince: Date?
    private var nextQuietTrim: TimeInterval = 0
    /// A quiet console trims this long after the last ListTasks answer of a round (see above)...
    public var listRoundSettle: TimeInterval = 2
    /// ...when the answers since the last trim listed at least this many tasks.
    public var listRoundMinimumTasks = 1_000
    /// No list-round trim sooner than this after the last trim of any kind.
    public var listRoundSpacing: TimeInterval = 10
    private var listedAtLastTrim = 0
    private var listedSeen = 0
    private var lastListed: Date?

    public init(
        minimumReleased: Int = 256, minimumInterval: TimeInterval = 1, minimumUpdates: Int = 20_000,
        quietFirstDelay: TimeInterval = 10
    ) {
        self.minimumReleased = minimumReleased
        self.minimumInterval = minimumInterval
        self.minimumUpdates = minimumUpdates
        self.quietFirstDelay = quietFirstDelay
    }

    /// Whether to trim now, given `DeckState.finishedTasksReleased` and whether any task still has
    /// a request or stream in flight (`DeckState.hasTaskRequestsInFlight`); when it says yes, it
    /// counts the trim as done.
    /// `updates`: how many updates the caller made so far (0: not counted). `listed`:
    /// `DeckState.listedTasksApplied` (0: not counted).
    public mutating func shouldTrim(
        released: Int, now: Date, tasksInFlight: Bool = true, updates: Int = 0, listed: Int = 0
    ) -> Bool {
        // A count lower than the last one means a new state: count from it.
        if released < releasedAtLastTrim { releasedAtLastTrim = released }
        if updates < updatesAtLastTrim { updatesAtLastTrim = updates }
        if listed < listedAtLastTrim { listedAtLastTrim = listed }
        if listed != listedSeen {
            listedSeen = listed
            lastListed = now
        }
        if tasksInFlight {
            quietSince = nil
        } else if quietSince == nil {
            quietSince = now
            nextQuietTrim = quietFirstDelay
        }
        if let quietSince, now.timeIntervalSince(quietSince) >= nextQuietTrim {
            let quiet = now.timeIntervalSince(quietSince)
            nextQuietTrim = max(2 * quiet, quiet + quietFirstDelay)
            return markTrimmed(released: released, updates: updates, now: now)
        }
        if quietSince != nil, listed - listedAtLastTrim >= max(1, listRoundMinimumTasks), let lastListed,
            now.timeIntervalSince(lastListed) >= listRoundSettle,
            lastTrim.map({ now.timeIntervalSince($0) >= listRoundSpacing }) ?? true
        {
            return markTrimmed(released: released, updates: updates, now: now)
        }
        guard released - releasedAtLastTrim >= max(1, minimumReleased) || updates - updatesAtLastTrim >= max(1, minimumUpdates)
        else { return false }
        if tasksInFlight, let lastTrim, now.timeIntervalSince(lastTrim) < minimumInterval { return false }
        return markTrimmed(released: released, updates: updates, now: now)
    }

    private mutating func markTrimmed(released: Int, updates: Int, now: Date) -> Bool {
        listedAtLastTrim = listedSeen
        releasedAtLastTrim = released
        updatesAtLastTrim = updates
        lastTrim = now
        return true
    }
}

extension DeckState {
    /// Some task has a request or stream in flight (a stream, a poll, a cancel): work may still
    /// come in (see `HeapTrimPolicy`).
    public var hasTaskRequestsInFlight: Bool { requests.concernsSomeTask }

    /// Tasks listed by the ListTasks answers applied so far (only ever grows): a round of them
    /// leaves decoded pages freed behind (see `HeapTrimPolicy`).
    public var listedTasksApplied: Int { listedTasks.count }
}

/// A count kept for the heap trim policy: a statistic, not part of the state's meaning.
struct StatisticCount: Sendable, Hashable {
    var count = 0
    static func == (a: StatisticCount, b: StatisticCount) -> Bool { true }
    func hash(into hasher: inout Hasher) {}
}
