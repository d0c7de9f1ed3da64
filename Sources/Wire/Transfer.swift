import Foundation
import A2A
import CCurl

/// One libcurl easy handle and everything its callbacks touch. Lives on the network thread
/// only; libcurl reaches it through an unretained pointer (CURLOPT_WRITEDATA/HEADERDATA)
/// while the owning `NetworkLoop` keeps it alive. The handle comes from the loop's
/// `EasyHandlePool` and goes back there once detached (`surrenderHandle`), with its options
/// still set when the next identical request may reuse them (`EasyHandle`).
final class Transfer {
    let id: RequestID
    let request: HTTPRequest
    let delivery: Delivery
    let handle: EasyHandle
    var easy: UnsafeMutableRawPointer { handle.easy }
    /// The origin the caller addressed: credential headers are never sent anywhere else.
    let credentialOrigin: Origin?
    let hops: Int

    /// False once the handle went back to the pool: it then belongs to another transfer.
    private var ownsHandle = true

    // Response state, filled by the callbacks.
    private(set) var head: HTTPResponseHead?
    private var headerFields: [String: String] = [:]
    private var headerBytes = 0
    private(set) var body: [UInt8] = []
    private(set) var bytesReceived = 0
    /// Why a callback aborted the transfer (libcurl only reports CURLE_WRITE_ERROR).
    private(set) var abortReason: WireError?
    /// When the transfer last made progress, for the idle watchdog. For an SSE stream that is a
    /// complete item (event, comment, limit error), not a byte: a peer trickling one byte per
    /// second, or one endless line, must not keep a stream alive forever.
    private(set) var lastActivity: ContinuousClock.Instant
    private var parser: SSEParser?
    private(set) var discardedPartialEvent = false

    static let maxHeaderBytes = 256 * 1024
    static let userAgent = "agentdeck/0.1 libcurl"

    /// `handle` comes from the pool (new, reset, or configured for some request); the transfer
    /// owns it until `surrenderHandle`. If the transfer goes away holding it, the handle is
    /// freed with it (`EasyHandle.deinit` also takes it out of the multi handle).
    init(_ submission: Submission, handle: EasyHandle, hops: Int = 0, credentialOrigin: Origin?) {
        self.id = submission.id
        self.request = submission.request
        self.delivery = submission.delivery
        self.handle = handle
        self.hops = hops
        self.credentialOrigin = credentialOrigin
        self.lastActivity = .now
    }

    /// Gives the handle up for reuse: call once it is detached from the multi handle and
    /// everything wanted from it (response code, timing, URL) has been read.
    func surrenderHandle() -> EasyHandle? {
        guard ownsHandle else { return nil }
        ownsHandle = false
        return handle
    }

    // MARK: - Options

    /// Applies every option, or only the callback context when the handle is already
    /// configured for an identical request. Returns an error when libcurl refuses one we rely on.
    func configure() -> WireError? {
        let context = Unmanaged.passUnretained(self).toOpaque()
        // A reused handle's buffer may still hold an earlier transfer's error text.
        handle.errorBuffer[0] = 0
        if handle.isConfigured(for: request, delivery: delivery) {
            let write = agentdeck_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, context)
            let header = agentdeck_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, context)
            if write == CURLE_OK && header == CURLE_OK { return nil }
            return WireError(.invalidRequest, "libcurl rejected options: write data, header data")
        }
        if handle.configuredFor != nil { handle.reset() }
        var failures: [String] = []
        func check(_ code: CURLcode, _ what: String) {
            if code != CURLE_OK { failures.append(what) }
        }
        func setLong(_ option: CURLoption, _ value: Int, _ what: String) {
            check(agentdeck_easy_setopt_long(easy, option, value), what)
        }
        func setString(_ option: CURLoption, _ value: String, _ what: String) {
            check(value.withCString { agentdeck_easy_setopt_string(easy, option, $0) }, what)
        }

        setString(CURLOPT_URL, request.url, "url")
        // Timeouts must not raise SIGALRM in a multi-threaded process.
        setLong(CURLOPT_NOSIGNAL, 1, "nosignal")
        // An agent card could name file:// or gopher:// URLs: speak HTTP only.
        setString(CURLOPT_PROTOCOLS_STR, "http,https", "protocols")
        setString(CURLOPT_REDIR_PROTOCOLS_STR, "http,https", "redirect protocols")
        // Custom headers (credentials!) would follow a redirect to any host: redirects are
        // handled by the engine instead (RedirectPlan).
        setLong(CURLOPT_FOLLOWLOCATION, 0, "followlocation")
        setLong(CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS), "http version")
        // "" = every encoding this libcurl can decode; bodies arrive decoded.
        setString(CURLOPT_ACCEPT_ENCODING, "", "accept-encoding")
        setLong(CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(request.connectTimeout), "connect timeout")
        if let timeout = request.timeout {
            setLong(CURLOPT_TIMEOUT_MS, Self.milliseconds(timeout), "timeout")
        }
        setLong(CURLOPT_SSL_VERIFYPEER, request.insecure ? 0 : 1, "verifypeer")
        setLong(CURLOPT_SSL_VERIFYHOST, request.insecure ? 0 : 2, "verifyhost")
        setLong(CURLOPT_SUPPRESS_CONNECT_HEADERS, 1, "suppress connect headers")
        setLong(CURLOPT_TCP_KEEPALIVE, 1, "tcp keepalive")
        check(agentdeck_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, handle.errorBuffer), "error buffer")
        check(agentdeck_easy_setopt_write_callback(easy, CURLOPT_WRITEFUNCTION, { buffer, size, count, context in
            guard let context else { return 0 }
            let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
            let length = size * count
            return transfer.receiveBody(UnsafeRawBufferPointer(start: buffer, count: length)) ? length : 0
        }), "write function")
        check(agentdeck_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, context), "write data")
        check(agentdeck_easy_setopt_write_callback(easy, CURLOPT_HEADERFUNCTION, { buffer, size, count, context in
            guard let context else { return 0 }
            let transfer = Unmanaged<Transfer>.fromOpaque(context).takeUnretainedValue()
            let length = size * count
            return transfer.receiveHeaderLine(UnsafeRawBufferPointer(start: buffer, count: length)) ? length : 0
        }), "header function")
        check(agentdeck_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, context), "header data")

        var sendsUserAgent = false
        var sendsAcceptEncoding = false
        var headerList: UnsafeMutablePointer<curl_slist>?
        for header in request.headers {
            if Self.isNamed(header, "user-agent") { sendsUserAgent = true }
            if Self.isNamed(header, "accept-encoding") { sendsAcceptEncoding = true }
            headerList = curl_slist_append(headerList, "\(header.name): \(header.value)")
        }
        // What libcurl would add for CURLOPT_ACCEPT_ENCODING "", but formatted once (see
        // `AcceptEncoding`); a caller's own header wins, as it does with libcurl's.
        if !sendsAcceptEncoding, let acceptEncoding = AcceptEncoding.header {
            headerList = curl_slist_append(headerList, acceptEncoding)
        }
        // No "Expect: 100-continue" round trip before POST bodies.
        headerList = curl_slist_append(headerList, "Expect:")
        handle.headerList = headerList
        check(agentdeck_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, headerList), "headers")
        if !sendsUserAgent {
            setString(CURLOPT_USERAGENT, Self.userAgent, "user agent")
        }
        if case .collect = delivery {
            check(agentdeck_easy_setopt_off_t(easy, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(request.maxBodyBytes)), "max size")
        }
        configureMethod(check: check)

        guard failures.isEmpty else {
            return WireError(.invalidRequest, "libcurl rejected options: \(failures.joined(separator: ", "))")
        }
        handle.noteConfigured(for: request, delivery: delivery)
        return nil
    }

    /// Header names are ASCII tokens: compared without case, and without allocating a copy.
    private static func isNamed(_ header: HTTPHeader, _ lowercaseName: String) -> Bool {
        header.name.utf8.lazy.map { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) ? $0 | 0x20 : $0 }
            .elementsEqual(lowercaseName.utf8)
    }

    private func configureMethod(check: (CURLcode, String) -> Void) {
        let method = request.method.uppercased()
        if let body = request.body {
            check(agentdeck_easy_setopt_off_t(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)), "body size")
            if body.isEmpty {
                check(agentdeck_easy_setopt_string(easy, CURLOPT_POSTFIELDS, ""), "body")
            } else {
                // COPYPOSTFIELDS: libcurl keeps its own copy, so the Swift array may go.
                check(body.withUnsafeBytes {
                    agentdeck_easy_setopt_pointer(easy, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: $0.baseAddress))
                }, "body")
            }
            if method != "POST" {
                check(method.withCString { agentdeck_easy_setopt_string(easy, CURLOPT_CUSTOMREQUEST, $0) }, "method")
            }
        } else {
            switch method {
            case "GET":
                check(agentdeck_easy_setopt_long(easy, CURLOPT_HTTPGET, 1), "method")
            case "HEAD":
                check(agentdeck_easy_setopt_long(easy, CURLOPT_NOBODY, 1), "method")
            case "POST":
                check(agentdeck_easy_setopt_off_t(easy, CURLOPT_POSTFIELDSIZE_LARGE, 0), "body size")
                check(agentdeck_easy_setopt_string(easy, CURLOPT_POSTFIELDS, ""), "body")
            default:
                check(method.withCString { agentdeck_easy_setopt_string(easy, CURLOPT_CUSTOMREQUEST, $0) }, "method")
            }
        }
    }

    private static func milliseconds(_ seconds: Double) -> Int {
        guard seconds.isFinite, seconds > 0 else { return 0 }
        return Int(min(seconds * 1000, Double(Int32.max)).rounded(.up))
    }

    // MARK: - Callbacks (network thread, inside curl_multi_socket_action)

    /// One header line, status lines included. A blank line ends a response head; 1xx heads
    /// (100 Continue) are skipped because the next "HTTP/" line starts over.
    private func receiveHeaderLine(_ bytes: UnsafeRawBufferPointer) -> Bool {
        if head != nil { return true }  // trailers after the body: not needed
        headerBytes += bytes.count
        if headerBytes > Self.maxHeaderBytes {
            abortReason = WireError(.tooLarge, "response headers larger than \(Self.maxHeaderBytes) bytes")
            return false
        }
        switch HeaderLine(bytes) {
        case .status:
            headerFields = [:]
        case .end:
            let status = responseCode()
            if status >= 200 { deliverHead(status: status) }
        case .field(let name, let value):
            if let existing = headerFields[name] {
                headerFields[name] = existing + ", " + value
            } else {
                headerFields[name] = value
            }
        case .other:
            break
        }
        return true
    }

    private func receiveBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        if head == nil { deliverHead(status: responseCode()) }
        if parser == nil { lastActivity = .now }
        bytesReceived += bytes.count
        switch delivery {
        case .collect:
            return collect(bytes)
        case .bytes(_, let onBytes, _):
            if onBytes(bytes) { return true }
            abortReason = WireError(.canceled, "stream stopped by its consumer")
            return false
        case .events(_, _, let onItem, _):
            guard var sse = parser.take() else { return collect(bytes) }
            var keepGoing = true
            var progressed = false
            sse.feed(bytes) { item in
                progressed = true
                if keepGoing && !onItem(item) { keepGoing = false }
            }
            if progressed { lastActivity = .now }
            parser = sse
            if !keepGoing { abortReason = WireError(.canceled, "stream stopped by its consumer") }
            return keepGoing
        }
    }

    private func collect(_ bytes: UnsafeRawBufferPointer) -> Bool {
        if body.count + bytes.count > request.maxBodyBytes {
            abortReason = WireError(.tooLarge, "response body larger than \(request.maxBodyBytes) bytes")
            return false
        }
        body.append(contentsOf: bytes)
        return true
    }

    /// Makes the head final and, for streams, hands it over before any body byte.
    private func deliverHead(status: Int) {
        let head = HTTPResponseHead(status: status, headers: headerFields)
        self.head = head
        lastActivity = .now
        switch delivery {
        case .collect:
            break
        case .bytes(let onHead, _, _):
            onHead(head)
        case .events(let limits, let onHead, _, _):
            if head.isEventStream { parser = SSEParser(limits: limits) }
            onHead(head)
        }
    }

    // MARK: - Completion

    func responseCode() -> Int {
        var code = 0
        _ = agentdeck_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &code)
        return code
    }

    func string(_ info: CURLINFO) -> String? {
        var pointer: UnsafePointer<CChar>?
        guard agentdeck_easy_getinfo_string(easy, info, &pointer) == CURLE_OK, let pointer else { return nil }
        return String(cString: pointer)
    }

    var timing: HTTPTiming {
        func seconds(_ info: CURLINFO) -> Double {
            var micros: curl_off_t = 0
            _ = agentdeck_easy_getinfo_off_t(easy, info, &micros)
            return Double(micros) / 1_000_000
        }
        return HTTPTiming(
            connect: seconds(CURLINFO_CONNECT_TIME_T),
            firstByte: seconds(CURLINFO_STARTTRANSFER_TIME_T),
            total: seconds(CURLINFO_TOTAL_TIME_T))
    }

    /// The final head: the delivered one, or (e.g. a 204 without body) whatever libcurl saw.
    func finalHead() -> HTTPResponseHead? {
        if let head { return head }
        let status = responseCode()
        return status > 0 ? HTTPResponseHead(status: status, headers: headerFields) : nil
    }

    /// Ends SSE parsing: a half-received event is dropped, as the spec says.
    func finishParsing() {
        if var sse = parser.take() {
            discardedPartialEvent = sse.finish()
        }
    }

    /// Turns a libcurl result into an error (nil on success), redacted.
    func error(for code: CURLcode) -> WireError? {
        if code == CURLE_OK { return nil }
        if let abortReason { return abortReason }
        if code == CURLE_FILESIZE_EXCEEDED {
            // libcurl's own words ("Maximum file size exceeded") do not say which limit.
            return WireError(.tooLarge, "response body larger than \(request.maxBodyBytes) bytes", curlCode: Int(code.rawValue))
        }
        let detail = String(cString: handle.errorBuffer)
        let summary = String(cString: curl_easy_strerror(code))
        // Built only here: the request's secrets are not needed by a transfer that succeeds.
        let message = Redactor(secrets: request.secrets).redact(detail.isEmpty ? summary : detail)
        return WireError(Self.kind(of: code), message, curlCode: Int(code.rawValue))
    }

    static func kind(of code: CURLcode) -> WireError.Kind {
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY, CURLE_COULDNT_CONNECT:
            return .connect
        case CURLE_OPERATION_TIMEDOUT:
            return .timeout
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM,
             CURLE_SSL_CIPHER, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR,
             CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CRL_BADFILE,
             CURLE_SSL_SHUTDOWN_FAILED, CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED,
             CURLE_SSL_ENGINE_INITFAILED, CURLE_USE_SSL_FAILED:
            return .tls
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL:
            return .invalidRequest
        case CURLE_FILESIZE_EXCEEDED:
            return .tooLarge
        case CURLE_RECV_ERROR, CURLE_SEND_ERROR, CURLE_PARTIAL_FILE, CURLE_GOT_NOTHING,
             CURLE_HTTP2, CURLE_HTTP2_STREAM, CURLE_WEIRD_SERVER_REPLY, CURLE_BAD_CONTENT_ENCODING,
             CURLE_HTTP3, CURLE_QUIC_CONNECT_ERROR:
            return .network
        default:
            return .other
        }
    }
}
