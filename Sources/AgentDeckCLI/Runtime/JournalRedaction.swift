import Foundation
import Wire

/// Masks credentials in a journal line before it reaches the disk: every secret the console
/// sends (auth header values), secrets carried in configured agent URLs (user:password@,
/// `?token=`-style query values), and any URL query parameter with a credential-like name,
/// wherever it appears (an agent may echo a URL back in its card or results).
struct JournalRedaction: Sendable {
    private let redactor: Redactor

    /// Query parameters whose values are credentials by name (compared lowercased).
    static let sensitiveNames: Set<String> = [
        "token", "access_token", "accesstoken", "id_token", "refresh_token", "api_key", "apikey", "api-key", "key",
        "secret", "client_secret", "password", "passwd", "pwd", "auth", "authorization", "sig", "signature",
        "session", "sessionid", "code", "x-api-key", "bearer",
    ]

    init(secrets: [String], agentURLs: [String]) {
        var all = secrets
        for url in agentURLs { all += Self.secrets(inURL: url) }
        redactor = Redactor(secrets: all)
    }

    func apply(_ line: String) -> String {
        Self.maskSensitiveQueryValues(redactor.redact(line))
    }

    /// The password of `user:password@host` and the values of credential-named query parameters.
    static func secrets(inURL url: String) -> [String] {
        guard let parts = URLComponents(string: url) else { return [] }
        var found: [String] = []
        if let password = parts.password, !password.isEmpty { found.append(password) }
        for item in parts.queryItems ?? [] where sensitiveNames.contains(item.name.lowercased()) {
            if let v = item.value, !v.isEmpty { found.append(v) }
        }
        return found
    }

    /// `?token=abc&x=1` → `?token=***&x=1`, for every credential-named parameter in the text.
    static func maskSensitiveQueryValues(_ text: String) -> String {
        let bytes = Array(text.utf8)
        guard bytes.contains(UInt8(ascii: "=")) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        var changed = false
        while i < bytes.count {
            let b = bytes[i]
            out.append(b)
            i += 1
            guard b == UInt8(ascii: "?") || b == UInt8(ascii: "&") else { continue }
            // A parameter name runs to '='.
            var j = i
            while j < bytes.count, j - i < 32, isNameByte(bytes[j]) { j += 1 }
            guard j < bytes.count, j > i, bytes[j] == UInt8(ascii: "=") else { continue }
            let name = String(decoding: bytes[i..<j], as: UTF8.self).lowercased()
            guard sensitiveNames.contains(name) else { continue }
            var end = j + 1
            while end < bytes.count, !isValueEnd(bytes[end]) { end += 1 }
            guard end > j + 1 else { continue }
            out.append(contentsOf: bytes[i...j])
            out.append(contentsOf: Redactor.mask.utf8)
            i = end
            changed = true
        }
        return changed ? String(decoding: out, as: UTF8.self) : text
    }

    private static func isNameByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b == 0x2D || b == 0x2E
    }

    private static func isValueEnd(_ b: UInt8) -> Bool {
        b == UInt8(ascii: "&") || b == UInt8(ascii: "#") || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\")
            || b == UInt8(ascii: " ") || b == UInt8(ascii: "'") || b < 0x20
    }
}
