import A2A
import Deck
import Foundation
import Testing

@testable import Screen

/// The fleet health on screen: agent rows at 80 and 120 columns, the detail's health block,
/// the header's fleet totals, the card-change flag and diff.
@Suite("Agent health views")
struct AgentHealthViewTests {
    typealias F = DashboardFixture

    func agentLines(_ state: DeckState, width: Int, height: Int = 40) -> [String] {
        let lines = F.lines(state, width: width, height: height)
        let top = lines.firstIndex { $0.contains("Agents (") } ?? 0
        let bottom = lines[(top + 1)...].firstIndex { $0.hasPrefix("└") || $0.hasPrefix("+") } ?? lines.count
        return Array(lines[top..<bottom])
    }

    @Test func wideRowsShowLatencyPercentilesRateSuccessAndPulse() throws {
        let lines = agentLines(F.busy(), width: 120)
        let header = try #require(lines.first { $0.contains("STATUS") })
        for title in ["P50", "P99", "T/MIN", "OK", "PULSE", "NOTE"] { #expect(header.contains(title), "\(title)") }
        let alice = try #require(lines.first { $0.contains("Alice") })
        // Latencies 48 ms × [1, .9, 1.1, 1, 1, 1.3, 1, .95, 1, 2.7, 1]: median 48 ms, p99 the 130 ms
        // spike, shown as their 1-2-5 steps (the detail keeps the exact figures).
        #expect(alice.contains("<50ms") && alice.contains("<200ms"))
        // 11 tasks in the 5 minutes watched.
        #expect(alice.contains(" 2.2 ") && alice.contains("82%"))
        #expect(alice.contains("█"), "the busiest interval of the pulse")
        let ghost = try #require(lines.first { $0.contains("Ghost") })
        #expect(ghost.contains("○ unreach") && !ghost.contains("ms"), "no answer, no latency")
        let evil = try #require(lines.first { $0.contains("txt.exe") })
        #expect(evil.contains("⚠tls slow: card took 2.5 s"), "flags lead the note, which has room for the reason")
    }

    @Test func at80ColumnsTheSecondaryColumnsGo() throws {
        let lines = agentLines(F.busy(), width: 80)
        let header = try #require(lines.first { $0.contains("STATUS") })
        for title in ["P50", "OK", "PULSE", "NOTE"] { #expect(header.contains(title), "\(title)") }
        for title in ["P99", "T/MIN"] { #expect(!header.contains(title), "\(title)") }
        let evil = try #require(lines.first { $0.contains("txt.exe") })
        #expect(evil.contains("⚠tls slow"), "flags lead the note")
        let bob = try #require(lines.first { $0.contains("Bob") })
        #expect(bob.contains("ro http://"))
        #expect(lines.allSatisfy { $0.count <= 80 })
    }

    @Test func pulseCellsWithAFailureAreMarkedCellByCell() throws {
        var state = F.busy()
        // The selected row is drawn in the selection style whole: select one without a pulse.
        state.ui.selectedAgent = F.ghost
        let (buffer, _) = F.render(state, width: 120, height: 40)
        let lines = buffer.lines()
        let y = try #require(lines.firstIndex { $0.contains("库存智能Agent") && $0.contains("● up") })
        let roles = (0..<buffer.width).compactMap { x -> ThemeRole? in
            let c = buffer[x, y]
            return "▁▂▃▄▅▆▇█".contains(c.text) ? c.style.role : nil
        }
        // The inventory agent's two tasks both failed (failed, rejected).
        #expect(!roles.isEmpty && roles.allSatisfy { $0 == .error })
        let alice = try #require(lines.firstIndex { $0.contains("Alice") && $0.contains("● up") })
        let aliceRoles = Set((0..<buffer.width).compactMap { x -> ThemeRole? in
            "▁▂▃▄▅▆▇█".contains(buffer[x, alice].text) ? buffer[x, alice].style.role : nil
        })
        #expect(aliceRoles == [.ok, .error], "mostly completed, one interval with a failure")
    }

    @Test func anAgentThatStoppedAnsweringShowsCrossesInItsPulse() throws {
        let (buffer, _) = F.render(F.busy(), width: 120, height: 40)
        let lines = buffer.lines()
        let ghost = try #require(lines.firstIndex { $0.contains("Ghost") })
        // Eleven unanswered polls, one per interval from t0 to now.
        let crosses = (0..<buffer.width).filter { buffer[$0, ghost].text == "×" }
        #expect(crosses.count == 11)
        #expect(crosses.allSatisfy { buffer[$0, ghost].style.role == .error })
        // The hostile agent missed one poll; its other intervals have no task and stay blank.
        let evil = try #require(lines.firstIndex { $0.contains("txt.exe") && $0.contains("◐ degraded") })
        #expect((0..<buffer.width).filter { buffer[$0, evil].text == "×" }.count == 1)
    }

    @Test func asciiScreensDrawPulsesWithoutBlocks() {
        var state = F.busy()
        F.press([.tab, .tab], on: &state)
        var buffer = CellBuffer(width: 120, height: 40)
        DashboardView.render(state, now: F.now, into: &buffer, options: DashboardView.Options(charset: .ascii, asciiBars: true, timeZone: F.options.timeZone))
        let text = buffer.lines().joined(separator: "\n")
        #expect(!text.contains { "▁▂▃▄▅▆▇█".contains($0) })
        #expect(text.contains("#"), "the tallest ASCII level")
    }

    @Test func agentDetailShowsTheWholeHealthBlock() throws {
        var state = F.busy()
        F.press([.tab, .tab], on: &state)
        let lines = F.lines(state, width: 120, height: 40)
        let text = lines.joined(separator: "\n")
        #expect(text.contains("── Health, last 15m"))
        // 11 answered polls, but the one at `now` is in the running interval: poll figures
        // leave it out until the interval ends (an uneventful poll changes nothing on screen).
        #expect(text.contains("Latency  p50 48ms  p99 130ms, 10 polls"))
        #expect(text.contains("Tasks    2.2/min, 82% of 11 completed"))
        #expect(text.contains("1 failed, 1 canceled"))
        #expect(text.contains("Duration p50 12s  p95 2m00s"))
        #expect(text.contains("Skills   #search 6  #summarize 4"))
        for label in ["Ok       ", "Failed   ", "Polls    "] {
            #expect(lines.contains { $0.contains("│" + label) }, "\(label)")
        }
    }

    @Test func aMissedPollIsMarkedInThePollsLine() throws {
        var state = F.busy()
        F.press([.tab, .tab], on: &state)
        // Select the hostile agent: it missed one poll in the fixture.
        F.press([.down, .down, .down], on: &state)
        let (buffer, _) = F.render(state, width: 120, height: 40)
        let lines = buffer.lines()
        let y = try #require(lines.firstIndex { $0.contains("│Polls    ") })
        let marked = (0..<buffer.width).filter { buffer[$0, y].style.role == .error }
        #expect(marked.count == 1)
        let latency = try #require(lines.firstIndex { $0.contains("│Latency  p50 2500ms  p99 6750ms, 10 polls,") })
        #expect(lines[latency + 1].contains("│         1 failed"))
        // 9 settled answers and the failure: the answer at `now` is in the running interval.
    }

    @Test func headerShowsFleetTotalsOnlyWhereTheyFit() throws {
        let wide = F.lines(F.busy(), width: 120, height: 40)[0]
        // 11 + 2 tasks over 5 minutes, 9 completed.
        #expect(wide.hasSuffix("15m 2.6/min 69% ok"))
        let narrow = F.lines(F.busy(), width: 80, height: 24)[0]
        #expect(!narrow.contains("/min") && narrow.contains("⚑4 need you"), "the counts win at 80 columns")
    }

    @Test func changedCardIsFlaggedWithItsTimeAndFields() throws {
        var state = F.busy()
        var changed = F.card("Alice", skills: [AgentSkill(id: "summarize", name: "Summarize")], version: "2.0")
        changed.description = "New description"
        _ = state.update(.card(F.alice, .fetched(changed, endpoint: F.endpoint(.v1), etag: nil, latency: 0.05)), now: F.now)
        F.press([.tab, .tab], on: &state)
        let lines = F.lines(state, width: 120, height: 40)
        let text = lines.joined(separator: "\n")
        #expect(text.contains("✎card"))
        #expect(lines[0].contains("5 agents ●3 ◐1 ✗1 ✎1  tasks"), "the header counts changed cards")
        #expect(text.contains("── ✎ Card changed at 08:05:00: 5 fields"))
        #expect(text.contains("~ description: \"Alice agent\" → \"New"))
        #expect(text.contains("~ version: \"1.0\" → \"2.0\""))
        #expect(text.contains("- skills.search: {name"), "the search skill went away")
        #expect(text.contains("- skills.summarize.tags[0]: \"text\""))
    }
}
