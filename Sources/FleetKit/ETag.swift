import Foundation

/// Weak ETags for cards, so consoles can poll with `If-None-Match` and get 304s.
/// a2a-sdk hashes the sorted compact card with SHA-256; any stable hash serves, since a tag is
/// only ever compared with one this server made.
public enum ETag {
    public static func weak(for card: JSON) -> String {
        let bytes = Array(card.sortedKeys().serialized(.compact).utf8)
        // Four FNV-1a 64-bit lanes with different seeds give a 64-hex-digit tag like a2a-sdk's.
        let seeds: [UInt64] = [0xcbf29ce484222325, 0x84222325cbf29ce4, 0x9e3779b97f4a7c15, 0x2545f4914f6cdd1d]
        let hex = seeds.map { seed -> String in
            var h = seed
            for b in bytes { h = (h ^ UInt64(b)) &* 0x100000001b3 }
            let s = String(h, radix: 16)
            return String(repeating: "0", count: 16 - s.count) + s
        }.joined()
        return "W/\"\(hex)\""
    }

    /// RFC 9110 weak comparison: `W/"x"` matches `"x"`; `*` matches anything.
    public static func matches(ifNoneMatch header: String, etag: String) -> Bool {
        let candidates = header.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        if candidates.contains("*") { return true }
        let bare = etag.hasPrefix("W/") ? String(etag.dropFirst(2)) : etag
        return candidates.contains { ($0.hasPrefix("W/") ? String($0.dropFirst(2)) : $0) == bare }
    }
}
