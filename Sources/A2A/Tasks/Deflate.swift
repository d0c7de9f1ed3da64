import CZlib

/// Raw deflate (RFC 1951) through zlib, for the packed form of finished tasks. Raw: no zlib header
/// or checksum, since the packed form records the inflated length itself and never leaves memory.
enum Deflate {
    /// The window and hash table zlib sets up for one call.
    struct Shape: Sendable {
        var windowBits: Int32
        var memoryLevel: Int32

        /// One task alone: 2^12 = 4 KB window, hash table of 2^(5+7) entries: a few KB of state to
        /// set up per call instead of zlib's default 256 KB. Artifacts are mostly a few KB, so the
        /// ratio barely changes (measured in BENCHMARKS.md).
        static let single = Shape(windowBits: 12, memoryLevel: 5)
        /// Several tasks in one stream (`PackedTaskGroup`): zlib's full 32 KB window, so that each
        /// task can refer to the text of the ones before it; the setup is paid once per group.
        static let group = Shape(windowBits: 15, memoryLevel: 8)
    }

    /// The compressed bytes, or nil when zlib fails (the caller then keeps the input as it is).
    static func compress(_ input: [UInt8], level: Int32, shape: Shape = .single) -> [UInt8]? {
        guard !input.isEmpty, input.count <= Int(UInt32.max) else { return nil }
        var stream = z_stream()
        guard agentdeck_deflate_init(&stream, level, -shape.windowBits, shape.memoryLevel) == Z_OK else { return nil }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, uLong(input.count)))
        var output = [UInt8](repeating: 0, count: bound)
        let status = run(&stream, from: input, into: &output) { deflate(&$0, Z_FINISH) }
        guard status == Z_STREAM_END else { return nil }
        // A fresh array of the exact size: trimming `output` would keep its whole capacity.
        return Array(output[0..<Int(stream.total_out)])
    }

    /// The original bytes, or nil unless the input inflates to exactly `count` bytes.
    static func decompress(_ input: [UInt8], count: Int, shape: Shape = .single) -> [UInt8]? {
        inflate(input, count: count, shape: shape, wholeStream: true)
    }

    /// The first `count` bytes of what `input` inflates to (a group member needs only the stream up
    /// to its own end), or nil unless that many come out.
    static func decompressPrefix(_ input: [UInt8], count: Int, shape: Shape) -> [UInt8]? {
        inflate(input, count: count, shape: shape, wholeStream: false)
    }

    private static func inflate(_ input: [UInt8], count: Int, shape: Shape, wholeStream: Bool) -> [UInt8]? {
        guard !input.isEmpty, count > 0, count <= Int(UInt32.max) else { return nil }
        var stream = z_stream()
        guard agentdeck_inflate_init(&stream, -shape.windowBits) == Z_OK else { return nil }
        defer { inflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: count)
        // Z_NO_FLUSH for a prefix: zlib stops when `output` is full (Z_OK), wherever the stream is.
        let status = run(&stream, from: input, into: &output) { CZlib.inflate(&$0, wholeStream ? Z_FINISH : Z_NO_FLUSH) }
        guard Int(stream.total_out) == count else { return nil }
        if wholeStream {
            guard status == Z_STREAM_END else { return nil }
        } else {
            guard status == Z_STREAM_END || status == Z_OK || status == Z_BUF_ERROR else { return nil }
        }
        return output
    }

    /// Points `stream` at `input` and `output` for one zlib call (`step`) and returns its status.
    private static func run(
        _ stream: inout z_stream, from input: [UInt8], into output: inout [UInt8], _ step: (inout z_stream) -> Int32
    ) -> Int32 {
        input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                // zlib reads `next_in` only; its header lacks the const.
                stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
                stream.avail_in = uInt(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = uInt(target.count)
                return step(&stream)
            }
        }
    }
}
