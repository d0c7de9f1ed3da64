import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Clocks and /proc readers. Benchmarks report wall time on one thread; the process-level ones
/// (scripts/bench-e2e.sh) read CPU time from /proc/<pid>/stat instead.
enum Measure {
    /// Monotonic seconds.
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// CPU seconds this thread has used (user + system).
    static func threadCPU() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// A `VmRSS:`-style field of /proc/self/status, in kB.
    static func statusKB(_ field: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
            return Int(line.dropFirst(field.count + 1).filter(\.isNumber))
        }
        return nil
    }
}

/// The only output format: one figure per line, `name: value unit`.
func report(_ name: String, _ value: Double, _ unit: String, decimals: Int = 1) {
    var text = String(format: "%.\(decimals)f", value)
    if decimals == 0 { text = String(Int(value.rounded())) }
    // Unbuffered: a figure is on the screen as soon as it is measured.
    FileHandle.standardOutput.write(Data("\(name): \(text) \(unit)\n".utf8))
}

/// `BENCH_SCALE=0.1` runs every benchmark on a tenth of the load (for profiling under callgrind).
let benchScale: Double = ProcessInfo.processInfo.environment["BENCH_SCALE"].flatMap(Double.init) ?? 1

func scaled(_ n: Int) -> Int { max(1, Int(Double(n) * benchScale)) }
