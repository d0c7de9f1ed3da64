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

        try framesAfterUpdates(state, now: now, frames: frames, screen: screen, buffer: &buffer)

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

    /// Frames between which tasks change, as under the end-to-end load (10,000 events/s at 10
    /// frames/s): before each frame, 1,000 status events with progress across the running tasks,
    /// 5 of which complete (their streams end), and 5 new tasks dispatched in their place, all
    /// through `update`. The frame (view model + cells, then the ncurses draw) is timed apart from
    /// the updates, which are ingest's budget; the updates are reported for reference.
    static func framesAfterUpdates(_ start: DeckState, now: Date, frames: Int, screen: HeadlessScreen, buffer: inout CellBuffer) throws {
        var state = start
        struct Running { var key: TaskKey; var tag: RequestTag; var contextID: String? }
        var running: [Running] = state.requests.compactMap { tag, pending in
            guard pending.isStream, let key = pending.purpose.taskKey, let task = state.tasks[key], !task.state.isTerminal else { return nil }
            return Running(key: key, tag: tag, contextID: task.contextID)
        }.sorted { $0.tag < $1.tag }
        guard running.count >= 100 else { throw BenchError("only \(running.count) running tasks to update") }
        let agents = state.orderedAgents.map(\.id)
        let eventsPerFrame = 1_000, completionsPerFrame = 5
        var cursor = 0, made = 0, events = 0
        var frameSeconds = 0.0, drawSeconds = 0.0, updateSeconds = 0.0
        for frame in 0..<frames {
            let frameNow = now.addingTimeInterval(Double(frame + 1) * 0.1)
            let t0 = Measure.threadCPU()
            for e in 0..<eventsPerFrame {
                // Each event at its own instant, in the 0.1 s before the frame.
                let at = frameNow.addingTimeInterval(-0.1 + Double(e) * 0.0001)
                cursor = (cursor + 1) % running.count
                let task = running[cursor]
                if e < completionsPerFrame {
                    let done = StatusUpdate(taskID: task.key.taskID, contextID: task.contextID,
                                            status: TaskStatus(state: .completed, message: nil), isFinal: true)
                    _ = state.update(.streamEvent(task.tag, .status(done)), now: at)
                    _ = state.update(.streamEnded(task.tag, .closed), now: at)
                    running.remove(at: cursor)
                    cursor -= 1
                } else {
                    let percent = Double((frame + e) % 100)
                    let progress = StatusUpdate(
                        taskID: task.key.taskID, contextID: task.contextID,
                        status: TaskStatus(state: .working, message: Message(
                            messageID: "bench-\(frame)-\(e)", role: .agent, parts: [.text("Step (\(Int(percent))%)")])),
                        progressPercent: percent)
                    _ = state.update(.streamEvent(task.tag, .status(progress)), now: at)
                }
                events += 1
            }
            for _ in 0..<completionsPerFrame {
                made += 1
                let agent = agents[made % agents.count]
                let placeholder = TaskKey(agentID: agent, taskID: "pending-render-\(made)")
                let tag = RequestTag((1 << 41) + UInt64(made))
                state.addTask(TaskEntry(key: placeholder, origin: .dispatched, isPlaceholder: true, requestText: "steps=3", now: frameNow))
                state.requests[tag] = PendingRequest(agentID: agent, purpose: .dispatch(placeholder), isStream: true)
                _ = state.update(.streamOpened(tag), now: frameNow)
                let id = Capture.freshID(like: "00000000-0000-0000-0000-000000000000", number: 1_000_000 + made, salt: 0x4E57)
                let first = StatusUpdate(taskID: id, contextID: "ctx-\(id)", status: TaskStatus(state: .working, message: nil))
                _ = state.update(.streamEvent(tag, .status(first)), now: frameNow)
                running.append(Running(key: TaskKey(agentID: agent, taskID: id), tag: tag, contextID: "ctx-\(id)"))
            }
            let t1 = Measure.threadCPU()
            DashboardView.render(state, now: frameNow, into: &buffer)
            let t2 = Measure.threadCPU()
            screen.backend.draw(buffer, cursor: nil)
            let t3 = Measure.threadCPU()
            updateSeconds += t1 - t0
            frameSeconds += t2 - t1
            drawSeconds += t3 - t2
        }
        guard state.tasks.count >= start.tasks.count - 100 else { throw BenchError("tasks went missing: \(state.tasks.count)") }
        report("render_frame_after_updates", frameSeconds / Double(frames) * 1000, "ms", decimals: 3)
        report("draw_frame_after_updates", drawSeconds / Double(frames) * 1000, "ms", decimals: 3)
        report("render_updates_between_frames", updateSeconds / Double(frames) * 1000, "ms", decimals: 3)
        report("render_events_between_frames", Double(events) / Double(frames), "events", decimals: 0)
    }
}
