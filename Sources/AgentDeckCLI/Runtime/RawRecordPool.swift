import A2A

/// What `RawStore` keeps about one payload: 32 bytes, its text elsewhere (in the store's table of
/// in-memory texts, or in the spill file at `spilled`).
///
/// Field order matters: the optional extent (17 bytes) first, the small fields in its padding.
struct RawRecord {
    /// Where the text is in the spill file; nil while it is in memory.
    var spilled: SpillFile.Extent?
    /// The source's code in the store's `RawSourceNames`.
    var source: UInt16
    /// Bytes of text (payloads are cut to ~1 MB; the store cuts anything near 4 GB first).
    var byteCount: UInt32
    /// The low 32 bits of the payload's arrival number, which the queue of in-memory texts names
    /// it by: a place whose record was freed and reused since no longer matches (a match after
    /// 2³² payloads would only spill that newer text a little early).
    var serial: UInt32
    /// The task's next (newer) record, or the next free one; `RawRecordPool.none` at the end.
    var next: Int32
}

/// Every task's payload records in one array, instead of a small array per task: 120,000 records
/// for 10,000 settled tasks are a few large blocks, not 10,000 small ones. Those were made on the
/// network thread between its transfers' buffers and pinned the pages of its arena that malloc
/// could not give back (26 MB free in 33,516 holes in the settled dashboard).
///
/// Freed records are chained through `next` and reused first, so the array is as long as the most
/// records ever held at once.
struct RawRecordPool {
    static let none: Int32 = -1

    private var records: ContiguousArray<RawRecord> = []
    private var firstFree = none
    private(set) var freeCount = 0

    /// Records in use.
    var liveCount: Int { records.count - freeCount }
    /// Records the array holds, in use or free.
    var capacity: Int { records.count }

    subscript(index: Int32) -> RawRecord {
        get { records[Int(index)] }
        set { records[Int(index)] = newValue }
    }

    /// Stores a record (its `next` is set to `none`) and returns its index.
    mutating func make(_ record: RawRecord) -> Int32 {
        var record = record
        record.next = Self.none
        guard firstFree != Self.none else {
            // Int32 indices: 2³¹ records would be 64 GB, far beyond what the byte bound lets in.
            records.append(record)
            return Int32(records.count - 1)
        }
        let index = firstFree
        firstFree = records[Int(index)].next
        freeCount -= 1
        records[Int(index)] = record
        return index
    }

    mutating func free(_ index: Int32) {
        records[Int(index)].next = firstFree
        firstFree = index
        freeCount += 1
    }
}

/// One task's records, oldest first, chained through `RawRecord.next` in a `RawRecordPool`.
struct RawRecordChain {
    private(set) var head = RawRecordPool.none
    private(set) var tail = RawRecordPool.none
    private(set) var count = 0

    /// The newest record, nil when empty.
    var newest: Int32? { tail == RawRecordPool.none ? nil : tail }

    mutating func append(_ index: Int32, in pool: inout RawRecordPool) {
        if tail == RawRecordPool.none {
            head = index
        } else {
            pool[tail].next = index
        }
        tail = index
        count += 1
    }

    /// Unlinks the oldest record and returns its index (the caller frees it), nil when empty.
    mutating func removeFirst(in pool: RawRecordPool) -> Int32? {
        guard head != RawRecordPool.none else { return nil }
        let first = head
        head = pool[first].next
        if head == RawRecordPool.none { tail = RawRecordPool.none }
        count -= 1
        return first
    }

    /// The records' indices, oldest first.
    func indices(in pool: RawRecordPool) -> [Int32] {
        var indices: [Int32] = []
        indices.reserveCapacity(count)
        var index = head
        while index != RawRecordPool.none {
            indices.append(index)
            index = pool[index].next
        }
        return indices
    }
}
