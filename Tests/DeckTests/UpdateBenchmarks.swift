import A2A
import Foundation
import Testing

@testable import Deck

/// Speed figures, printed, never asserted (run with DECK_BENCH=1; debug builds are slower).
@Suite(.enabled(if: ProcessInfo.processInfo.environment["DECK_BENCH"] != nil))
struct UpdateBenchmarks {
    /// A deck with `count` running tasks on alice, each fed by its own subscription stream.
    static func busyDeck(_ count: Int) -> (Harness, [RequestTag]) {
        var h = Harness.standard(listPoll: 10)
        let list = h.state.requests.first { $0.value.purpose == .list(alice) }!.key
        let page = TaskPage(tasks: (0..<count).map { taskSnapshot("w\($0)", .working) })
        h.state.config.maxTasks = count + 10
        var tags: [RequestTag] = []
        // ListTasks pages are bounded at 50: feed several.
        var out = h.send(.result(list, .success(.taskPage(TaskPage(tasks: Array(page.tasks.prefix(50)))))))
        tags += out.compactMap(\.streamParts?.tag)
        var offset = 50
        while offset < count {
            h.advance(10)
            let next = h.send(.tick).compactMap(\.callParts).first { if case .list = $0.request { true } else { false } }!
            out = h.send(.result(next.tag, .success(.taskPage(TaskPage(tasks: Array(page.tasks[offset..<min(count, offset + 50)]))))))
            tags += out.compactMap(\.streamParts?.tag)
            offset += 50
        }
        return (h, tags)
    }

    @Test func streamEventsThroughUpdate() {
        var (h, tags) = Self.busyDeck(1000)
        #expect(tags.count == 1000)
        let events = 20_000
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for i in 0..<events {
                let n = i % tags.count
                h.send(.streamEvent(tags[n], statusEvent("w\(n)", .working, "step \(i)")))
            }
        }
        let perEvent = elapsed / events
        print("DECK_BENCH update: \(events) status events over 1000 streamed tasks: \(elapsed), \(perEvent) per event")
        #expect(h.state.tasks[TaskKey(agentID: alice, taskID: "w7")]?.statusText != nil)
    }

    @Test func viewModelWithManyTasks() {
        let (h, _) = Self.busyDeck(5000)
        #expect(h.state.tasks.count == 5000)
        let clock = ContinuousClock()
        var vm: DeckViewModel?
        let frames = 20
        let elapsed = clock.measure {
            for _ in 0..<frames { vm = h.state.viewModel(now: h.now) }
        }
        print("DECK_BENCH viewModel: 5000 tasks: \(elapsed / frames) per frame")
        #expect(vm?.taskCount == 5000)
    }

    @Test func keyMovementWithManyTasks() {
        var (h, _) = Self.busyDeck(5000)
        let clock = ContinuousClock()
        let presses = 200
        let elapsed = clock.measure {
            for _ in 0..<presses { h.key(.char("j")) }
        }
        print("DECK_BENCH keys: j over 5000 tasks: \(elapsed / presses) per key")
        #expect(h.state.ui.selectedTask != nil)
    }
}
