import Glibc

/// Where libcurl last reached an agent (`CURLINFO_PRIMARY_IP` / `CURLINFO_PRIMARY_PORT`): the
/// fast path connects there directly, so it never resolves a name itself and always talks to
/// the server libcurl talked to.
struct PeerAddress: Equatable {
    let ip: String
    let port: Int

    /// A numeric IPv4 or IPv6 address and a port, or nil.
    init?(ip: String, port: Int) {
        guard (1...65535).contains(port), Self.family(of: ip) != nil else { return nil }
        self.ip = ip
        self.port = port
    }

    private static func family(of ip: String) -> Int32? {
        var v4 = in_addr()
        if inet_pton(AF_INET, ip, &v4) == 1 { return AF_INET }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, ip, &v6) == 1 { return AF_INET6 }
        return nil
    }

    /// A new non-blocking, close-on-exec TCP socket with a connect under way (or done):
    /// the socket, or nil when the system refused at once (the poll then goes to libcurl).
    func startConnect() -> Int32? {
        guard let family = Self.family(of: ip) else { return nil }
        let fd = socket(family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return nil }
        // As libcurl sets them on its own connections: no Nagle delay, keep-alive probes.
        var on: Int32 = 1
        _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
        _ = setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &on, socklen_t(MemoryLayout<Int32>.size))
        let result: Int32
        if family == AF_INET {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port)).bigEndian
            _ = inet_pton(AF_INET, ip, &address.sin_addr)
            result = Self.connect(fd, to: &address)
        } else {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = in_port_t(UInt16(port)).bigEndian
            _ = inet_pton(AF_INET6, ip, &address.sin6_addr)
            result = Self.connect(fd, to: &address)
        }
        if result == 0 || errno == EINPROGRESS { return fd }
        close(fd)
        return nil
    }

    /// `connect(2)` to a `sockaddr_in` or `sockaddr_in6`, whose size says which.
    private static func connect<Address>(_ fd: Int32, to address: inout Address) -> Int32 {
        withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<Address>.size)) }
        }
    }
}
