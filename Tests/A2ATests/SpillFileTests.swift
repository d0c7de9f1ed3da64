import Seeded
import Testing
@testable import A2A
#if canImport(Glibc)
import Glibc
#endif

@Suite struct SpillFileTests {
    /// A spill file in a fresh directory (also used by `TaskGroupCompactionTests`).
    static func openSpillFile() throws -> SpillFile {
        let file: SpillFile = try #require(SpillFile(directory: scratchDirectory()))
        return file
    }

    /// A fresh directory for one test's spill file.
    static func scratchDirectory() -> String {
        var template = Array("/tmp/agentdeck-spill-test-XXXXXX".utf8CString)
        let path = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        return path.map { String(cString: $0) } ?? "/tmp"
    }

    private func entries(of directory: String) -> [String] {
        guard let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    private func randomBlob(_ generator: inout SplitMix64, maxCount: Int) -> [UInt8] {
        let count = Int.random(in: 1...maxCount, using: &generator)
        var blob: [UInt8] = []
        blob.reserveCapacity(count + 8)
        while blob.count < count { withUnsafeBytes(of: generator.next()) { blob.append(contentsOf: $0) } }
        return Array(blob.prefix(count))
    }

    @Test func blobsReadBackExactlyAndTheFileHasNoName() throws {
        let directory = Self.scratchDirectory()
        let spill = try #require(SpillFile(directory: directory))
        #expect(entries(of: directory).isEmpty, "the scratch file is unlinked at once: nobody else can open it")
        var generator = SplitMix64(seed: 7)
        var stored: [(SpillFile.Extent, [UInt8])] = []
        for _ in 0..<600 {
            let blob = randomBlob(&generator, maxCount: 9_000)
            let extent = try #require(spill.store(blob))
            stored.append((extent, blob))
        }
        for (extent, blob) in stored { #expect(spill.load(extent) == blob) }
        #expect(spill.liveBytes == stored.reduce(0) { $0 + $1.1.count })
        #expect(spill.segmentCount >= spill.liveBytes / SpillFile.segmentSize)
    }

    @Test func emptyAndOversizedBlobsStayWithTheCaller() throws {
        let spill = try Self.openSpillFile()
        #expect(spill.store([]) == nil)
        #expect(spill.store([UInt8](repeating: 1, count: SpillFile.largestBlob + 1)) == nil)
        let largest = [UInt8](repeating: 2, count: SpillFile.largestBlob)
        let extent = try #require(spill.store(largest))
        #expect(spill.load(extent) == largest)
    }

    @Test func aDirectoryThatCannotHoldAFileGivesNoSpill() {
        #expect(SpillFile(directory: "/dev/null/agentdeck") == nil)
    }

    /// Oldest-first retention: blobs stored and released in order, a bounded number live at any
    /// time. The file must not grow with the churn, and what is live must still read back.
    @Test func churnReusesReleasedSegmentsAndKeepsLiveBlobsIntact() throws {
        let spill = try Self.openSpillFile()
        var generator = SplitMix64(seed: 42)
        var live: [(SpillFile.Extent, [UInt8])] = []
        let keepLive = 500
        for _ in 0..<10_000 {
            let blob = randomBlob(&generator, maxCount: 4_000)
            live.append((try #require(spill.store(blob)), blob))
            if live.count > keepLive {
                let (extent, _) = live.removeFirst()
                spill.release(extent)
            }
        }
        // 500 blobs of ≤ 4 KB are ≤ 2 MB: two segments of live data, one partly released, one filling.
        let liveBytes = live.reduce(0) { $0 + $1.1.count }
        #expect(spill.liveBytes == liveBytes)
        #expect(spill.segmentCount <= liveBytes / SpillFile.segmentSize + 3, "segments: \(spill.segmentCount)")
        for (extent, blob) in live { #expect(spill.load(extent) == blob) }
        for (extent, _) in live { spill.release(extent) }
        #expect(spill.liveBytes == 0)
        #expect(spill.segmentsInUse <= 1, "only the segment being filled stays in use")
    }

    /// Released out of order (an operator keeps an old task pinned): a segment is reused only once
    /// every blob in it is released.
    @Test func aSegmentWithOneLiveBlobIsNotReused() throws {
        let spill = try Self.openSpillFile()
        let blob = [UInt8](repeating: 9, count: SpillFile.largestBlob)
        var extents: [SpillFile.Extent] = []
        for _ in 0..<12 { extents.append(try #require(spill.store(blob))) }  // 3 segments
        let pinned = extents[1]
        let small = [UInt8](repeating: 7, count: 100)
        for extent in extents where extent != pinned { spill.release(extent) }
        // The pinned blob's segment still holds it; new blobs go elsewhere and never overwrite it.
        #expect(spill.load(pinned) == blob)
        for _ in 0..<8 { _ = try #require(spill.store(small)) }
        #expect(spill.load(pinned) == blob)
    }

    /// Several items written as one blob and released piece by piece (the raw store's batches).
    @Test func piecesOfABlobReadAndReleaseOnTheirOwn() throws {
        let spill = try Self.openSpillFile()
        let items: [[UInt8]] = [Array("first".utf8), Array("second item".utf8), Array("3".utf8)]
        let blob = try #require(spill.store(items.flatMap { $0 }))
        var start = 0
        var pieces: [SpillFile.Extent] = []
        for item in items {
            pieces.append(blob.piece(start..<start + item.count))
            start += item.count
        }
        for (piece, item) in zip(pieces, items) { #expect(spill.load(piece) == item) }
        #expect(blob.piece(-5..<1_000) == blob, "a piece never reaches outside its blob")
        spill.release(pieces[0])
        spill.release(pieces[2])
        #expect(spill.liveBytes == items[1].count)
        #expect(spill.load(pieces[1]) == items[1])
        spill.release(pieces[1])
        #expect(spill.liveBytes == 0)
    }
}
