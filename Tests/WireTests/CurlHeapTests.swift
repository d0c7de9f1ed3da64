import CShim
import Foundation
import Testing
@testable import Wire

/// libcurl's allocation functions (CShim's curl_heap.c): large blocks in their own mappings,
/// small ones from a pool of slabs mapped for libcurl alone, contents kept across realloc
/// whichever way a block moves.
struct CurlHeapTests {
    @Test func largeBlocksAreMappedAndGivenBackSmallOnesAreNot() throws {
        let small = try #require(agentdeck_curl_malloc(100))
        #expect(agentdeck_curl_block_is_mapped(small) == 0)
        let large = try #require(agentdeck_curl_malloc(16_385))  // libcurl's receive buffer
        #expect(agentdeck_curl_block_is_mapped(large) != 0)
        #expect(agentdeck_curl_mapped_bytes() >= 16_385)  // this one at least (other tests share the count)
        memset(large, 0xAB, 16_385)
        agentdeck_curl_free(large)
        agentdeck_curl_free(small)
        agentdeck_curl_free(nil)
    }

    /// A freed mapping is kept and handed out again for a block of the same length (libcurl
    /// frees and allocates a transfer's receive buffer per request); releasing the spares
    /// unmaps them. (A length libcurl never asks for: other tests' engines share these spares.)
    @Test func freedMappingsAreReusedUntilReleased() throws {
        // Every test runs in one process: another test's heap trim may release the spares at any
        // moment. The reuse is checked in an attempt no such release interrupted (of five).
        let length = (199_000 + 16 + 4095) / 4096 * 4096
        var attempts: [String] = []
        for _ in 0..<5 {
            let first = try #require(agentdeck_curl_malloc(200_000))
            agentdeck_curl_free(first)
            let second = try #require(agentdeck_curl_malloc(199_000))  // the same number of pages
            memset(second, 1, 199_000)
            agentdeck_curl_free(second)
            let kept = agentdeck_curl_spare_count_of_length(length)
            attempts.append("reused \(second == first), kept \(kept)")
            if second == first && kept == 1 { break }
        }
        #expect(attempts.last == "reused true, kept 1", "\(attempts)")
        agentdeck_curl_release_spares()
        // (Not whether the address is unmapped: the pool's slabs and other tests' engines map
        // memory meanwhile, and a new mapping may take the same addresses.)
        #expect(agentdeck_curl_spare_count_of_length(length) == 0)
    }

    /// Small blocks come from the pool's slabs, never overlap, keep their bytes; a slab whose
    /// blocks are all freed is unmapped. (A size class libcurl rarely asks for, ~2.5 KB, 6 to a
    /// slab: other tests' engines share the pool.)
    @Test func smallBlocksComeFromSlabsThatAreGivenBackWhenEmpty() throws {
        var blocks: [UnsafeMutableRawPointer] = []
        for n in 0..<600 {
            let block = try #require(agentdeck_curl_malloc(2_500))
            memset(block, Int32(n % 251), 2_500)
            blocks.append(block)
        }
        // 600 blocks, 6 per slab. Counted by address (slabs are aligned to their 16 KB size), not
        // by the pool's count: other tests' engines map and unmap slabs meanwhile.
        let slabs = Set(blocks.map { UInt(bitPattern: $0) & ~UInt(16_383) })
        #expect(slabs.count >= 100)
        let starts = blocks.map { UInt(bitPattern: $0) }.sorted()
        #expect(zip(starts, starts.dropFirst()).allSatisfy { $1 - $0 >= 2_500 }, "no two blocks overlap")
        for (n, block) in blocks.enumerated() {
            #expect(UnsafeRawBufferPointer(start: block, count: 2_500).allSatisfy { $0 == UInt8(n % 251) })
        }
        // Growing within its size class keeps the block where it is.
        let grown = try #require(agentdeck_curl_realloc(blocks[0], 2_540))
        #expect(grown == blocks[0])
        blocks[0] = grown
        for block in blocks { agentdeck_curl_free(block) }
        // mincore fails with ENOMEM on an address that is not mapped. Not all of them: one slab
        // may stay as the class's last with room, other tests' engines may have blocks in a few
        // of these slabs (they allocate from the same class meanwhile), and another mapping may
        // land on a freed slab's address.
        var residency: UInt8 = 0
        let unmapped = slabs.filter { mincore(UnsafeMutableRawPointer(bitPattern: $0), 4096, &residency) != 0 && errno == ENOMEM }
        #expect(unmapped.count >= 90, "empty slabs are unmapped: \(unmapped.count) of \(slabs.count)")
        // A freed block is handed out again (its slab kept as the class's last one with room).
        let again = try #require(agentdeck_curl_malloc(2_500))
        agentdeck_curl_free(again)
    }

    @Test func reallocKeepsTheBytesAcrossTheThresholdBothWays() throws {
        var block = try #require(agentdeck_curl_malloc(10))
        let pattern = (0..<10).map { UInt8($0 + 1) }
        pattern.withUnsafeBytes { block.copyMemory(from: $0.baseAddress!, byteCount: 10) }
        block = try #require(agentdeck_curl_realloc(block, 50_000))  // to a mapping
        #expect(agentdeck_curl_block_is_mapped(block) != 0)
        #expect(Array(UnsafeRawBufferPointer(start: block, count: 10)) == pattern)
        memset(block + 10, 7, 49_990)
        block = try #require(agentdeck_curl_realloc(block, 60_000))  // a bigger mapping
        #expect(UnsafeRawBufferPointer(start: block, count: 50_000).dropFirst(10).allSatisfy { $0 == 7 })
        block = try #require(agentdeck_curl_realloc(block, 20))  // back to the heap
        #expect(agentdeck_curl_block_is_mapped(block) == 0)
        #expect(Array(UnsafeRawBufferPointer(start: block, count: 10)) == pattern)
        #expect(UnsafeRawBufferPointer(start: block, count: 20).dropFirst(10).allSatisfy { $0 == 7 })
        agentdeck_curl_free(block)
    }

    @Test func callocZeroesAndStrdupCopies() throws {
        for count in [3, 5_000] {
            let block = try #require(agentdeck_curl_calloc(count, 4))
            #expect(UnsafeRawBufferPointer(start: block, count: count * 4).allSatisfy { $0 == 0 })
            agentdeck_curl_free(block)
        }
        #expect(agentdeck_curl_calloc(Int.max, 4) == nil)
        let copy = try #require("agent-card".withCString { agentdeck_curl_strdup($0) })
        #expect(String(cString: copy) == "agent-card")
        agentdeck_curl_free(copy)
    }

    /// The engine installs them: an open stream's receive buffer (16 KB in libcurl 7.88) is
    /// mapped for as long as the transfer runs, and requests and streams work as before.
    @Test func theEngineHandsLibcurlTheseFunctions() async throws {
        let server = try FixtureServer.get()
        let engine = HTTPEngine()
        defer { engine.shutdown() }
        let response = try await engine.perform(HTTPRequest(url: server.base + "/big?bytes=100000")).get()
        #expect(response.body.count == 100_000)
        #expect(response.body.allSatisfy { $0 == UInt8(ascii: "x") })
        let key = "heap-\(UUID().uuidString)"
        let stream = StreamRecorder()
        stream.startSSE(on: engine, .stream(url: server.base + "/sse-gated?key=" + key, method: "GET"))
        for _ in 0..<1_500 where stream.events.isEmpty { try await Task.sleep(for: .milliseconds(20)) }
        #expect(stream.events.count == 1)
        // In use, so never released as a spare, whatever other tests do meanwhile.
        #expect(agentdeck_curl_mapped_bytes() >= 16_385)
        _ = try await engine.perform(HTTPRequest(url: server.base + "/release?key=" + key)).get()
        #expect(await stream.waitForEnd().error == nil)
        #expect(stream.events.count == 2)
    }
}
