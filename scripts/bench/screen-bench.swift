// Release-mode frame costs of Screen + the ncurses backend; run scripts/bench-screen.sh.
import A2A
import Foundation
import Screen
import Terminal
import Glibc

// Release-mode costs of Screen and the ncurses backend (headless: /dev/null).
let output = fopen("/dev/null", "w")!
var fds: [Int32] = [-1, -1]
pipe(&fds)
let input = fdopen(fds[0], "r")!
setenv("LINES", "60", 1)
setenv("COLUMNS", "200", 1)
let backend = try NcursesBackend(theme: .default, output: output, input: input,
                                 options: .init(terminalType: "xterm-256color", locale: "C.UTF-8"))
let w = backend.width, h = backend.height
let rows = (0..<200).map { index in
    [Span("agent-\(index) 日本"), Span(index % 3 == 0 ? "working" : "completed", ThemeRole(index % 3 == 0 ? TaskState.working : TaskState.completed)),
     Span(TextSanitizer.sanitize("task \u{1B}[31m\(index)\u{1B}[0m with a long description")), Span("\(index)s")]
}
func frame(_ number: Int) -> CellBuffer {
    var buffer = CellBuffer(width: w, height: h)
    let box = Box(title: "Tasks \(number)", focused: true)
    buffer.render(box, in: buffer.area)
    let table = Table(columns: [.init("AGENT", width: .min(16)), .init("STATE", width: .fixed(12)),
                                .init("TASK", width: .flex(3)), .init("AGE", width: .fixed(6), alignment: .right)],
                      rows: rows, selected: number % 200)
    buffer.render(table, in: box.inner(buffer.area))
    return buffer
}
struct CPUClock {
    // CPU time of this thread: the machine is shared, wall time would measure the neighbours.
    func measure(_ body: () -> Void) -> Duration {
        var start = timespec(), end = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start)
        body()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &end)
        return .seconds(end.tv_sec - start.tv_sec) + .nanoseconds(end.tv_nsec - start.tv_nsec)
    }
}
let clock = CPUClock()
let frames = 500
var buffers: [CellBuffer] = []
let build = clock.measure { buffers = (0..<frames).map(frame) }
let draw = clock.measure { for b in buffers { backend.draw(b, cursor: nil) } }
let same = buffers[0]
let redrawSame = clock.measure { for _ in 0..<frames { backend.draw(same, cursor: nil) } }
backend.close()
print("\(w)x\(h) frame: build \(build / frames), draw \(draw / frames), draw unchanged \(redrawSame / frames)")

let sample = String(repeating: "agent text 日本語 \u{1B}[1mbold\u{1B}[0m ", count: 20000)
let clean = String(repeating: "agent text 日本語 plain words here ", count: 20000)
var result = ""
let t1 = clock.measure { for _ in 0..<10 { result = TextSanitizer.sanitize(sample) } }
let t2 = clock.measure { for _ in 0..<10 { result = TextSanitizer.sanitize(clean) } }
func mbps(_ bytes: Int, _ d: Duration) -> Int { Int(Double(bytes * 10) / 1e6 / (Double(d.components.attoseconds) / 1e18 + Double(d.components.seconds))) }
print("sanitizer: \(mbps(sample.utf8.count, t1)) MB/s with escapes, \(mbps(clean.utf8.count, t2)) MB/s already-safe text")
var widthSum = 0
let t3 = clock.measure { for _ in 0..<10 { widthSum &+= CellWidth.of(clean) } }
print("CellWidth.of(String): \(mbps(clean.utf8.count, t3)) MB/s (\(widthSum))")
