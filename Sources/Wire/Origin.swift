import Foundation

/// A web origin: scheme, host and port (RFC 6454). Credentials are scoped to one origin, so
/// `https://agent.example` and `http://agent.example` or `https://agent.example:8443` differ.
public struct Origin: Hashable, Sendable, CustomStringConvertible {
    public let scheme: String
    public let host: String
    public let port: Int

    /// Parses an absolute URL; nil when it has no scheme or host. Default ports are made explicit
    /// (`http` 80, `https` 443) so `https://a` and `https://a:443` compare equal.
    public init?(url: String) {
        guard let components = URLComponents(string: url),
              let scheme = components.scheme?.lowercased(),
              let host = components.host?.lowercased(), !host.isEmpty
        else { return nil }
        let port: Int
        if let explicit = components.port {
            port = explicit
        } else if let known = Self.defaultPorts[scheme] {
            port = known
        } else {
            return nil
        }
        self.scheme = scheme
        self.host = host.hasSuffix(".") ? String(host.dropLast()) : host
        self.port = port
    }

    public init(scheme: String, host: String, port: Int) {
        self.scheme = scheme.lowercased()
        self.host = host.lowercased()
        self.port = port
    }

    static let defaultPorts = ["http": 80, "https": 443]

    /// True when `url` parses and belongs to this origin.
    public func contains(url: String) -> Bool {
        Origin(url: url) == self
    }

    public var description: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return Self.defaultPorts[scheme] == port ? "\(scheme)://\(shownHost)" : "\(scheme)://\(shownHost):\(port)"
    }
}
