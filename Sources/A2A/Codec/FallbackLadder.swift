/// What to try after the FIRST call to an agent failed (PROTOCOL.md §1, step 3). Pure: the caller
/// caches the endpoint that worked, per agent.
///
///     -32601 on V1                → V03 (no version header)
///     -32009 without the header   → same dialect with `A2A-Version`
///     -32603 "A2A version …"      → drop the header (V1 with the header → the server wants 0.3)
///     -32601 on V03               → V01
///     HTTP 404/405/501 on V1 REST → 0.3 REST (`/v1/…` paths)
///     anything else               → give up (nil)
public enum FallbackLadder {
    public static func next(after endpoint: Endpoint, error: RPCError, alreadyTried: [Endpoint] = []) -> Endpoint? {
        let candidate = step(after: endpoint, error: error)
        guard let candidate, candidate != endpoint, !alreadyTried.contains(candidate) else { return nil }
        return candidate
    }

    public static func next(after endpoint: Endpoint, httpStatus: Int, alreadyTried: [Endpoint] = []) -> Endpoint? {
        guard endpoint.binding == .httpJSON, endpoint.dialect == .v1, [404, 405, 501].contains(httpStatus) else { return nil }
        let candidate = Endpoint(url: endpoint.url, dialect: .v03, binding: .httpJSON, sendsVersionHeader: false)
        return alreadyTried.contains(candidate) ? nil : candidate
    }

    private static func step(after e: Endpoint, error: RPCError) -> Endpoint? {
        switch (error.code, e.dialect) {
        case (-32601, .v1):
            return Endpoint(url: e.url, dialect: .v03, binding: e.binding, sendsVersionHeader: false)
        case (-32601, .v03) where e.binding == .jsonRPC:
            return Endpoint(url: e.url, dialect: .v01, binding: e.binding, sendsVersionHeader: false)
        case (-32009, .v1), (-32009, .v03):
            if !e.sendsVersionHeader { return Endpoint(url: e.url, dialect: e.dialect, binding: e.binding, sendsVersionHeader: true) }
            // The header was sent and still refused: a server that expects 0.3 says so.
            if e.dialect == .v1, error.message.contains("0.3") {
                return Endpoint(url: e.url, dialect: .v03, binding: e.binding, sendsVersionHeader: false)
            }
            return nil
        case (-32603, _) where error.message.containsIgnoringCase("a2a version"):
            guard e.sendsVersionHeader else { return nil }
            if e.dialect == .v1 { return Endpoint(url: e.url, dialect: .v03, binding: e.binding, sendsVersionHeader: false) }
            return Endpoint(url: e.url, dialect: e.dialect, binding: e.binding, sendsVersionHeader: false)
        default:
            return nil
        }
    }
}

extension String {
    /// Case-insensitive containment.
    func containsIgnoringCase(_ needle: String) -> Bool { lowercased().contains(needle.lowercased()) }
}
