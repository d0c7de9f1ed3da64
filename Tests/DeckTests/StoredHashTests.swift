import Foundation
import Seeded
import Testing

@testable import Deck

/// `AgentID` and `TaskKey` hash a string once, when made, and hand the hashed collections a cheap
/// mix of that stored hash (`StoredHash`). These tests hold that to what hashing must keep: equal
/// keys (by `String`'s own equality) hash alike, and dictionaries and sets keyed by them answer
/// as a plain list searched with `==` does, over seeded runs.
@Suite struct StoredHashTests {
    @Test func canonicallyEqualIDsAreOneKey() {
        // "é" precomposed and decomposed: different bytes, equal Strings.
        let composed = AgentID("caf\u{E9}")
        let decomposed = AgentID("cafe\u{301}")
        #expect(composed == decomposed)
        #expect(composed.hashValue == decomposed.hashValue)
        let agents: [AgentID: Int] = [composed: 1]
        #expect(agents[decomposed] == 1)

        let a = TaskKey(agentID: composed, taskID: "t-\u{E9}")
        let b = TaskKey(agentID: decomposed, taskID: "t-e\u{301}")
        #expect(a == b)
        #expect(Set([a, b]).count == 1)
    }

    @Test func aRenamedKeyHashesAsANewOne() {
        var key = TaskKey(agentID: AgentID("a01"), taskID: "pending-1")
        key.taskID = "real-id"
        #expect(key == TaskKey(agentID: AgentID("a01"), taskID: "real-id"))
        #expect(Set([key]).contains(TaskKey(agentID: AgentID("a01"), taskID: "real-id")))
        var agent = AgentID("a01")
        agent.rawValue = "a02"
        #expect([AgentID("a02"): true][agent] == true)
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func dictionariesAnswerAsAListSearchedWithEquality(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        // Few agents and ids, so that keys repeat, the same id comes from two agents (one bucket
        // by design), and the tables grow, shrink and are copied.
        let agents = ["a01", "a02", "agent-7", "caf\u{E9}", "cafe\u{301}"].map(AgentID.init)
        func someKey() -> TaskKey {
            TaskKey(agentID: agents[random.below(agents.count)], taskID: "task-\(random.below(40))")
        }
        var table: [TaskKey: Int] = [:]
        var byAgent: [AgentID: Int] = [:]
        var list: [(key: TaskKey, value: Int)] = []
        for step in 0..<3000 {
            let key = someKey()
            switch random.below(4) {
            case 0, 1:
                table[key] = step
                byAgent[key.agentID, default: 0] += 1
                if let i = list.firstIndex(where: { $0.key == key }) { list[i].value = step } else { list.append((key, step)) }
            case 2:
                let removed = table.removeValue(forKey: key)
                let i = list.firstIndex { $0.key == key }
                #expect(removed == i.map { list[$0].value }, "step \(step)")
                if let i { list.remove(at: i) }
            default:
                // A copy into a fresh table (another seed) answers the same.
                let copy = Dictionary(uniqueKeysWithValues: table.map { ($0.key, $0.value) })
                #expect(copy == table)
            }
            let probe = someKey()
            #expect(table[probe] == list.first { $0.key == probe }?.value, "step \(step)")
            #expect(table.count == list.count)
        }
        #expect(byAgent.count == 4)  // the two spellings of "café" are one agent
    }
}
