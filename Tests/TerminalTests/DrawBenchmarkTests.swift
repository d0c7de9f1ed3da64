import A2A
import Foundation
import Screen
import Testing
@testable import Terminal

/// Costs of a frame, printed for the record (`AGENTDECK_BENCH=1 swift test --filter DrawBenchmark`).
/// Timings are reported, never asserted; the assertions check the frames are right.
extension NcursesTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["AGENTDECK_BENCH"] == "1", "set AGENTDECK_BENCH=1"))
    func drawBenchmark() throws {
        let terminal = try HeadlessTerminal(width: 200, height: 60)
        let backend = terminal.backend
        let rows = (0..<200).map { index in
            [Span("agent-\(index) 日本"), Span(index % 3 == 0 ? "working" : "completed", ThemeRole(index % 3 == 0 ? TaskState.working : TaskState.completed)),
             Span(TextSanitizer.sanitize("task \u{1B}[31m\(index)\u{1B}[0m with a long description")), Span("\(index)s")]
        }
        func frame(_ number: Int) -> CellBuffer {
            var buffer = CellBuffer(width: 200, height: 60)
            let box = Box(title: "Tasks \(number)", focused: true)
            buffer.render(box, in: buffer.area)
            let table = Table(columns: [.init("AGENT", width: .min(16)), .init("STATE", width: .fixed(12)),
                                        .init("TASK", width: .flex(3)), .init("AGE", width: .fixed(6), alignment: .right)],
                              rows: rows, selected: number % 200)
            buffer.render(table, in: box.inner(buffer.area))
            return buffer
        }
        let clock = ContinuousClock()
        let frames = 200
        var buffers: [CellBuffer] = []
        let buildTime = clock.measure { buffers = (0..<frames).map(frame) }
        let drawTime = clock.measure {
            for buffer in buffers { backend.draw(buffer, cursor: nil) }
        }
        #expect(backend.inspect(x: 0, y: 0)?.text == "┌")
        #expect(backend.inspect(x: 3, y: 0)?.text == "T")
        print("bench: 200x60 frame: build \(buildTime / frames) per frame, draw (mvwadd_wch + doupdate) \(drawTime / frames) per frame")

        let sample = String(repeating: "agent text 日本語 \u{1B}[1mbold\u{1B}[0m ", count: 2000)
        var sanitized = ""
        let sanitizeTime = clock.measure { for _ in 0..<10 { sanitized = TextSanitizer.sanitize(sample) } }
        #expect(!sanitized.contains("\u{1B}"))
        let megabytes = Double(sample.utf8.count * 10) / 1_000_000
        let seconds = Double(sanitizeTime.components.seconds) + Double(sanitizeTime.components.attoseconds) / 1e18
        print("bench: sanitizer \(Int(megabytes / seconds)) MB/s (\(sample.utf8.count) bytes x 10)")
    }
}
