/// The origins of the URLs the engine was asked for, parsed once each (network thread only).
/// `Origin(url:)` goes through `URLComponents` (and IDNA for the host): twice per request, it
/// was a visible share of an idle console polling the same 100 card URLs every 2 s.
struct OriginMemo {
    private var known: [String: Origin] = [:]
    /// Bounds the memo: beyond this many URLs it starts over.
    let capacity: Int

    init(capacity: Int = 4096) {
        self.capacity = capacity
    }

    /// The origin of `url`, or nil when it does not parse (not kept: parsed again next time).
    mutating func origin(of url: String) -> Origin? {
        if let origin = known[url] { return origin }
        guard let origin = Origin(url: url) else { return nil }
        if known.count >= capacity { known.removeAll(keepingCapacity: true) }
        known[url] = origin
        return origin
    }
}
