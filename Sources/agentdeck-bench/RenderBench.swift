import A2A
import Deck
import Foundation
import Screen

/// Budget 2: `DashboardView.render` of 200 agents and 10,000 tasks at 120×40, the ncurses draw
/// of that frame, and the bytes one task's progress change sends to the terminal.
enum RenderBench {
    static let width = 120
    static let height = 40

    static func main() throws {
        let v1 = try Capture.load("stream-v10.txt", dialect: .v1)
        let v03 = try Capture.load("v03sdk-stream.txt", dialect: .v03)
        var deck = BenchDeck(agents: 200, maxFinishedTasks: 10_000)
        try deck.giveCards(now: Date(timeIntervalSince1970: 1_800_000_000))
        // 9,000 finished and 1,000 running (stopped after "Step 1/3 (33%)") tasks.
        let built = IngestBench.run(captures: [v1, v03], replays: 10_000, concurrent: 1_000, agents: 200,
                                    maxFinishedTasks: 10_000, deck: deck, leaveRunning: 1_000)
        var state = built.state
        let now = built.now
        report("render_tasks", Double(state.tasks.count), "tasks", decimals: 0)

        var buffer = CellBuffer(width: width, height: height)
        let frames = ProcessInfo.processInfo.environment["BENCH_FRAMES"].flatMap(Int.init) ?? 300
        for _ in 0..<20 { DashboardView.render(state, now: now, into: &buffer) }  // warm-up
        var start = Measure.threadCPU()
        for i in 0..<frames { DashboardView.render(state, now: now.addingTimeInterval(Double(i) * 0.1), into: &buffer) }
        report("render_frame_120x40", (Measure.threadCPU() - start) / Double(frames) * 1000, "ms", decimals: 3)
        // The two halves of a frame: the view model (Deck), then the cells (Screen).
        start = Measure.threadCPU()
        for i in 0..<frames { blackHole(state.viewModel(now: now.addingTimeInterval(Double(i) * 0.1))) }
        report("render_view_model", (Measure.threadCPU() - start) / Double(frames) * 1000, "ms", decimals: 3)
        let model = state.viewModel(now: now)
        start = Measure.threadCPU()
        for i in 0..<frames { DashboardView.render(model, now: now.addingTimeInterval(Double(i) * 0.1), into: &buffer) }
        report("render_cells", (Measure.threadCPU() - start) / Double(frames) * 1000, "ms", decimals: 3)

        // ncurses: the whole frame (as after a resize or Ctrl-L), then an unchanged frame.
        let screen = try HeadlessScreen(width: Int32(width), height: Int32(height))
        DashboardView.render(state, now: now, into: &buffer)
        screen.backend.draw(buffer, cursor: nil)
        start = Measure.threadCPU()
        for _ in 0..<frames {
            screen.backend.forceFullRepaint()
            screen.backend.draw(buffer, cursor: nil)
        }
        report("draw_full_frame_120x40", (Measure.threadCPU() - start) / Double(frames) * 1000, "ms", decimals: 3)
        start = Measure.threadCPU()
        for _ in 0..<frames { screen.backend.draw(buffer, cursor: nil) }
        report("draw_unchanged_frame_120x40", (Measure.threadCPU() - start) / Double(frames) * 1000, "ms", decimals: 3)
        var before = screen.bytesWritten
        screen.backend.draw(buffer, cursor: nil)
        report("bytes_unchanged_frame", Double(screen.bytesWritten - before), "bytes", decimals: 0)

        // One running task on screen moves from 33% to 67%: the next event of its own stream.
        let visible = state.visibleTasks(now: now)
        guard let target = visible.first(where: { !$0.state.isTerminal && $0.progressPercent != nil }),
              let tag = state.requests.first(where: { $0.value.purpose.taskKey == target.key })?.key
        else { throw BenchError("no running task with progress on screen") }
        state.ui.selectedTask = visible.first?.key  // keep the selection (and so the detail pane) elsewhere
        if state.ui.selectedTask == target.key { state.ui.selectedTask = visible.dropFirst().first?.key }
        DashboardView.render(state, now: now, into: &buffer)
        screen.backend.draw(buffer, cursor: nil)
        let progress = StatusUpdate(
            taskID: target.key.taskID, contextID: target.contextID,
            status: TaskStatus(state: .working, message: Message(messageID: "bench-67", role: .agent, parts: [.text("Step 2/3 (67%)")])),
            progressPercent: 67)
        _ = state.update(.streamEvent(tag, .status(progress)), now: now)
        guard state.tasks[target.key]?.progressPercent == 67 else { throw BenchError("progress event not applied") }
        DashboardView.render(state, now: now, into: &buffer)
        before = screen.bytesWritten
        screen.backend.draw(buffer, cursor: nil)
        report("bytes_one_progress_change", Double(screen.bytesWritten - before), "bytes", decimals: 0)
    }
}
