/// How many connections libcurl may keep (CURLMOPT_MAXCONNECTS): one per transfer in flight,
/// plus one idle connection per origin the engine has talked to (an idle console polls every
/// agent's card over its kept connection), at most `maxIdleRoom` of those.
///
/// Why not more: libcurl closes an idle connection only when a transfer returns one to a cache
/// that is over the cap. With a fixed room of 1,024 idle connections plus 4 × the transfers in
/// flight, the ~1,000 connections a burst of 1,000 streams had opened all stayed open after it:
/// 1,030 sockets in the settled dashboard with 200 agents, ~10 MB of libcurl's blocks scattered
/// through the network thread's heap, pinning its freed pages (BENCHMARKS.md, round 7 heap).
/// With this cap, each connection a poll returns closes the oldest idle one beyond it.
struct ConnectionCap {
    private var origins: Set<Origin> = []
    /// At most this many origins are counted (and so idle connections kept).
    let maxIdleRoom: Int

    init(maxIdleRoom: Int = 1024) {
        self.maxIdleRoom = maxIdleRoom
    }

    /// Counts the origin of a request (nil: its URL did not parse; it gets no room).
    mutating func note(_ origin: Origin?) {
        guard let origin, origins.count < maxIdleRoom else { return }
        origins.insert(origin)
    }

    /// Origins counted so far.
    var originCount: Int { origins.count }

    /// The cap with `inFlight` transfers running (never 0: libcurl reads 0 as "its default").
    func connections(inFlight: Int) -> Int {
        max(1, inFlight + origins.count)
    }
}
