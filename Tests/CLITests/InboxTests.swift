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
}
