import CCurl

/// libcurl easy handles kept between transfers (network thread only). Creating a handle
/// allocates and initializes some 20 KB that libcurl sets up again for every transfer; a card
/// poll is a few dozen microseconds all in, so 50 polls a second paid for it 50 times a second.
/// `curl_easy_reset` clears every option (callbacks and their context pointers included) and
/// keeps the allocations, so a reused handle starts like a new one.
struct EasyHandlePool {
    private var spare: [UnsafeMutableRawPointer] = []
    /// At most this many idle handles are kept; beyond, a returned handle is freed. An idle
    /// console's polls come due together (100 agents started together stay one group on the
    /// deadline grid), so a burst needs as many handles as agents: with 64 kept, 100 agents
    /// still freed and made ~16 handles a second. Handles in use in a burst are allocated
    /// anyway; keeping them does not raise the peak.
    let capacity: Int

    init(capacity: Int = 256) {
        self.capacity = capacity
    }

    /// Handles waiting for a transfer.
    var spareCount: Int { spare.count }

    /// A reset handle, or a new one (nil when libcurl cannot make one).
    mutating func take() -> UnsafeMutableRawPointer? {
        spare.popLast() ?? curl_easy_init()
    }

    /// Takes back a handle that is no longer attached to the multi handle.
    mutating func give(_ easy: UnsafeMutableRawPointer) {
        guard spare.count < capacity else {
            curl_easy_cleanup(easy)
            return
        }
        curl_easy_reset(easy)
        spare.append(easy)
    }

    /// Frees every idle handle (the engine is stopping).
    mutating func removeAll() {
        for easy in spare { curl_easy_cleanup(easy) }
        spare.removeAll()
    }
}
