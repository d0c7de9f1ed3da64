import Foundation
/// Identifies a submitted request, for `HTTPEngine.cancel`.
public struct RequestID: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt64
    public var description: String { "#\(rawValue)" }
}

/// Status line and headers of a final (non-1xx) response.
public struct HTTPResponseHead: Sendable, Equatable {
    public var status: Int
    /// Lowercased names; repeated headers joined with ", ".
    public var headers: [String: String]

    public init(status: Int, headers: [String: String]) {
        self.status = status
        self.headers = headers
    }

    public var contentType: String? { headers["content-type"] }
    /// The media type without parameters, lowercased: `text/event-stream; charset=utf-8` → `text/event-stream`.
    public var mediaType: String? {
        contentType.map { type in
            String(type.split(separator: ";", maxSplits: 1).first ?? "")
                .trimmingCharacters(in: .whitespaces).lowercased()
        }
    }
    public var isEventStream: Bool { mediaType == "text/event-stream" }
    public var etag: String? { headers["etag"] }
    public var location: String? { headers["location"] }
    public var isSuccess: Bool { (200..<300).contains(status) }
}

/// Where the time went, from libcurl's own clocks (seconds since the request started).
public struct HTTPTiming: Sendable, Equatable {
    public var connect: Double
    /// Time to the first response byte (status line).
    public var firstByte: Double
    public var total: Double

    public init(connect: Double = 0, firstByte: Double = 0, total: Double = 0) {
        self.connect = connect
        self.firstByte = firstByte
        self.total = total
    }
}

/// A complete response from `HTTPEngine.perform`. Any status is a response, not an error:
/// A2A servers put error details in 4xx/5xx bodies.
public struct HTTPResponse: Sendable {
    public var head: HTTPResponseHead
    public var body: [UInt8]
    public var timing: HTTPTiming
    /// The URL that answered (differs from the request's after followed redirects).
    public var url: String
    public var redirectsFollowed: Int

    public var status: Int { head.status }
    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// How a stream ended. Exactly one `StreamEnd` is delivered per stream request.
public struct StreamEnd: Sendable {
    /// nil: the server closed the stream normally.
    public var error: WireError?
    public var head: HTTPResponseHead?
    public var timing: HTTPTiming
    public var bytesReceived: Int
    /// `streamSSE` only: the body of an answer that was not `text/event-stream`
    /// (a JSON error, say), collected up to `maxBodyBytes`.
    public var unparsedBody: [UInt8]
    /// `streamSSE` only: the stream ended in the middle of an event, which was dropped.
    public var discardedPartialEvent: Bool
}
