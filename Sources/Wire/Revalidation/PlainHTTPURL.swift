/// An `http://` URL simple enough that the request line and `Host` header libcurl would write
/// for it are known without libcurl's URL parser: no credentials, no fragment, no IPv6 zone, a
/// path of plain characters without dot segments (libcurl would normalise those). Anything
/// else is nil and stays on libcurl.
struct PlainHTTPURL: Equatable {
    /// What follows `Host: ` — the host as written, `:port` unless it is 80 (libcurl's rule).
    let hostHeader: String
    /// The request target: the path (at least `/`) and the query, as written.
    let target: String

    init?(_ url: String) {
        let bytes = Array(url.utf8)
        let scheme = Array("http://".utf8)
        guard bytes.count > scheme.count,
              zip(bytes.prefix(scheme.count), scheme).allSatisfy({ Self.lowercased($0.0) == $0.1 })
        else { return nil }
        let rest = bytes[scheme.count...]
        let authorityEnd = rest.firstIndex(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") }) ?? rest.endIndex
        let authority = rest[rest.startIndex..<authorityEnd]
        guard let (host, port) = Self.hostAndPort(authority) else { return nil }
        var target = Array(rest[authorityEnd...])
        if target.first == UInt8(ascii: "?") { target.insert(UInt8(ascii: "/"), at: 0) }
        if target.isEmpty { target = [UInt8(ascii: "/")] }
        guard target.allSatisfy(Self.isPlainTargetByte), !Self.hasDotSegment(target) else { return nil }
        hostHeader = port == 80 ? host : "\(host):\(port)"
        self.target = String(decoding: target, as: UTF8.self)
    }

    /// `host[:port]` with a lowercase DNS name or IPv4 address, or `[v6][:port]`.
    private static func hostAndPort(_ authority: ArraySlice<UInt8>) -> (String, Int)? {
        guard !authority.isEmpty else { return nil }
        var hostPart = authority
        var portPart: ArraySlice<UInt8> = []
        if authority.first == UInt8(ascii: "[") {
            guard let close = authority.firstIndex(of: UInt8(ascii: "]")) else { return nil }
            hostPart = authority[authority.startIndex...close]
            let inside = authority[(authority.startIndex + 1)..<close]
            guard !inside.isEmpty, inside.allSatisfy({ isHexDigit($0) || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: ".") })
            else { return nil }
            let after = authority[(close + 1)...]
            if !after.isEmpty {
                guard after.first == UInt8(ascii: ":") else { return nil }
                portPart = after.dropFirst()
            }
        } else {
            if let colon = authority.firstIndex(of: UInt8(ascii: ":")) {
                hostPart = authority[authority.startIndex..<colon]
                portPart = authority[(colon + 1)...]
            }
            // Lowercase only: whether libcurl keeps a name's case is its business.
            guard !hostPart.isEmpty, hostPart.last != UInt8(ascii: "."), hostPart.allSatisfy({
                ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || isDigit($0)
                    || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".")
            }) else { return nil }
        }
        var port = 80
        if !portPart.isEmpty {
            guard portPart.count <= 5, portPart.allSatisfy(isDigit),
                  let parsed = Int(String(decoding: portPart, as: UTF8.self)), (1...65535).contains(parsed)
            else { return nil }
            port = parsed
        }
        return (String(decoding: hostPart, as: UTF8.self), port)
    }

    /// RFC 3986 unreserved, sub-delims, ':', '@', '/', '?' and '%' (an escape as written). No
    /// '#': libcurl strips fragments, and no spaces or controls: libcurl would escape them.
    private static func isPlainTargetByte(_ byte: UInt8) -> Bool {
        if isDigit(byte) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) { return true }
        return Array("-._~!$&'()*+,;=:@/?%".utf8).contains(byte)
    }

    /// A `.` or `..` path segment (before any query), which libcurl's parser would remove.
    private static func hasDotSegment(_ target: [UInt8]) -> Bool {
        let path = target.prefix(while: { $0 != UInt8(ascii: "?") })
        return path.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
            .contains { $0.elementsEqual([UInt8(ascii: ".")]) || $0.elementsEqual([UInt8(ascii: "."), UInt8(ascii: ".")]) }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "F"))
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }
}
