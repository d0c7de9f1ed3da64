import Glibc

/// Whether libcurl would send an `http://` request through a proxy: then the fast revalidation
/// path (which connects to the agent directly) must stay off. libcurl reads `http_proxy` (never
/// the uppercase `HTTP_PROXY`, for CGI safety), then `all_proxy` / `ALL_PROXY`; `no_proxy` could
/// exempt some hosts, but a proxy anywhere simply leaves every poll to libcurl. The app itself
/// sets no proxy option.
enum ProxyEnvironment {
    static let variables = ["http_proxy", "all_proxy", "ALL_PROXY"]

    static func proxyInEffect(_ lookup: (String) -> String? = { getenv($0).map { String(cString: $0) } }) -> Bool {
        variables.contains { name in
            guard let value = lookup(name) else { return false }
            return !value.allSatisfy { $0 == " " || $0 == "\t" }
        }
    }
}
