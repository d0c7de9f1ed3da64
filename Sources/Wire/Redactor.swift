import Foundation

/// Replaces secret values with `***` in any text bound for a log, an error message or the screen.
/// Pure. Build one from the secrets in use (`HTTPRequest.secrets`, `AuthConfig.secrets`).
public struct Redactor: Sendable {
    public static let mask = "***"
    private let secrets: [String]

    public init(secrets: [String]) {
        var variants = Set<String>()
        for secret in secrets where !secret.isEmpty {
            variants.insert(secret)
            // A secret may also show up percent-encoded inside a URL.
            if let encoded = secret.addingPercentEncoding(withAllowedCharacters: Self.unreserved), encoded != secret {
                variants.insert(encoded)
            }
        }
        // Longest first: a secret that contains another must be masked whole.
        self.secrets = variants.sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
    }

    public func redact(_ text: String) -> String {
        var result = text
        for secret in secrets where result.contains(secret) {
            result = result.replacingOccurrences(of: secret, with: Self.mask)
        }
        return result
    }

    public var isEmpty: Bool { secrets.isEmpty }

    /// RFC 3986 unreserved characters: everything else is percent-encoded in a URL component.
    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
