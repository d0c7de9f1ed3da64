import Foundation
import Testing

/// Whole-screen golden files (`Golden/<name>.txt`), compared line by line with trailing spaces
/// ignored. `AGENTDECK_UPDATE_GOLDEN=1 swift test --filter ScreenTests` rewrites them.
enum Golden {
    static var directory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    }

    static var updating: Bool { ProcessInfo.processInfo.environment["AGENTDECK_UPDATE_GOLDEN"] == "1" }

    static func trimmed(_ line: String) -> String {
        var s = Substring(line)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }

    static func check(_ lines: [String], named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = directory.appendingPathComponent(name + ".txt")
        let actual = lines.map(trimmed)
        if updating {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try (actual.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing golden \(name).txt: run with AGENTDECK_UPDATE_GOLDEN=1", sourceLocation: sourceLocation)
            return
        }
        var expected = text.components(separatedBy: "\n")
        if expected.last == "" { expected.removeLast() }
        guard expected != actual else { return }
        var report = ["screen \(name) differs from Golden/\(name).txt (- expected, + actual):"]
        for i in 0..<max(expected.count, actual.count) {
            let e = i < expected.count ? expected[i] : "<none>"
            let a = i < actual.count ? actual[i] : "<none>"
            if e != a {
                report.append(String(format: "%3d - ", i) + e)
                report.append(String(format: "%3d + ", i) + a)
            }
        }
        report.append("(AGENTDECK_UPDATE_GOLDEN=1 rewrites it if the change is intended)")
        Issue.record(Comment(rawValue: report.joined(separator: "\n")), sourceLocation: sourceLocation)
    }
}
