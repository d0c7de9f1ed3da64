/// libcurl easy handles kept between transfers (network thread only). Creating a handle
/// allocates and initializes some 20 KB that libcurl sets up again for every transfer; a card
/// poll is a few dozen microseconds all in, so 50 polls a second paid for it 50 times a second.
///
/// Two kinds of spare handles: reset ones (no option set), and configured ones kept per URL
/// with their options still set (`EasyHandle.configuredFor`), so the next poll of the same
/// card skips the reset and the ~20 options. Together they are at most `capacity`.
struct EasyHandlePool {
    private var spare: [EasyHandle] = []
    private var configured: [String: EasyHandle] = [:]
    /// At most this many idle handles are kept; beyond, a returned handle is freed. An idle
    /// console's polls come due together (100 agents started together stay one group on the
    /// deadline grid): before the fast revalidation path (round 7) every card poll took a handle,
    /// and with 64 kept, 100 agents freed and made ~16 handles a second. Now a card that answers
    /// `304` is polled on the fast path's own socket (its configured handle is dropped, see
    /// `dropConfigured`), and what takes handles at idle is the task-list polls: 64 are enough
    /// there, and 256 kept after a burst were ~1.5 MB of libcurl's memory (round 9).
    let capacity: Int

    init(capacity: Int = 64) {
        self.capacity = capacity
    }

    /// Handles waiting for a transfer.
    var spareCount: Int { spare.count + configured.count }

    /// The handle last configured for this URL (its options may still fit: see
    /// `EasyHandle.isConfigured`), else a reset one, else another URL's (the transfer resets
    /// it), else a new one (nil when libcurl cannot make one).
    mutating func take(for url: String) -> EasyHandle? {
        if let handle = configured.removeValue(forKey: url) { return handle }
        if let handle = spare.popLast() { return handle }
        if let index = configured.indices.first { return configured.remove(at: index).value }
        return EasyHandle()
    }

    /// Takes back a handle that is no longer attached to the multi handle.
    mutating func give(_ handle: EasyHandle) {
        if let request = handle.configuredFor, configured[request.url] == nil {
            // A configured handle is worth more than a reset one: make room by dropping one.
            if spareCount >= capacity, !spare.isEmpty { spare.removeLast() }
            if spareCount < capacity {
                configured[request.url] = handle
                return
            }
        }
        guard spareCount < capacity else { return }  // freed with the last reference
        handle.reset()
        spare.append(handle)
    }

    /// Frees the handle kept configured for `url`, if any: that URL's polls go another way now
    /// (the fast revalidation path, `FastRevalidator`), and an idle handle holds ~6 KB of
    /// libcurl's memory besides its options — ~1.5 MB for 200 agents whose cards all revalidate
    /// there. A poll that goes to libcurl again configures a handle afresh, once.
    mutating func dropConfigured(for url: String) {
        configured.removeValue(forKey: url)
    }

    /// Frees every idle handle (the engine is stopping).
    mutating func removeAll() {
        spare.removeAll()
        configured.removeAll()
    }
}
