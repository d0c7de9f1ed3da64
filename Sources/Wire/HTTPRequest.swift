/// One header to send. `isCredential` marks values that must never leave the agent's origin
/// and must never appear in logs or error messages (see `Redactor`).
public struct HTTPHeader: Sendable, Equatable {
    public var name: String
    public var value: String
    public var isCredential: Bool

    public init(_ name: String, _ value: String, isCredential: Bool = false) {
        self.name = name
        self.value = value
        self.isCredential = isCredential
    }

    /// Header names whose values are credentials whatever the caller said.
    static let alwaysCredential: Set<String> = ["authorization", "proxy-authorization", "cookie"]

    var carriesCredential: Bool {
        isCredential || Self.alwaysCredential.contains(name.lowercased())
    }
}

/// What to do with a 3xx answer. libcurl itself never follows redirects here: custom headers
/// would travel to the new host. The engine either reports the 3xx (the caller decides), or
/// follows it itself and drops every credential header when the origin changes.
public enum RedirectPolicy: Sendable, Equatable {
    /// Return the 3xx response as is (its `location` header tells where).
    case report
    /// Follow up to `max` hops; credential headers only go to the original origin.
    case follow(max: Int)
}

/// A request for `HTTPEngine`. Values are plain data; nothing here touches the network.
public struct HTTPRequest: Sendable {
    public var url: String
    public var method: String
    public var headers: [HTTPHeader]
    public var body: [UInt8]?
    /// Total time limit in seconds (connect + transfer). Leave nil for streams.
    public var timeout: Double?
    /// Time limit for the TCP/TLS connect, in seconds.
    public var connectTimeout: Double
    /// Streams: abort when no byte (data or keep-alive comment) arrives for this many seconds.
    public var idleTimeout: Double?
    /// Skip TLS certificate and host name verification. Off by default; meant for a lab agent
    /// with a self-signed certificate, chosen explicitly per agent.
    public var insecure: Bool
    /// Largest body collected by `perform` (and by a non-SSE answer to `streamSSE`).
    public var maxBodyBytes: Int
    public var redirects: RedirectPolicy

    public init(
        url: String,
        method: String = "GET",
        headers: [HTTPHeader] = [],
        body: [UInt8]? = nil,
        timeout: Double? = 30,
        connectTimeout: Double = 10,
        idleTimeout: Double? = nil,
        insecure: Bool = false,
        maxBodyBytes: Int = 16 << 20,
        redirects: RedirectPolicy = .report
    ) {
        self.url = url
        self.method = method
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.connectTimeout = connectTimeout
        self.idleTimeout = idleTimeout
        self.insecure = insecure
        self.maxBodyBytes = maxBodyBytes
        self.redirects = redirects
    }

    /// A long-lived stream request: no total timeout, an idle watchdog instead
    /// (a2a-sdk sends `: ping` every 15 s, so 45 s of silence means the peer is gone).
    public static func stream(
        url: String,
        method: String = "POST",
        headers: [HTTPHeader] = [],
        body: [UInt8]? = nil,
        idleTimeout: Double = 45,
        connectTimeout: Double = 10,
        insecure: Bool = false
    ) -> HTTPRequest {
        HTTPRequest(
            url: url, method: method, headers: headers, body: body, timeout: nil,
            connectTimeout: connectTimeout, idleTimeout: idleTimeout, insecure: insecure)
    }

    /// The credential values in this request, for redaction.
    public var secrets: [String] {
        var values: [String] = []
        for header in headers where header.carriesCredential {
            values.append(header.value)
            // "Bearer abc": the token alone must be masked too.
            if let token = header.value.split(separator: " ").last, token.count < header.value.count {
                values.append(String(token))
            }
        }
        return values
    }

    /// Header names and values must not smuggle extra lines into the request. `origin` is the
    /// URL's, already parsed (nil: it does not parse).
    func validationProblem(origin: Origin?) -> String? {
        for header in headers {
            if header.name.isEmpty || header.name.utf8.contains(where: { !HTTPToken.isTokenByte($0) }) {
                return "invalid header name"
            }
            if header.value.utf8.contains(where: { $0 == 0x0D || $0 == 0x0A || $0 == 0 }) {
                return "header \(header.name) has a line break in its value"
            }
        }
        if method.isEmpty || method.utf8.contains(where: { !HTTPToken.isTokenByte($0) }) {
            return "invalid method"
        }
        guard let origin, origin.scheme == "http" || origin.scheme == "https" else {
            return "not an http(s) URL"
        }
        return nil
    }
}
