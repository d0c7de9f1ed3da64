import Foundation

/// Credentials an operator may have put in an agent URL: a password in the userinfo
/// (`https://user:pass@host`) or a secret-looking query parameter (`?token=…`, `api_key=…`).
/// They are sent as given, but never shown, logged or journaled: `redacted` masks them and
/// `secrets` feeds the Redactor that scrubs error messages.
public enum URLCredentials {
    /// Query parameter names whose values are treated as secrets (compared case-insensitively,
    /// ignoring `-` and `_`).
    static let secretParameterNames: Set<String> = [
        "token", "accesstoken", "idtoken", "refreshtoken", "apikey", "xapikey", "key", "secret", "clientsecret",
        "password", "passwd", "pass", "pwd", "auth", "authorization", "bearer", "sig", "signature", "code",
        "session", "sessionid",
    ]

    /// The secret values in `url`: its userinfo password (and user) and secret query values.
    public static func secrets(in url: String) -> [String] {
        guard let components = URLComponents(string: url) else { return [] }
        var values: [String] = []
        if let password = components.password, !password.isEmpty {
            values.append(password)
            if let user = components.user, !user.isEmpty { values.append(user + ":" + password) }
        }
        for item in components.queryItems ?? [] where isSecretName(item.name) {
            if let value = item.value, !value.isEmpty { values.append(value) }
        }
        return values
    }

    /// `url` with its password and secret query values replaced by `***`; other text unchanged.
    public static func redacted(_ url: String) -> String {
        let found = secrets(in: url)
        guard !found.isEmpty else { return url }
        return Redactor(secrets: found).redact(url)
    }

    /// True when `url` carries any credential.
    public static func hasCredentials(_ url: String) -> Bool { !secrets(in: url).isEmpty }

    /// A query parameter whose value is a credential by its name (`api_key`, `Access-Token`…).
    public static func isSecretName(_ name: String) -> Bool {
        let folded = name.lowercased().replacingOccurrences(of: "_", with: "").replacingOccurrences(of: "-", with: "")
        return secretParameterNames.contains(folded)
    }
}
