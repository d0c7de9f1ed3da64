import Foundation

/// The one-line message at the bottom: what just happened, shown until it expires.
public struct StatusLine: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case info, error }
    public var text: String
    public var kind: Kind
    public var expiresAt: Date

    public init(text: String, kind: Kind, expiresAt: Date) {
        self.text = text
        self.kind = kind
        self.expiresAt = expiresAt
    }

    public func isVisible(at now: Date) -> Bool { now < expiresAt }
}
