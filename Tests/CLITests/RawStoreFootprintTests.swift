import Deck
import Foundation
import Terminal
import Testing

#if canImport(Glibc)
import Glibc
#endif

@testable import AgentDeckCLI

/// What the store's records cost the heap for a settled fleet's worth of payloads: 10,000 tasks,
/// 12 payloads each (a list poll's round after round), added on a thread of their own between
/// short-lived buffers, as the network thread adds them between its transfers' buffers.
///
/// A measurement, printed, not asserted (the heap is the whole process's: run this suite alone,
/// `--filter RawStoreFootprint`). What is asserted is that the store still holds it all.
/// "Free chunks" are the holes left in the arenas: what pins their pages.
@Suite(.serialized) struct RawStoreFootprintTests {
    static let tasks = 10_000
    static let rounds = 12

    static func key(_ task: Int) -> TaskKey {
        // A fresh 36-byte id per payload, as the decoder makes one (the store keeps the first).
        TaskKey(agentID: AgentID("a01"), taskID: "task-\(task)-" + String(repeating: "0", count: 36 - 6 - String(task).count))
    }

    static func text(_ task: Int, round: Int) -> String {
        #"{"id":"task-\#(task)","round":\#(round),"pad":"\#(String(repeating: "x", count: 150))"}"#
    }

    @Test func tenThousandTasksOfTwelvePayloadsEach() throws {
        let spill = try #require(try RawStoreOrderTests.spillFile(if: true))
        let store = RawStore(spill: spill)
        // The dashboard's heap settings: blocks of 1 MB and more in mappings of their own.
        ProcessHeap.configure()
        let before = HeapFigures.now()
        let done = DispatchSemaphore(value: 0)
        let network = Thread {
            var buffers: [[UInt8]] = []
            for round in 0..<Self.rounds {
                for task in 0..<Self.tasks {
                    // A transfer's buffers, freed a little later: the holes long-lived blocks land between.
                    buffers.append([UInt8](repeating: 1, count: 256 + (task % 7) * 700))
                    if buffers.count > 32 { buffers.removeFirst(16) }
                    let source = ["list", "event", "result"][(task + round) % 3]
                    store.add(RawPayload(subject: .task(Self.key(task)), source: source, text: Self.text(task, round: round)))
                }
            }
            // Taken in here, between this thread's buffers (the dashboard settles on its UI thread).
            store.settle()
            buffers = []
            done.signal()
        }
        network.start()
        done.wait()
        let after = HeapFigures.now()
        let payloads = Self.tasks * Self.rounds
        print("""
            RawStoreFootprint: \(payloads) payloads, \(Self.tasks) tasks, \(store.bytesInMemory) B of text in memory, \
            \(spill.liveBytes) B spilled; records \(store.recordCounts)
            RawStoreFootprint: heap in use +\(after.inUse - before.inUse) B \
            (\((after.inUse - before.inUse) / payloads) B a payload); arenas +\(after.arenas - before.arenas) B, \
            free in them +\(after.freeBytes - before.freeBytes) B in +\(after.freeChunks - before.freeChunks) chunks; \
            mmapped +\(after.mapped - before.mapped) B in +\(after.mappedChunks - before.mappedChunks)
            """)
        #expect(store.tasksByAge.count == Self.tasks)
        for task in [0, 4_321, Self.tasks - 1] {
            #expect(store.payloads(for: Self.key(task)).map(\.text) == (0..<Self.rounds).map { Self.text(task, round: $0) })
        }
        #expect(store.bytesInMemory <= 512 << 10)
    }

    /// glibc's own account of its heap (`malloc_info`), summed over the arenas.
    struct HeapFigures {
        /// Bytes the arenas hold from the system, free bytes inside them, and their free chunks.
        var arenas = 0
        var freeBytes = 0
        var freeChunks = 0
        /// Blocks in mappings of their own.
        var mapped = 0
        var mappedChunks = 0
        var inUse: Int { arenas - freeBytes + mapped }

        static func now() -> HeapFigures {
            var buffer: UnsafeMutablePointer<CChar>?
            var size = 0
            guard let stream = open_memstream(&buffer, &size) else { return HeapFigures() }
            _ = glibcMallocInfo(0, stream)
            fclose(stream)
            defer { free(buffer) }
            guard let buffer else { return HeapFigures() }
            let xml = String(cString: buffer)
            // The totals over every arena follow the last arena's entry.
            let totals = xml.range(of: "</heap>", options: .backwards).map { String(xml[$0.upperBound...]) } ?? xml
            var figures = HeapFigures()
            for line in totals.split(separator: "\n") {
                let count = Self.attribute("count", in: line)
                let size = Self.attribute("size", in: line)
                if line.contains("<total type=\"fast\"") || line.contains("<total type=\"rest\"") {
                    figures.freeBytes += size
                    figures.freeChunks += count
                } else if line.contains("<total type=\"mmap\"") {
                    figures.mapped += size
                    figures.mappedChunks += count
                } else if line.contains("<system type=\"current\"") {
                    figures.arenas += size
                }
            }
            return figures
        }

        static func attribute(_ name: String, in line: Substring) -> Int {
            guard let start = line.range(of: name + "=\"") else { return 0 }
            return Int(line[start.upperBound...].prefix { $0.isNumber }) ?? 0
        }
    }
}

@_silgen_name("malloc_info") private func glibcMallocInfo(_ options: Int32, _ stream: UnsafeMutablePointer<FILE>) -> Int32
