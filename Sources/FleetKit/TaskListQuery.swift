import Foundation

/// ListTasks filtering and cursor paging, as a2a-sdk's in-memory store does it: newest status
/// first, page tokens are url-safe base64 of `{"ts":<ns>,"id":"<task id>"}` (the last task shown).
public struct TaskListQuery: Sendable {
    public var contextId: String?
    public var state: TaskState?
    public var pageSize: Int
    public var pageToken: String?
    /// Only tasks whose status changed at or after this instant; as a2a-sdk, tasks without a
    /// status timestamp are then left out.
    public var statusTimestampAfter: Date? = nil

    public struct Page: Sendable {
        public var tasks: [TaskRecord]
        public var nextPageToken: String?
        public var totalSize: Int
    }

    /// One page of `tasks`; nil for a page token this server never made.
    public func page(of tasks: [TaskRecord]) -> Page? {
        let matching = tasks.filter { t in
            (contextId == nil || t.contextId == contextId) && (state == nil || t.status.state == state)
                && (statusTimestampAfter.map { after in t.status.timestamp.map { $0 >= after } ?? false } ?? true)
        }.sorted { Self.sortKey($0) > Self.sortKey($1) }
        var start = 0
        if let pageToken {
            guard let cursor = Self.decode(pageToken) else { return nil }
            start = matching.firstIndex { Self.sortKey($0) < cursor } ?? matching.count
        }
        let end = min(matching.count, start + max(1, pageSize))
        let next = end < matching.count && end > 0 ? Self.encode(matching[end - 1]) : nil
        return Page(tasks: Array(matching[start..<end]), nextPageToken: next, totalSize: matching.count)
    }

    struct Key: Comparable {
        var ns: Int64
        var id: String
        static func < (a: Key, b: Key) -> Bool { a.ns != b.ns ? a.ns < b.ns : a.id < b.id }
    }

    static func sortKey(_ t: TaskRecord) -> Key {
        Key(ns: t.status.timestamp.map { Int64($0.timeIntervalSince1970 * 1_000_000) * 1_000 } ?? 0, id: t.id)
    }

    static func encode(_ t: TaskRecord) -> String {
        let key = sortKey(t)
        let payload = JSON.object([("ts", .int(Int(key.ns))), ("id", .string(key.id))]).serialized(.compact)
        return Data(payload.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ token: String) -> Key? {
        var b64 = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        b64 += String(repeating: "=", count: (4 - b64.count % 4) % 4)
        guard token.count <= 512, let data = Data(base64Encoded: b64), let json = try? JSON.parse(data),
              let ns = json["ts"]?.intValue, let id = json["id"]?.stringValue else { return nil }
        return Key(ns: Int64(ns), id: id)
    }
}
