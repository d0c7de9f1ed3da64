#if canImport(Glibc)
import Glibc
#endif

/// A measuring aid, off unless `AGENTDECK_LOOP_TRACE` names a file: the run loop appends one line
/// per step with `CLOCK_MONOTONIC` nanoseconds (the clock Python's `time.monotonic` reads, so
/// `scripts/bench-e2e.sh` can line its key presses up with them):
///   `key <read> <run delay ns since poll was called>` keys read, `frame <start> <end> <drawn 0|1> <urgent 0|1> <thread CPU ns> <run delay ns>`,
///   `wake <start> <end> <thread CPU ns> <run delay ns>` network news handled, `tick <start> <end>`.
/// Lines are buffered and written in blocks; the file is flushed when the loop ends.
final class LoopTrace {
    private let fd: Int32
    private var pending: [UInt8] = []

    /// Nil unless the environment asks for a trace and the file opens.
    init?(environmentKey: String = "AGENTDECK_LOOP_TRACE") {
        guard let path = getenv(environmentKey).map({ String(cString: $0) }), !path.isEmpty else { return nil }
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return nil }
        pending.reserveCapacity(1 << 16)
    }

    deinit {
        flush()
        close(fd)
    }

    static func now() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }

    /// CPU nanoseconds this thread has used (a frame's wall time minus this is time preempted).
    static func threadCPU() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }

    /// Nanoseconds this thread has spent runnable but waiting for a CPU (`/proc/thread-self/schedstat`,
    /// second field): a step's wall time minus its CPU and this is time blocked (locks, faults).
    static func runDelay() -> UInt64 {
        let fd = open("/proc/thread-self/schedstat", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return 0 }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 96)
        let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard count > 0 else { return 0 }
        let fields = buffer[..<count].split(separator: 0x20)
        guard fields.count >= 2 else { return 0 }
        return UInt64(String(decoding: fields[1], as: UTF8.self)) ?? 0
    }

    func record(_ kind: String, _ values: UInt64...) {
        pending.append(contentsOf: kind.utf8)
        for value in values {
            pending.append(0x20)
            pending.append(contentsOf: String(value).utf8)
        }
        pending.append(0x0A)
        if pending.count > 60_000 { flush() }
    }

    func flush() {
        pending.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress else { return }
            var offset = 0
            while offset < bytes.count {
                let n = write(fd, base + offset, bytes.count - offset)
                if n <= 0 { return }
                offset += n
            }
        }
        pending.removeAll(keepingCapacity: true)
    }
}
