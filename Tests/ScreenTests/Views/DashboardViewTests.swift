import A2A
import Deck
import Foundation
import Screen
import Testing

/// Targeted properties of the dashboard screens.
@Suite("Dashboard views")
struct DashboardViewTests {
    typealias F = DashboardFixture

    /// The y of the first line containing `text`.
    func row(containing text: String, in lines: [String]) -> Int? { lines.firstIndex { $0.contains(text) } }

    /// The x of the cell whose text starts `text` on line `y` (wide characters counted as 2).
    func column(of text: String, y: Int, in buffer: CellBuffer) -> Int? {
        let cells = Array(buffer.row(y))
        let wanted = Array(text.unicodeScalars)
        for x in cells.indices {
            var scalars: [Unicode.Scalar] = []
            var i = x
            while i < cells.count && scalars.count < wanted.count {
                scalars.append(contentsOf: cells[i].text.unicodeScalars)
                i += 1
            }
            if scalars.starts(with: wanted) && !cells[x].isContinuation { return x }
        }
        return nil
    }

    @Test(arguments: [(80, 24), (60, 15), (120, 40)])
    func modeIsAlwaysInTheHeader(width: Int, height: Int) {
        let ro = F.lines(F.busy(readOnly: true), width: width, height: height)
        #expect(ro[0].hasPrefix("AgentDeck [RO]"))
        let rw = F.lines(F.busy(), width: width, height: height)
        #expect(rw[0].hasPrefix("AgentDeck [RW]"))
        #expect(!rw.joined().contains("[RO]"))
    }

    @Test func theFocusedDetailShowsTheAgentWhenAskedTo() {
        var state = F.busy()
        state.ui.focus = .detail
        let taskTitle = { (line: String) in line.contains("┌─ Task ─") || line.contains("┌─ Task ↓") }
        #expect(F.lines(state, width: 120, height: 40).contains(where: taskTitle))
        state.ui.detailShowsAgent = true
        let lines = F.lines(state, width: 120, height: 40)
        #expect(lines.contains { $0.contains("┌─ Agent ─") || $0.contains("┌─ Agent ↓") })
        #expect(!lines.contains(where: taskTitle))
    }

    @Test func headerCountsAgentsAndTasksPerState() {
        let header = F.lines(F.busy(), width: 120, height: 40)[0]
        // 5 agents: 3 up, 1 degraded (slow card), 1 unreachable.
        #expect(header.contains("5 agents ●3 ◐1 ✗1"))
        #expect(header.contains("tasks ○1 ▶2 ?1 !1 ✗1 ⊗1 ⊘1 ✓1 ~1"))
        #expect(header.contains("⚑4 need you"))
    }

    @Test func readOnlyAdvertisesNoMutatingKey() {
        var state = F.busy(readOnly: true)
        let footer = F.lines(state, width: 120, height: 40).last ?? ""
        #expect(footer.contains("? help") && footer.contains("q quit"))
        for word in ["new", "cancel", "reply"] { #expect(!footer.contains(word), "RO footer shows \(word)") }
        F.press([.char("?")], on: &state)
        let screen = F.lines(state, width: 120, height: 40).joined(separator: "\n")
        #expect(screen.contains("Keys (read-only)"))
        #expect(screen.contains("toggle this help"))
        for action in Action.allCases where action.isMutating {
            #expect(!screen.contains(action.summary), "RO help lists \(action)")
        }
    }

    @Test func helpListsEveryBoundActionEvenAt80x24() {
        var state = F.busy()
        F.press([.char("?")], on: &state)
        let screen = F.lines(state, width: 80, height: 24).joined(separator: "\n")
        for line in state.effectiveKeyMap.help {
            #expect(screen.contains(" " + line.keys.joined(separator: " ") + " "), "help lacks \(line.action)")
        }
    }

    @Test func readWriteAdvertisesMutatingKeys() {
        var state = F.busy()
        let footer = F.lines(state, width: 120, height: 40).last ?? ""
        #expect(footer.contains("n new") && footer.contains("c cancel") && footer.contains("r reply"))
        F.press([.char("?")], on: &state)
        let screen = F.lines(state, width: 120, height: 40).joined(separator: "\n")
        for action in Action.allCases where action.isMutating { #expect(screen.contains(action.summary)) }
    }

    @Test func tasksAreShownAttentionFirst() throws {
        let lines = F.lines(F.busy(), width: 120, height: 40)
        let top = try #require(row(containing: "STATE", in: lines))
        let shown = lines[(top + 1)...].prefix(10).map { line -> String in
            let start = line.index(line.startIndex, offsetBy: 1)
            return String(line[start...].prefix(11))
        }
        let ranks = shown.map { label -> Int in
            if label.hasPrefix("? ") || label.hasPrefix("! ") { return 0 }
            if label.hasPrefix("✗ ") || label.hasPrefix("⊗ ") { return 1 }
            if label.hasPrefix("▶ ") || label.hasPrefix("○ ") { return 2 }
            if label.hasPrefix("~ ") { return 3 }
            return 4
        }
        #expect(ranks == ranks.sorted(), "\(shown)")
        #expect(ranks.prefix(4) == [0, 0, 1, 1])
        #expect(ranks.count == 10)
    }

    @Test func agentTextNeverReachesACellRaw() {
        for (w, h) in [(80, 24), (120, 40)] {
            var state = F.busy()
            state.ui.selectedTask = TaskKey(agentID: F.evil, taskID: "t-evil")
            let buffer = F.render(state, width: w, height: h).buffer
            for cell in buffer.cells {
                for scalar in cell.text.unicodeScalars {
                    #expect(scalar.value >= 0x20 && scalar.value != 0x7F && !(0x80..<0xA0).contains(scalar.value))
                    #expect(!(0x202A...0x202E).contains(scalar.value) && !(0x2066...0x2069).contains(scalar.value))
                }
            }
            let text = buffer.lines().joined(separator: "\n")
            #expect(text.contains("␛Evil␛⇄txt.exe"), "the OSC, CSI and RLO show as placeholders")
            if w >= DashboardLayout.sideBySideWidth {
                #expect(text.contains("␛␛HAHA⇄gnp.exe"), "the selected task's status in the detail pane")
            }
        }
    }

    @Test func wideNamesTakeTwoCellsAndKeepColumnsAligned() throws {
        let (buffer, _) = F.render(F.busy(), width: 120, height: 40)
        let lines = buffer.lines()
        let cjk = try #require(row(containing: "库存智能Agent", in: Array(lines.prefix(14))))
        let alice = try #require(row(containing: "Alice", in: Array(lines.prefix(14))))
        let x = try #require(column(of: "库", y: cjk, in: buffer))
        #expect(buffer[x, cjk].width == 2 && buffer[x + 1, cjk].isContinuation)
        // The columns after the name start at the same x on both rows.
        #expect(column(of: "0.1", y: cjk, in: buffer) == column(of: "1.0", y: alice, in: buffer))
        let cjkLatency = try #require(column(of: "<500ms", y: cjk, in: buffer))
        #expect(column(of: "<50ms", y: alice, in: buffer).map { $0 + 5 } == cjkLatency + 6)
        // And in the tasks pane.
        let failed = try #require(lines.indices.first { lines[$0].contains("✗ failed") })
        let working = try #require(lines.indices.first { lines[$0].contains("▶ working") && lines[$0].contains("Alice") })
        #expect(column(of: "stock", y: failed, in: buffer) == column(of: "summarize", y: working, in: buffer))
    }

    @Test func agentRowsShowHealthFlagsAndReasons() throws {
        let lines = F.lines(F.busy(), width: 120, height: 40)
        let evil = try #require(lines.first { $0.contains("txt.exe") && $0.contains("◐ degraded") })
        #expect(evil.contains("⚠tls"))
        let bob = try #require(lines.first { $0.contains("Bob") && $0.contains("● up") })
        #expect(bob.contains(" ro ") && bob.contains("0.3") && bob.contains("<200ms"))
        let ghost = try #require(lines.first { $0.contains("Ghost") })
        #expect(ghost.contains("○ unreach") && ghost.contains("connection refused"))
        let alice = try #require(lines.first { $0.contains("Alice") && $0.contains("● up") })
        #expect(alice.contains("82%"), "9 completed of 11 finished in the window (the fixture's history)")
        let inventory = try #require(lines.first { $0.contains("库存智能Agent") && $0.contains("● up") })
        #expect(inventory.contains(" 0% "), "a failed and a rejected task")
    }

    @Test func taskRowsShowProgressCancelAndStatus() throws {
        let lines = F.lines(F.busy(), width: 120, height: 40)
        let report = try #require(lines.first { $0.contains("▶ working") && $0.contains("Summarizing") })
        #expect(report.contains("42%") && report.contains("summarize"))
        let evil = try #require(lines.first { $0.contains("[cancel requested]") })
        #expect(evil.contains("▶ working"))
    }

    @Test func focusAndSelectionUseTheirRoles() throws {
        let (buffer, _) = F.render(F.busy(), width: 120, height: 40)
        let lines = buffer.lines()
        let tasksTop = try #require(row(containing: "Tasks (10)", in: lines))
        #expect(buffer[0, tasksTop].style.role == .borderFocused)
        #expect(buffer[0, 1].style.role == .border, "agents pane is not focused")
        let selected = try #require(lines.indices.first { lines[$0].contains("Summarizing") })
        #expect(buffer[5, selected].style.role == .selection)
        // State cells carry the state's role (colour) and its symbol and name (no colour needed).
        let failed = try #require(lines.indices.first { lines[$0].contains("✗ failed") })
        #expect(buffer[1, failed].style.role == .stateFailed)
        #expect(buffer[1, failed].text == "✗")
    }

    @Test func detailShowsTimelineArtifactsAndIDs() {
        let text = F.lines(F.busy(), width: 120, height: 40).joined(separator: "\n")
        #expect(text.contains("t-report") && text.contains("ctx-t-report"))
        #expect(text.contains("○ submitted"))
        #expect(text.contains("report.md") && text.contains("streaming…"))
        #expect(text.contains("Q3 revenue grew 12% over Q2."), "chunks appended in order")
        #expect(text.contains("\"revenue\": 12.5"))
        #expect(text.contains("42%"))
    }

    /// An agent that reported 90 % and then completed: the row shows no progress (the task is not
    /// under way), the detail says what was last reported, without a bar.
    @Test func aFinishedTasksLastProgressIsNotShownAsWorkUnderWay() throws {
        var state = F.busy()
        var done = F.task("t-late", on: F.alice, [.submitted, .working], text: "Almost there", startedAgo: 100, progress: 90)
        done.apply(F.status("t-late", .completed, "All done"), now: F.now.addingTimeInterval(-1))
        #expect(done.progressPercent == 90 && done.state == .completed)
        state.tasks[done.key] = done
        state.ui.selectedTask = done.key
        let lines = F.lines(state, width: 120, height: 40)
        let mentions = lines.filter { $0.contains("90%") }
        #expect(mentions.count == 1)
        #expect(mentions.allSatisfy { $0.contains("last reported 90%") })
        #expect(!lines.contains { $0.contains("█") && $0.contains("90%") }, "no progress bar for a finished task")
        // A task under way keeps its bar and its percentage in the row.
        #expect(lines.contains { $0.contains("42%") })
        // Completed at 100 %: the state says it all.
        var full = F.task("t-full", on: F.alice, [.submitted, .working], startedAgo: 100, progress: 100)
        full.apply(F.status("t-full", .completed), now: F.now.addingTimeInterval(-1))
        state.tasks[full.key] = full
        state.ui.selectedTask = full.key
        #expect(!F.lines(state, width: 120, height: 40).contains { $0.contains("Progress") || $0.contains("last reported") })
    }

    @Test func detailScrollsAndClampsAtTheEnd() throws {
        var state = F.busy()
        F.press([.enter], on: &state)
        let top = F.lines(state, width: 80, height: 24)
        F.press(Array(repeating: Key.pageDown, count: 20), on: &state)
        let bottom = F.lines(state, width: 80, height: 24)
        #expect(top != bottom)
        #expect(bottom.joined().contains("Task ↑"))
        #expect(!bottom.joined().contains("↓"), "scrolled to the end, nothing below")
        #expect(bottom.joined().contains("12.5"), "the last content is on screen")
    }

    @Test func confirmationNamesTaskAndAgent() {
        var state = F.busy()
        F.press([.char("c")], on: &state)
        let lines = F.lines(state, width: 80, height: 24)
        #expect(lines.last?.hasPrefix("Cancel task t-report on Alice? [y/N]") == true)
        let text = lines.joined(separator: "\n")
        #expect(text.contains("Confirm [y/N]") && text.contains("agent  Alice") && text.contains("task   t-report"))
    }

    @Test func promptShowsModeAgentSkillAndCursor() throws {
        var state = F.busy()
        F.press([.char("n")], on: &state)
        F.type("hello", on: &state)
        let (buffer, cursor) = F.render(state, width: 80, height: 24)
        let last = buffer.lines().last ?? ""
        #expect(last.hasPrefix("dispatch @Alice> hello"))
        let position = try #require(cursor)
        #expect(position == CursorPosition(x: CellWidth.of("dispatch @Alice> hello"), y: 23))
        F.press([.escape], on: &state)
        #expect(F.render(state, width: 80, height: 24).cursor == nil)
    }

    @Test func filterPromptAndStatusLine() {
        var state = F.busy()
        F.press([.char("/")], on: &state)
        F.type("alice", on: &state)
        let lines = F.lines(state, width: 120, height: 40)
        #expect(lines.last?.hasPrefix("/alice") == true)
        #expect(lines[38].contains("filter alice"))
    }

    @Test func zoomShowsTheFocusedPaneAlone() throws {
        var state = F.busy()
        F.press([.char("z")], on: &state)
        let lines = F.lines(state, width: 80, height: 24)
        #expect(lines[1].hasPrefix("┌─ Tasks"))
        #expect(lines[21].hasPrefix("└"))
        #expect(!lines.joined().contains("Agents ("))
    }

    @Test func tooSmallSaysSoWithTheSize() {
        let lines = F.lines(F.busy(readOnly: true), width: 59, height: 20)
        #expect(lines[0].hasPrefix("AgentDeck [RO]"))
        #expect(lines.contains { $0.contains("terminal too small: 59×20") })
        let fits = F.lines(F.busy(), width: 60, height: 15)
        #expect(!fits.joined().contains("too small"))
    }

    @Test func emptyDeckRendersAtEverySize() {
        let state = DeckState(config: DeckConfig(agents: []))
        for (w, h) in [(0, 0), (1, 1), (60, 15), (80, 24), (200, 60)] {
            var buffer = CellBuffer(width: w, height: h)
            DashboardView.render(state, now: F.now, into: &buffer, options: F.options)
            #expect(buffer.width == w)
        }
        let lines = F.lines(state, width: 80, height: 24)
        #expect(lines.joined().contains("no agents configured"))
    }

    @Test func agentCardShowsSkillsAuthAndInterfaces() {
        var state = F.busy()
        F.press([.tab, .tab], on: &state)
        // Tall enough for the card below the health block (the agent pane does not scroll).
        let text = F.lines(state, width: 120, height: 60).joined(separator: "\n")
        #expect(text.contains(" #summarize  Summarize"))
        #expect(text.contains("e.g. Summarize this RFC in five bullets"))
        #expect(text.contains("bearer: HTTP bearer (JWT)"))
        #expect(text.contains("JSONRPC 1.0"))
        #expect(text.contains("Example Org"))
    }

    @Test func changedCardIsMarkedAndDiffed() {
        var state = F.busy()
        var changed = F.card("Alice", skills: [AgentSkill(id: "summarize", name: "Summarize")], version: "2.0")
        changed.description = "New description"
        _ = state.update(.card(F.alice, .fetched(changed, endpoint: F.endpoint(.v1), etag: nil, latency: 0.05)), now: F.now)
        F.press([.tab, .tab], on: &state)
        let text = F.lines(state, width: 120, height: 40).joined(separator: "\n")
        #expect(text.contains("✎card"))
        #expect(text.contains("Card changed"))
    }
}
