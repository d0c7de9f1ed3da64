/// Small helpers personalities share.
enum Flavor {
    /// A stable number in `range` derived from text, so the same prompt gives the same answer.
    static func number(_ text: String, _ range: ClosedRange<Int>) -> Int {
        var h: UInt64 = 0xcbf29ce484222325
        for b in text.utf8 { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        return range.lowerBound + Int(h % UInt64(range.count))
    }

    /// The first `SKU-123`-style token in the text, or a default.
    static func sku(in text: String) -> String {
        let words = text.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "-" })
        return words.first { $0.uppercased().hasPrefix("SKU-") }.map { $0.uppercased() } ?? "SKU-1042"
    }
}
