import CZlib
import Seeded

/// What the memory benchmark needs around the shared `ProseText` generator: the text put inside
/// a JSON string, and zlib's ratio over the captures' artifacts (to show the text is as
/// compressible as real prose, no more).
extension ProseText {
    /// `text` as the inside of a JSON string.
    static func jsonEscaped(_ text: String) -> String {
        var out = ""
        for c in text.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// zlib's ratio (`compress2`, default level and window) over each capture's artifact text,
    /// compressed one task's text at a time as the Deck does.
    static func zlibRatio(_ captures: [Capture]) -> Double {
        var raw = 0
        var compressed = 0
        for capture in captures {
            let text = Array(capture.artifactText.utf8)
            var size = compressBound(uLong(text.count))
            var out = [UInt8](repeating: 0, count: Int(size))
            guard compress2(&out, &size, text, uLong(text.count), Z_DEFAULT_COMPRESSION) == Z_OK else { continue }
            raw += text.count
            compressed += Int(size)
        }
        return Double(raw) / Double(max(1, compressed))
    }
}

extension Capture {
    /// The artifact text one replay accumulates: every `"text"` of the artifact updates, unescaped.
    var artifactText: String {
        var text = ""
        for chunk in chunks where chunk.contains("artifactUpdate") || chunk.contains("\"artifact\"") {
            guard let r = chunk.range(of: "\"text\": \"") ?? chunk.range(of: "\"text\":\"") else { continue }
            var escaped = false
            for c in chunk[r.upperBound...] {
                if escaped {
                    text.append(c == "n" ? "\n" : c)
                    escaped = false
                } else if c == "\\" {
                    escaped = true
                } else if c == "\"" {
                    break
                } else {
                    text.append(c)
                }
            }
        }
        return text
    }
}
