import Foundation

/// Where the resident memory is, by mapping (`AGENTDECK_MEMORY_MAPS=1 agentdeck-bench memory`):
/// /proc/self/smaps summed per file (shared libraries, the binary) and `[heap]`/anonymous.
enum SmapsSummary {
    static func print(top: Int) {
        // Read to the end: /proc files report a size of 0, and a sized read stops after one page.
        guard let data = FileHandle(forReadingAtPath: "/proc/self/smaps")?.readDataToEndOfFile() else { return }
        let text = String(decoding: data, as: UTF8.self)
        var rssByName: [String: Int] = [:]
        var name = ""
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard let first = fields.first else { continue }
            if first.contains("-"), fields.count >= 5 {  // a mapping's header line
                name = fields.count >= 6 ? fields[5...].joined(separator: " ") : "[anonymous]"
            } else if first == "Rss:", fields.count >= 2, let kb = Int(fields[1]) {
                rssByName[name, default: 0] += kb
            }
        }
        let total = rssByName.values.reduce(0, +)
        FileHandle.standardError.write(Data("resident by mapping (total \(total) kB):\n".utf8))
        for (name, kb) in rssByName.sorted(by: { $0.value > $1.value }).prefix(top) {
            FileHandle.standardError.write(Data("  \(kb) kB  \(name)\n".utf8))
        }
    }
}
