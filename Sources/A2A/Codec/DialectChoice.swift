import Foundation

/// Which endpoints to try for an agent, in order, from its card (PROTOCOL.md §1 "Choosing a dialect").
public enum DialectChoice {
    public enum Outcome: Sendable, Hashable {
        /// Candidates, best first. Try the first; the fallback ladder says when to move on.
        case endpoints([Endpoint])
        /// The agent offers only gRPC, which AgentDeck cannot speak (libcurl has no gRPC).
        case grpcOnly(urls: [String])
        /// Nothing we can speak; the text says what the card offers.
        case unusable(String)
    }

    /// The ordered candidates for a card fetched from `cardURL` (relative interface URLs are
    /// resolved against it). JSON-RPC before HTTP+JSON; within a binding, 1.0 before 0.3 before 0.1;
    /// card order otherwise.
    public static func choose(card: AgentCard, cardURL: String) -> Outcome {
        let isV1Card = card.raw["supportedInterfaces"]?.arrayValue?.isEmpty == false
        var candidates: [(rank: Int, order: Int, endpoint: Endpoint)] = []
        var grpcURLs: [String] = []
        var others: [String] = []
        for (order, interface) in card.interfaces.enumerated() {
            let url = resolve(interface.url, against: cardURL)
            let bindingRank: Int
            switch interface.binding {
            case .jsonRPC: bindingRank = 0
            case .httpJSON: bindingRank = 10
            case .grpc:
                grpcURLs.append(url)
                continue
            case .other(let name):
                others.append(name)
                continue
            }
            let possible = dialects(for: interface.protocolVersion, card: card, isV1Card: isV1Card)
            for (position, dialect) in possible.enumerated() {
                // A known version ranks by dialect (1.0 before 0.3 before 0.1); a guess keeps the
                // heuristic's order, in the 0.x slots.
                let dialectRank = possible.count == 1 ? dialectBaseRank(dialect) : 3 + position
                let endpoint = Endpoint(url: url, dialect: dialect, binding: interface.binding)
                candidates.append((bindingRank + dialectRank, order, endpoint))
            }
        }
        var seen = Set<Endpoint>()
        let ordered = candidates.sorted { ($0.rank, $0.order) < ($1.rank, $1.order) }.map(\.endpoint).filter {
            seen.insert($0).inserted
        }
        if !ordered.isEmpty { return .endpoints(ordered) }
        if !grpcURLs.isEmpty { return .grpcOnly(urls: grpcURLs) }
        if !others.isEmpty { return .unusable("agent offers only unsupported bindings: \(others.joined(separator: ", "))") }
        return .unusable("agent card lists no endpoint")
    }

    private static func dialectBaseRank(_ d: Dialect) -> Int {
        switch d {
        case .v1: 0
        case .v03: 3
        case .v01: 6
        }
    }

    /// The dialects an interface may speak, most likely first.
    static func dialects(for protocolVersion: String?, card: AgentCard, isV1Card: Bool) -> [Dialect] {
        if let version = protocolVersion?.trimmingSpaces, !version.isEmpty {
            if version.hasPrefix("1") { return [.v1] }
            if version.hasPrefix("0.2") || version.hasPrefix("0.3") { return [.v03] }
            if version.hasPrefix("0.1") { return [.v01] }
            return isV1Card ? [.v1] : [.v03]
        }
        if isV1Card { return [.v1] }
        // No version at all: a 0.1 card had `authentication`; otherwise 0.2-ish, with 0.1 as fallback.
        if card.raw["authentication"] != nil { return [.v01, .v03] }
        return [.v03, .v01]
    }

    /// Resolves a possibly relative interface URL against the card's URL.
    public static func resolve(_ url: String, against base: String) -> String {
        if url.contains("://") { return url }
        guard let baseURL = URL(string: base), let resolved = URL(string: url, relativeTo: baseURL) else { return url }
        return resolved.absoluteString
    }

    /// Where to look for a card, in order: a URL ending in `.json` as is; otherwise the origin's
    /// `/.well-known/agent-card.json` (0.3, 1.0) then `/.well-known/agent.json` (0.1, 0.2).
    public static func cardURLs(for userURL: String) -> [String] {
        var text = String(userURL.trimmingSpaces)
        if !text.contains("://") { text = "http://" + text }
        guard let components = URLComponents(string: text), let host = components.host, let scheme = components.scheme else {
            return [text]
        }
        if components.path.lowercased().hasSuffix(".json") { return [text] }
        var origin = "\(scheme)://\(host.contains(":") ? "[\(host)]" : host)"
        if let port = components.port { origin += ":\(port)" }
        return [origin + "/.well-known/agent-card.json", origin + "/.well-known/agent.json"]
    }
}
