import CShim
/// glibc's heap, tuned and trimmed for a long-running console (malloc.h's `mallopt` and
/// `malloc_trim`, which the Glibc module does not export).
///
/// Why tune it: glibc raises its mmap threshold to the size of any large block freed (up to 32 MB)
/// and its trim threshold to twice that. After one big buffer is freed (a ListTasks answer, a large
/// artifact), blocks up to that size come from the heap and free memory at the heap's top is no
/// longer given back below 2× that size: after a burst of finished tasks, ~8 MB of freed heap
/// stayed resident in `agentdeck-bench memory` until the next `malloc_trim`. Fixed thresholds
/// turn that adjustment off.
public enum ProcessHeap {
    /// Blocks of at least this many bytes get their own mapping, returned to the system when freed.
    /// 1 MB, not glibc's 128 KB: a frame's cell buffer or a large response must not cost a
    /// mapping and its page faults each time.
    public static let mmapThreshold: Int32 = 1 << 20
    /// Free memory above this at the heap's top is given back at once by `free`.
    public static let trimThreshold: Int32 = 1 << 20

    /// Sets the fixed thresholds. Call once, at startup, before the heap grows (the dashboard does,
    /// and so does the memory benchmark, to measure what the dashboard holds).
    public static func configure() {
        _ = glibcMallopt(mallocMmapThreshold, mmapThreshold)
        _ = glibcMallopt(mallocTrimThreshold, trimThreshold)
    }

    /// Gives freed heap pages back to the system (walks the whole heap: call it rarely, see
    /// `HeapTrimPolicy`), and the mappings libcurl's freed buffers left for reuse (CShim's
    /// agentdeck_curl_heap.h).
    public static func trim() {
        agentdeck_curl_release_spares()
        _ = glibcMallocTrim(0)
    }

    // malloc.h's parameter numbers.
    private static let mallocTrimThreshold: Int32 = -1
    private static let mallocMmapThreshold: Int32 = -3
}

@_silgen_name("mallopt") private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
@_silgen_name("malloc_trim") private func glibcMallocTrim(_ pad: Int) -> Int32
