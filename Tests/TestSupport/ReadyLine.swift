import Foundation

/// The handshake every test peer prints on stdout once it accepts connections: one line
/// `READY http://127.0.0.1:PORT`, or several URLs for a fixture serving several origins
/// (`http_fixture.py` prints `READY http://127.0.0.1:A http://127.0.0.1:B`).
public enum ReadyLine {
    public static let prefix = "READY"

    /// The URLs from the first complete READY line in `output`; nil until one has arrived
    /// (an unterminated last line may still be growing) or when it names no URL.
    public static func urls(in output: String) -> [String]? {
        // Split on any line end; "\r\n" is a single Character in Swift, so not on "\n" alone.
        var lines = output.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        lines.removeLast()  // the text after the last line end is not a complete line yet
        for line in lines {
            let words = line.split(whereSeparator: \.isWhitespace).map(String.init)
            if words.first == prefix {
                let urls = Array(words.dropFirst())
                return urls.isEmpty ? nil : urls
            }
        }
        return nil
    }

    /// The first URL of the READY line.
    public static func url(in output: String) -> String? {
        urls(in: output)?.first
    }
}
