/// Copies of decoded values made on the thread that keeps them, in storage of their exact size.
///
/// Why: glibc gives each thread its own heap arena. Whatever the network thread decodes (task
/// ids, context ids, status texts) is allocated in its arena, between the transient
/// buffers of the same moment (response bodies, SSE lines, JSON trees). When a task keeps a few of
/// those small blocks for as long as it is retained, each of them keeps its page resident after
/// everything around it was freed, and `malloc_trim` cannot give back a page that holds one live
/// block: with 10,000 finished tasks the real dashboard's network arena was 61.5 MB, 38.7 MB of it
/// free in 28,500 holes (BENCHMARKS.md, rounds 6 and 8). Copying what is
/// kept long, once, on the UI thread lets the network arena empty out between bursts.
///
/// Equal values, always: only the storage is new. Strings of up to 15 UTF-8 bytes are stored
/// inline by Swift (no heap block), and stay as they are.
public enum FreshCopy {
    /// The longest string Swift stores inline (no heap block to move).
    static let inlineStringLimit = 15

    public static func of(_ string: String) -> String {
        guard string.utf8.count > inlineStringLimit else { return string }
        var source = string
        return source.withUTF8 { bytes in
            String(unsafeUninitializedCapacity: bytes.count) { buffer in
                _ = buffer.initialize(fromContentsOf: bytes)
                return bytes.count
            }
        }
    }
}
