import CZlib
import Foundation

/// Seeded prose-like text for artifacts: sentences of made-up words drawn from an 800-word
/// vocabulary with a Zipf distribution (a few short words very often, most words rarely), commas,
/// numbers, paragraphs. Its zlib ratio on 4 KB is ~2.5×, that of real prose and reports (real
/// English documents in 4 KB windows measure 1.8–2.4×): padding with one repeated letter compresses
/// ~100× and would flatter any compression.
enum ProseText {
    static func make(bytes: Int, seed: UInt64) -> String {
        var random = SplitMix64(seed: seed)
        var out = ""
        out.reserveCapacity(bytes + 64)
        while out.utf8.count < bytes {
            let words = 5 + random.below(14)
            for i in 0..<words {
                var word = vocabulary.pick(&random)
                if random.below(40) == 0 { word = String(random.below(1000)) }
                if i == 0 { word = word.prefix(1).uppercased() + word.dropFirst() }
                out += word
                if i < words - 1 {
                    if random.below(12) == 0 { out += "," }
                    out += " "
                }
            }
            out += random.below(5) == 0 ? ".\n\n" : ". "
        }
        return String(decoding: out.utf8.prefix(bytes), as: UTF8.self)
    }

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

    private static let vocabulary = Vocabulary(count: 800, exponent: 1.25, seed: 42)
}

/// Made-up words from syllables, picked with probability ∝ 1/rank^exponent.
private struct Vocabulary: Sendable {
    let words: [String]
    /// Cumulative probabilities, for a binary search.
    let cumulative: [Double]

    init(count: Int, exponent: Double, seed: UInt64) {
        let consonants = ["b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "st", "tr", "ch", "th", "pl", "gr"]
        let vowels = ["a", "e", "i", "o", "u", "ea", "ou", "io", "ai"]
        var random = SplitMix64(seed: seed)
        words = (0..<count).map { rank in
            // The most frequent words are short, as in real text.
            let syllables = 1 + (rank < 40 ? 0 : random.below(3)) + (rank > 400 ? 1 : 0)
            var word = ""
            for _ in 0..<syllables { word += consonants[random.below(consonants.count)] + vowels[random.below(vowels.count)] }
            if random.below(3) == 0 { word += ["n", "s", "r", "t", "l"][random.below(5)] }
            return word
        }
        var total = 0.0
        var sums: [Double] = []
        for rank in 1...count {
            total += 1 / pow(Double(rank), exponent)
            sums.append(total)
        }
        cumulative = sums.map { $0 / total }
    }

    func pick(_ random: inout SplitMix64) -> String {
        let u = random.unit()
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let mid = (low + high) / 2
            if cumulative[mid] < u { low = mid + 1 } else { high = mid }
        }
        return words[low]
    }
}

/// A small seeded generator (SplitMix64): the same text on every run and machine.
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
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
