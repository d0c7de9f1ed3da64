/// The requests and streams in flight, by tag, with the tags that concern each task kept on the
/// side. Dropping a finished task (retention) and giving a placeholder its real id (adopt) need
/// "the requests of this task": with 1,000 streams in flight a scan of every request, hashing each
/// one's task key, cost more than parsing and decoding the event that triggered it.
///
/// Reads like the dictionary it wraps (subscript by tag, `removeValue`, `keys`, `values`, and a
/// collection of `(key, value)` pairs); every write goes through the subscript or `removeValue`,
/// which keep the side index in step.
public struct PendingRequests: Sendable, Hashable, Collection, ExpressibleByDictionaryLiteral {
    public typealias Storage = [RequestTag: PendingRequest]
    public typealias Index = Storage.Index
    public typealias Element = Storage.Element

    private var byTag: Storage = [:]
    /// Task → the tags of its requests (at most a handful: a stream, a cancel, a reconcile).
    private var tagsByTask: [TaskKey: [RequestTag]] = [:]

    public init() {}

    public init(dictionaryLiteral elements: (RequestTag, PendingRequest)...) {
        for (tag, request) in elements { self[tag] = request }
    }

    public subscript(tag: RequestTag) -> PendingRequest? {
        get { byTag[tag] }
        set {
            let old: PendingRequest?
            if let newValue { old = byTag.updateValue(newValue, forKey: tag) } else { old = byTag.removeValue(forKey: tag) }
            let oldKey = old?.purpose.taskKey
            let newKey = newValue?.purpose.taskKey
            guard oldKey != newKey else { return }
            if let oldKey { unlink(tag, from: oldKey) }
            if let newKey { tagsByTask[newKey, default: []].append(tag) }
        }
    }

    @discardableResult
    public mutating func removeValue(forKey tag: RequestTag) -> PendingRequest? {
        guard let old = byTag.removeValue(forKey: tag) else { return nil }
        if let key = old.purpose.taskKey { unlink(tag, from: key) }
        return old
    }

    /// The requests about `key` are now about `newKey` (a placeholder given its real id): their
    /// purposes renamed, their tags moved over in one piece (through the subscript, each tag cost
    /// four lookups and an array).
    public mutating func rekey(_ key: TaskKey, to newKey: TaskKey) {
        guard key != newKey, let tags = tagsByTask.removeValue(forKey: key) else { return }
        for tag in tags {
            guard let i = byTag.index(forKey: tag) else { continue }
            byTag.values[i].purpose = byTag.values[i].purpose.rekeyed(from: key, to: newKey)
        }
        tagsByTask[newKey, default: []].append(contentsOf: tags)
    }

    /// Some request in flight is about a task (a stream, a poll, a cancel, a reconcile).
    public var concernsSomeTask: Bool { !tagsByTask.isEmpty }

    /// The tags of the requests about `key`, in the order they were made.
    public func tags(for key: TaskKey) -> [RequestTag] { tagsByTask[key] ?? [] }

    private mutating func unlink(_ tag: RequestTag, from key: TaskKey) {
        guard var tags = tagsByTask.removeValue(forKey: key) else { return }
        tags.removeAll { $0 == tag }
        if !tags.isEmpty { tagsByTask[key] = tags }
    }

    public var keys: Storage.Keys { byTag.keys }
    public var values: Storage.Values { byTag.values }

    // MARK: Collection (of the dictionary's (key, value) pairs)

    public var startIndex: Index { byTag.startIndex }
    public var endIndex: Index { byTag.endIndex }
    public subscript(position: Index) -> Element { byTag[position] }
    public func index(after i: Index) -> Index { byTag.index(after: i) }
    public var count: Int { byTag.count }
    public var isEmpty: Bool { byTag.isEmpty }

    /// The index is derived from the requests: equal requests are equal.
    public static func == (a: PendingRequests, b: PendingRequests) -> Bool { a.byTag == b.byTag }
    public func hash(into hasher: inout Hasher) { hasher.combine(byTag) }
}
