/// How many connections libcurl may keep (CURLMOPT_MAXCONNECTS): one per transfer in flight,
/// plus two idle connections per origin the engine has talked to (an idle console polls every
/// agent's card, and every 10 s its task list at the same moment: one connection each; with one
/// per origin, ~5 connections a second were closed and opened again), for at most `maxOrigins`.
///
/// Why not more: libcurl closes an idle connection only when a transfer returns one to a cache
/// that is over the cap. With a fixed room of 1,024 idle connections plus 4 × the transfers in
/// flight, the ~1,000 connections a burst of 1,000 streams had opened all stayed open after it:
/// 1,030 sockets in the settled dashboard with 200 agents (and as many held by the agents), each
/// with libcurl's blocks among the network thread's heap (BENCHMARKS.md, round 7 heap).
/// With this cap, each connection a poll returns closes the oldest idle one beyond it.
struct ConnectionCap {
    private var origins: Set<Origin> = []
    /// At most this many origins are counted.
    let maxOrigins: Int
    static let idlePerOrigin = 2

    init(maxOrigins: Int = 1024) {
        self.maxOrigins = maxOrigins
    }

    /// Counts the origin of a request (nil: its URL did not parse; it gets no room).
    mutating func note(_ origin: Origin?) {
        guard let origin, origins.count < maxOrigins else { return }
        origins.insert(origin)
    }

    /// Origins counted so far.
    var originCount: Int { origins.count }

    /// The cap with `inFlight` transfers running (never 0: libcurl reads 0 as "its default").
    func connections(inFlight: Int) -> Int {
        max(1, inFlight + Self.idlePerOrigin * origins.count)
    }
}
