import Foundation
import Testing
@testable import AgentDeckCLI

@Suite struct InboxTests {
    @Test func wakesOnceForABurstAndDrainsInOrder() {
        let inbox = Inbox<Int>()
        for i in 0..<100 { inbox.post(i) }
        var pfd = pollfd(fd: inbox.wakeFD, events: Int16(POLLIN), revents: 0)
        #expect(poll(&pfd, 1, 0) == 1)
        // Only one wake byte was written for the whole burst.
        var buffer = [UInt8](repeating: 0, count: 16)
        #expect(read(inbox.wakeFD, &buffer, 16) == 1)
        #expect(inbox.drain() == Array(0..<100))
        #expect(inbox.drain().isEmpty)
    }

    @Test func aBurstLeavesNoBurstSizedQueueBehind() {
        let inbox = Inbox<Int>()
        inbox.post(contentsOf: Array(0..<50_000))
        #expect(inbox.queuedCapacity >= 50_000)
        #expect(inbox.drain().count == 50_000)
        #expect(inbox.queuedCapacity <= 2 * Inbox<Int>.keptCapacity)  // rounded up by the allocator
        // Small batches keep their room (no regrowth per frame).
        inbox.post(contentsOf: Array(0..<100))
        #expect(inbox.drain() == Array(0..<100))
        #expect(inbox.queuedCapacity >= 100)
    }

    @Test func messagesFromManyThreadsAllArrive() async {
        let inbox = Inbox<Int>()
        await withTaskGroup(of: Void.self) { group in
            for t in 0..<8 {
                group.addTask { for i in 0..<1000 { inbox.post(t * 1000 + i) } }
            }
        }
        let all = inbox.drain()
        #expect(all.count == 8000)
        #expect(Set(all).count == 8000)
    }

    /// True when a wake byte is waiting in the pipe (the byte is consumed).
    private func woke(_ inbox: Inbox<Int>) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 16)
        return read(inbox.wakeFD, &buffer, 16) > 0
    }

    @Test func aLazyMessageWakesNobodyWhenTheReaderLooksInTime() {
        let inbox = Inbox<Int>(lazyDelay: .seconds(60))
        // The reader will look within a second: well inside the delay.
        #expect(inbox.planWakeUp(.now + .seconds(1)) != nil)
        inbox.postLazily(1)
        inbox.postLazily(2)
        #expect(!woke(inbox))
        // News goes at once, even behind lazy messages, and keeps their order.
        inbox.post(3)
        #expect(woke(inbox))
        #expect(inbox.drain() == [1, 2, 3])
    }

    @Test func aLazyMessageWakesTheReaderWhenItsPlanIsTooLate() {
        let inbox = Inbox<Int>(lazyDelay: .milliseconds(50))
        // No plan yet (a reader that never plans, like `watch`): every message wakes it.
        inbox.postLazily(1)
        #expect(woke(inbox))
        #expect(inbox.drain() == [1])
        // A reader that sleeps for a minute, or until woken.
        _ = inbox.planWakeUp(.now + .seconds(60))
        inbox.postLazily(2)
        #expect(woke(inbox))
        #expect(inbox.drain() == [2])
        _ = inbox.planWakeUp(nil)
        inbox.postLazily(3)
        #expect(woke(inbox))
        #expect(inbox.drain() == [3])
    }

    @Test func thePlanComesSoonerWhileLazyMessagesWait() throws {
        let inbox = Inbox<Int>(lazyDelay: .milliseconds(250))
        let far = ContinuousClock.now + .seconds(30)
        #expect(inbox.planWakeUp(far) == far)
        // Posted while the reader was awake and planning a near look: no wake byte...
        _ = inbox.planWakeUp(.now)
        let before = ContinuousClock.now
        inbox.postLazily(7)
        let after = ContinuousClock.now
        #expect(!woke(inbox))
        // ...so its next plan must come back for the message within the delay.
        let plan = try #require(inbox.planWakeUp(far))
        #expect(plan <= after + .milliseconds(250))
        #expect(plan >= before)
        #expect(inbox.drain() == [7])
        #expect(inbox.planWakeUp(far) == far, "nothing waits any more")
    }
}

