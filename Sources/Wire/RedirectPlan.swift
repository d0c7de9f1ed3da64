/// Pure: the request to send after a 3xx, or nil to report the 3xx to the caller.
enum RedirectPlan {
    static let redirectStatuses: Set<Int> = [301, 302, 303, 307, 308]

    /// - Parameters:
    ///   - target: the absolute URL of the redirect (libcurl's CURLINFO_REDIRECT_URL).
    ///   - credentialOrigin: the origin the caller addressed; credentials never leave it.
    static func next(
        after request: HTTPRequest, status: Int, target: String?, hopsSoFar: Int, credentialOrigin: Origin?
    ) -> HTTPRequest? {
        guard case .follow(let maxHops) = request.redirects, hopsSoFar < maxHops,
              redirectStatuses.contains(status), let target,
              let targetOrigin = Origin(url: target),
              targetOrigin.scheme == "http" || targetOrigin.scheme == "https"
        else { return nil }

        var next = request
        next.url = target
        if targetOrigin != credentialOrigin {
            next.headers.removeAll(where: \.carriesCredential)
        }
        // 303 always, and 301/302 after a POST (as browsers do), continue as a GET without body.
        let method = request.method.uppercased()
        if status == 303 && method != "HEAD" || (status == 301 || status == 302) && method == "POST" {
            next.method = "GET"
            next.body = nil
            next.headers.removeAll { ["content-type", "content-length"].contains($0.name.lowercased()) }
        }
        return next
    }
}
