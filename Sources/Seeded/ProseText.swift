import Foundation

/// Seeded prose-like text for report artifacts: sentences of made-up words drawn from an 800-word
/// vocabulary with a Zipf distribution, commas, numbers, paragraphs. Its zlib ratio on 4 KB is
/// ~2.5×, like real reports (real English in 4 KB windows: 1.8–2.4×); padding with one repeated
/// letter would compress ~100× and flatter any memory figure. One generator for the fleet's task
/// reports and the memory benchmark, so both carry the same kind of text.
public enum ProseText {
    /// Exactly `bytes` bytes of UTF-8 (ASCII) text; the same seed gives the same text.
    public static func make(bytes: Int, seed: UInt64) -> String {
        guard bytes > 0 else { return "" }
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

    /// A seed from a task id (FNV-1a), so each task's report differs and replays the same.
    public static func seed(for text: String) -> UInt64 {
        text.utf8.reduce(0xCBF2_9CE4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01B3 }
    }

    private static let vocabulary = ProseVocabulary(count: 800, exponent: 1.25, seed: 42)
}

/// Made-up words from syllables, picked with probability ∝ 1/rank^exponent.
private struct ProseVocabulary: Sendable {
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
