import Foundation

/// The handshake every test peer prints on stdout once it accepts connections:
/// exactly one line `READY http://127.0.0.1:PORT`.
public enum ReadyLine {
    public static let prefix = "READY "

    /// The URL from the first complete `READY <url>` line in `output`; nil until one has arrived
    /// (an unterminated last line may still be growing).
    public static func url(in output: String) -> String? {
        var lines = output.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)  // "\r\n" is one Character
        lines.removeLast()  // the text after the last newline is not a complete line yet
        for line in lines {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.hasPrefix(prefix) {
                let url = trimmed.dropFirst(prefix.count)
                return url.isEmpty ? nil : String(url)
            }
        }
        return nil
    }
}
