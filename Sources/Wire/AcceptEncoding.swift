import CCurl

/// The `Accept-Encoding` header a request sends, spelled out by us instead of by libcurl.
///
/// `CURLOPT_ACCEPT_ENCODING ""` makes libcurl offer every encoding it decodes and decode the
/// answer. libcurl 7.88 then formats "Accept-Encoding: deflate, gzip, br, zstd" with its own
/// printf twice per request (once alone, once into the request head), one byte per call: ~80
/// bytes that cost more than the rest of a card poll's options together. A custom header with
/// the same value is formatted once, and libcurl leaves its own out (it checks for one); the
/// option stays set, so answers are still decoded. Same encodings, same order as libcurl's
/// list (`Curl_all_content_encodings`), built from what this libcurl reports it was built with.
enum AcceptEncoding {
    /// "Accept-Encoding: deflate, gzip, br, zstd" (what this libcurl decodes), or nil when it
    /// decodes nothing (then libcurl's own handling is left alone).
    static let header: String? = {
        guard let info = curl_version_info(CURLVERSION_TENTH) else { return nil }
        var names: [String] = []
        if info.pointee.libz_version != nil { names += ["deflate", "gzip"] }
        if info.pointee.age.rawValue >= CURLVERSION_FIFTH.rawValue, info.pointee.brotli_version != nil {
            names.append("br")
        }
        if info.pointee.age.rawValue >= CURLVERSION_EIGHTH.rawValue, info.pointee.zstd_version != nil {
            names.append("zstd")
        }
        return names.isEmpty ? nil : "Accept-Encoding: " + names.joined(separator: ", ")
    }()
}
