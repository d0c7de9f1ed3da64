/// A transport failure. `message` is safe to show and log: it is built from libcurl's error
/// text and redacted; it never contains header values.
public struct WireError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The request itself is malformed (bad URL, header with a line break…). Nothing was sent.
        case invalidRequest
        /// DNS or TCP connect failed (refused, unreachable, unknown host).
        case connect
        /// TLS handshake or certificate verification failed.
        case tls
        /// The total or connect timeout expired.
        case timeout
        /// A stream delivered no complete event or keep-alive for `idleTimeout` seconds.
        case idleTimeout
        /// The body exceeded `maxBodyBytes`.
        case tooLarge
        /// The connection broke mid-way (reset, closed early, protocol error).
        case network
        /// Produced by callers that treat a status as a failure (`HTTPResponse.requireSuccess`).
        case http(status: Int)
        /// Canceled by `cancel(_:)` or by a stream consumer returning false.
        case canceled
        /// The engine was shut down.
        case shutdown
        case other
    }

    public var kind: Kind
    public var message: String
    /// The libcurl result code, when libcurl reported the failure.
    public var curlCode: Int?

    public init(_ kind: Kind, _ message: String, curlCode: Int? = nil) {
        self.kind = kind
        self.message = message
        self.curlCode = curlCode
    }

    public var description: String { message }
}

extension HTTPResponse {
    /// The response when its status is 2xx, else an `.http(status:)` error.
    public func requireSuccess() -> Result<HTTPResponse, WireError> {
        head.isSuccess ? .success(self) : .failure(WireError(.http(status: status), "HTTP \(status)"))
    }
}
