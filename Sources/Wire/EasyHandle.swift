import CCurl

/// One libcurl easy handle and the memory its options point at (the header list, the error
/// buffer), which must live exactly as long as the options do. Network thread only.
///
/// A handle remembers the request it was configured for when that request's options may
/// stay set for the next one (`keepsOptions`): a card poll goes to the same URL with the same
/// headers every 2 s, and setting ~20 options again after a `curl_easy_reset` cost more than
/// libcurl's whole request line and header formatting. Only what points at the transfer
/// (callback context) is set again; a request that differs in any option gets a reset handle.
final class EasyHandle {
    let easy: UnsafeMutableRawPointer
    /// libcurl writes its error text here (CURLOPT_ERRORBUFFER).
    let errorBuffer: UnsafeMutablePointer<CChar>
    /// CURLOPT_HTTPHEADER points at this list.
    var headerList: UnsafeMutablePointer<curl_slist>?
    /// The request whose options are all set on the handle and may serve an identical one;
    /// nil after a reset, or when the options must not outlive the transfer.
    private(set) var configuredFor: HTTPRequest?

    init?() {
        guard let easy = curl_easy_init() else { return nil }
        self.easy = easy
        self.errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        self.errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    }

    deinit {
        // libcurl removes a handle from its multi handle first if it is still attached;
        // the header list goes after the handle that points at it.
        curl_easy_cleanup(easy)
        curl_slist_free_all(headerList)
        errorBuffer.deallocate()
    }

    /// Clears every option (callbacks and their context pointers included) and keeps the
    /// handle's allocations, so it starts like a new one.
    func reset() {
        curl_easy_reset(easy)
        curl_slist_free_all(headerList)
        headerList = nil
        configuredFor = nil
    }

    /// True when every option `request` needs is already set (by an identical request).
    func isConfigured(for request: HTTPRequest, delivery: Delivery) -> Bool {
        guard let configuredFor, Self.keepsOptions(request, delivery) else { return false }
        return configuredFor.hasSameTransferOptions(as: request)
    }

    /// Records that all of `request`'s options are set, when they may serve the next one.
    func noteConfigured(for request: HTTPRequest, delivery: Delivery) {
        configuredFor = Self.keepsOptions(request, delivery) ? request : nil
    }

    /// Collected requests without a body: their options say everything (a body is copied into
    /// the handle and would need comparing byte by byte; a stream's options differ).
    static func keepsOptions(_ request: HTTPRequest, _ delivery: Delivery) -> Bool {
        guard request.body == nil, case .collect = delivery else { return false }
        return true
    }
}

extension HTTPRequest {
    /// Same URL, method, headers and limits: every libcurl option `Transfer.configure` sets
    /// from a request would be set to the same value. (`idleTimeout` and `redirects` are the
    /// engine's, not libcurl's, and are read from the request itself each time.)
    func hasSameTransferOptions(as other: HTTPRequest) -> Bool {
        url == other.url && method == other.method && headers == other.headers && body == other.body
            && timeout == other.timeout && connectTimeout == other.connectTimeout
            && insecure == other.insecure && maxBodyBytes == other.maxBodyBytes
    }
}
