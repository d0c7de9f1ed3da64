/// The bytes of a conditional card poll sent on the fast revalidation path: the same request
/// libcurl 7.88 would write for it, byte for byte, built once per ETag instead of formatted by
/// libcurl's printf one byte at a time on every poll.
///
/// libcurl's order for a GET (`Curl_http`): the request line, `Host`, `User-Agent` (unless the
/// request has its own), `Accept: */*` (unless it has its own), then the custom headers as
/// given, in order (`Transfer.configure` appends `Accept-Encoding` to them, and `Expect:`, which
/// libcurl does not send: an empty value only removes a header). Anything whose rendering
/// depends on more of libcurl's rules (a custom `Host`, an empty value, framing headers) makes
/// `init` fail, and that request simply stays on libcurl.
struct RevalidationRequest {
    /// The request these bytes were built from (the same value comes back every poll).
    let request: HTTPRequest
    let bytes: [UInt8]

    /// Header names whose rendering libcurl decides itself, or that would change the framing.
    static let refusedHeaderNames: Set<String> = [
        "host", "content-length", "transfer-encoding", "connection", "expect", "te", "upgrade",
        "proxy-authorization", "proxy-connection",
    ]

    /// nil when the request is not a plain conditional GET (no `If-None-Match`, a body, a header
    /// libcurl would treat specially).
    init?(_ request: HTTPRequest, url: PlainHTTPURL) {
        guard request.method == "GET", request.body == nil else { return nil }
        var hasETag = false
        var ownUserAgent = false
        var ownAccept = false
        var ownAcceptEncoding = false
        for header in request.headers {
            let name = header.name.lowercased()
            if Self.refusedHeaderNames.contains(name) { return nil }
            // libcurl drops a header whose value is blank (it is how options remove one).
            guard header.value.utf8.contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }) else {
                return nil
            }
            switch name {
            case "if-none-match": hasETag = true
            case "user-agent": ownUserAgent = true
            case "accept": ownAccept = true
            case "accept-encoding": ownAcceptEncoding = true
            default: break
            }
        }
        guard hasETag else { return nil }

        var text = "GET \(url.target) HTTP/1.1\r\nHost: \(url.hostHeader)\r\n"
        if !ownUserAgent { text += "User-Agent: \(Transfer.userAgent)\r\n" }
        if !ownAccept { text += "Accept: */*\r\n" }
        for header in request.headers { text += "\(header.name): \(header.value)\r\n" }
        if !ownAcceptEncoding, let acceptEncoding = AcceptEncoding.header { text += acceptEncoding + "\r\n" }
        text += "\r\n"
        self.request = request
        self.bytes = Array(text.utf8)
    }
}
