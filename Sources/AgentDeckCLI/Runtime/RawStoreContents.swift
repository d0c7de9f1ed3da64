import A2A
import Deck

/// What `RawStore` holds, behind its lock: per task a chain of payload records in one shared pool,
/// the tasks in order of their latest payload, and the text of the newest payloads in memory (the
/// rest is in the spill file).
struct RawStoreContents {
    /// A task's payloads: its chain of records, and what `add` compares a new payload with.
    struct TaskRecords {
        var chain = RawRecordChain()
        /// Matches the task's latest place in `order`.
        var stamp: Int
        /// The newest payload's `RawStore.restatementFingerprint` (0: not a listed task's JSON).
        var lastFingerprint = 0
    }

    /// A payload as the raw view reads it: its text in memory, or where it is in the spill file.
    struct Held {
        var source: String
        var text: String?
        var spilled: SpillFile.Extent?
    }

    let perTask: Int
    let maxBytes: Int
    /// Payload text kept in memory before the oldest of it is moved to the spill file.
    let hotLimit: Int
    let spill: SpillFile?

    private(set) var byTask: [TaskKey: TaskRecords] = [:]
    /// Tasks in order of their latest payload, oldest first: evicted first. A task moves to
    /// the end by being appended again with a new stamp; its older places are skipped (and
    /// dropped when the queue is compacted). Finding and removing its old place in a plain
    /// array was a linear scan of every task per payload: a hot spot of the network thread
    /// with 1,000 streams.
    private(set) var order: [(key: TaskKey, stamp: Int)] = []
    /// Places before this index in `order` are gone.
    private(set) var orderStart = 0
    private var nextStamp = 0
    /// Bytes of text held, in memory or spilled.
    private var bytes = 0
    private(set) var pool = RawRecordPool()
    private(set) var sources = RawSourceNames()
    /// The text of the payloads held in memory, by record (only ~2 MB of it with a spill file).
    private var texts: [Int32: String] = [:]
    /// Payloads whose text is in memory, oldest first (gone or spilled ones are skipped).
    private(set) var hot: [(record: Int32, serial: UInt32)] = []
    private(set) var hotStart = 0
    /// Bytes of `texts`.
    private(set) var hotBytes = 0
    private var nextSerial: UInt32 = 0

    init(perTask: Int, maxBytes: Int, hotLimit: Int, spill: SpillFile?) {
        self.perTask = perTask
        self.maxBytes = maxBytes
        self.hotLimit = hotLimit
        self.spill = spill
    }

    /// `known`: the key the caller already holds for `received` (the dashboard's task list), whose
    /// strings the store then shares instead of copying.
    mutating func add(_ received: TaskKey, source: String, text: String, fingerprint: Int, known: (TaskKey) -> TaskKey? = { _ in nil }) {
        // A record counts bytes in 32 bits: the sink cuts payloads to ~1 MB, a replayed journal's
        // could be anything.
        let text = text.utf8.count <= Int(UInt32.max) ? text : RawStore.bounded(text)
        let byteCount = text.utf8.count
        // A list poll restating the task's latest payload word for word: nothing new to show.
        // Keeping each restatement filled every task's 20 places with copies (~10 MB of
        // records for 10,000 settled tasks, made on the network thread every 10 s).
        if fingerprint != 0, let task = byTask[received], task.lastFingerprint == fingerprint, let last = task.chain.newest,
           Int(pool[last].byteCount) == byteCount, pool[last].source == sources.code(of: source) {
            return
        }
        // The key already held, if any: one id string per task for every place that names it
        // (each payload's id is a fresh string from the decoder); else the caller's (one string
        // for the task list and the store: ~100 bytes a task); else a new one, copied where this
        // runs (`RawStore.settle`: the UI thread).
        let key = byTask.index(forKey: received).map { byTask.keys[$0] } ?? known(received) ?? received.freshCopy()
        let stamp = nextStamp
        nextStamp += 1
        let serial = nextSerial
        nextSerial &+= 1
        var task = byTask.removeValue(forKey: key) ?? TaskRecords(stamp: stamp)
        let record = pool.make(RawRecord(
            spilled: nil, source: sources.use(source), byteCount: UInt32(byteCount), serial: serial, next: RawRecordPool.none))
        task.chain.append(record, in: &pool)
        task.stamp = stamp
        task.lastFingerprint = fingerprint
        texts[record] = text
        bytes += byteCount
        hotBytes += byteCount
        if spill != nil { hot.append((record, serial)) }
        while task.chain.count > perTask, let oldest = task.chain.removeFirst(in: pool) {
            forget(oldest)
        }
        byTask[key] = task
        order.append((key, stamp))
        while bytes > maxBytes, byTask.count > 1 {
            evictOldest()
        }
        compactIfSparse()
        if let spill {
            if hotBytes > hotLimit { spillOldest(to: spill) }
            compactHotIfSparse()
        }
    }

    /// The payloads held for a task, oldest first (spilled text is read by the caller, unlocked).
    func held(_ key: TaskKey) -> [Held] {
        guard let task = byTask[key] else { return [] }
        return task.chain.indices(in: pool).map { index in
            Held(source: sources.name(pool[index].source), text: texts[index], spilled: pool[index].spilled)
        }
    }

    /// Payloads whose text is in memory.
    var hotCount: Int { texts.count }

    private mutating func evictOldest() {
        while orderStart < order.count {
            let (key, stamp) = order[orderStart]
            orderStart += 1
            guard var task = byTask[key], task.stamp == stamp else { continue }
            while let oldest = task.chain.removeFirst(in: pool) { forget(oldest) }
            byTask.removeValue(forKey: key)
            return
        }
    }

    /// Accounts for a payload that is dropped, and frees its record.
    private mutating func forget(_ index: Int32) {
        let record = pool[index]
        bytes -= Int(record.byteCount)
        if let extent = record.spilled {
            spill?.release(extent)
        } else {
            hotBytes -= Int(record.byteCount)
            texts[index] = nil
        }
        sources.release(record.source)
        pool.free(index)
    }

    /// The text of the payload a place of `hot` names, if it is still held and in memory.
    private func hotText(_ place: (record: Int32, serial: UInt32)) -> String? {
        guard let text = texts[place.record], pool[place.record].serial == place.serial else { return nil }
        return text
    }

    /// Drops the queue's places of payloads that are gone or spilled once they outnumber the
    /// rest (a single long stream drops its oldest payloads without ever filling `hotLimit`).
    private mutating func compactHotIfSparse() {
        if hot.count - hotStart > 2 * hotCount + 64 {
            hot = hot[hotStart...].filter { hotText($0) != nil }
            hotStart = 0
        } else if hotStart > hot.count - hotStart + 64 {
            // The places before `hotStart` (spilled) are dead too: without this, a queue whose
            // live part never got sparse kept every place ever made (12.6 MB after 7,400
            // tasks in the real dashboard, growing for as long as it ran).
            hot.removeFirst(hotStart)
            hotStart = 0
        }
    }

    /// Drops the skipped places once they outnumber the live ones (amortized O(1) a payload).
    private mutating func compactIfSparse() {
        let places = order.count - orderStart
        if places > 2 * byTask.count + 64 {
            order = order[orderStart...].filter { byTask[$0.key]?.stamp == $0.stamp }
            orderStart = 0
        } else if orderStart > places + 64 {
            // Places before `orderStart` (evicted) are dead as well: dropped once they
            // outnumber the rest, or the queue grows with every payload of a long run.
            order.removeFirst(orderStart)
            orderStart = 0
        }
    }

    /// Moves the oldest in-memory text to the spill file until at most half of `hotLimit` is
    /// left in memory, in batches of up to `SpillFile.largestBlob` bytes (one write each).
    private mutating func spillOldest(to spill: SpillFile) {
        while hotBytes > hotLimit / 2, hotStart < hot.count {
            var batch: [UInt8] = []
            var members: [(record: Int32, range: Range<Int>)] = []
            while hotStart < hot.count {
                let place = hot[hotStart]
                guard let text = hotText(place) else {
                    hotStart += 1  // dropped or spilled since
                    continue
                }
                if !batch.isEmpty && batch.count + text.utf8.count > SpillFile.largestBlob { break }
                hotStart += 1
                members.append((place.record, batch.count..<batch.count + text.utf8.count))
                batch.append(contentsOf: text.utf8)
                if batch.count >= SpillFile.largestBlob / 2 { break }
            }
            // One payload larger than a blob, or a failed write: it stays in memory.
            guard !members.isEmpty, let extent = spill.store(batch) else { continue }
            for member in members {
                pool[member.record].spilled = extent.piece(member.range)
                texts[member.record] = nil
                hotBytes -= member.range.count
            }
        }
        compactHotIfSparse()
    }
}
