import A2A
import Foundation
import Seeded
import Testing

@testable import Deck

/// `PendingRequests` keeps the tags of each task's requests on the side; these tests hold that
/// index to a scan of every request over seeded runs of adds, re-purposes and removals.
@Suite struct PendingRequestsTests {
    /// What the index must answer: every request whose purpose names `key`, in tag order.
    static func scannedTags(_ requests: PendingRequests, for key: TaskKey) -> [RequestTag] {
        requests.filter { $0.value.purpose.taskKey == key }.map(\.key).sorted()
    }

    static let agents = [AgentID("alice"), AgentID("bob")]

    static func key(_ n: Int) -> TaskKey { TaskKey(agentID: agents[n % 2], taskID: "task-\(n % 5)") }

    static func purpose(_ n: Int, _ random: inout SplitMix64) -> RequestPurpose {
        let key = key(n)
        switch random.below(8) {
        case 0: return .dispatch(key)
        case 1: return .reply(key)
        case 2: return .cancel(key)
        case 3: return .reconcile(key)
        case 4: return .poll(key)
        case 5: return .attach(key)
        case 6: return .subscribe(key)
        default: return .list(key.agentID)
        }
    }

    @Test(arguments: [1, 2, 3])
    func indexAgreesWithAScan(seed: UInt64) {
        var random = SplitMix64(seed: seed)
        var requests = PendingRequests()
        var reference: [RequestTag: PendingRequest] = [:]
        for step in 0..<600 {
            let tag = RequestTag(UInt64(random.below(12)))
            switch random.below(5) {
            case 0, 1:  // add or replace
                let request = PendingRequest(
                    agentID: Self.agents[random.below(2)], purpose: Self.purpose(random.below(10), &random), isStream: random.below(2) == 0)
                requests[tag] = request
                reference[tag] = request
            case 2:  // change the purpose in place, as adopt does
                if let purpose = requests[tag]?.purpose {
                    let other = Self.key(random.below(10))
                    requests[tag]?.purpose = purpose.rekeyed(from: purpose.taskKey ?? other, to: other)
                    reference[tag]?.purpose = purpose.rekeyed(from: purpose.taskKey ?? other, to: other)
                }
            case 3:
                #expect(requests.removeValue(forKey: tag) == reference.removeValue(forKey: tag))
            case 4 where random.below(3) == 0:  // a placeholder's requests move to its real id, as adopt does
                let (old, new) = (Self.key(random.below(10)), Self.key(random.below(10)))
                requests.rekey(old, to: new)
                for (tag, request) in reference { reference[tag]?.purpose = request.purpose.rekeyed(from: old, to: new) }
            default:
                requests[tag] = nil
                reference[tag] = nil
            }
            #expect(requests.count == reference.count, "step \(step)")
            for tag in reference.keys { #expect(requests[tag] == reference[tag], "step \(step)") }
            for n in 0..<10 {
                let key = Self.key(n)
                #expect(requests.tags(for: key).sorted() == Self.scannedTags(requests, for: key), "step \(step), \(key)")
            }
        }
    }

    @Test func readsLikeTheDictionaryItWraps() {
        let key = Self.key(1)
        var requests: PendingRequests = [
            RequestTag(3): PendingRequest(agentID: key.agentID, purpose: .dispatch(key), isStream: true),
            RequestTag(7): PendingRequest(agentID: key.agentID, purpose: .list(key.agentID), isStream: false),
        ]
        #expect(requests.count == 2)
        #expect(Set(requests.keys) == [RequestTag(3), RequestTag(7)])
        #expect(requests.first { $0.value.purpose == .list(key.agentID) }?.key == RequestTag(7))
        #expect(requests.tags(for: key) == [RequestTag(3)])
        requests[RequestTag(9)] = PendingRequest(agentID: key.agentID, purpose: .cancel(key), isStream: false)
        #expect(requests.tags(for: key) == [RequestTag(3), RequestTag(9)])
        requests.removeValue(forKey: RequestTag(3))
        requests[RequestTag(9)] = nil
        #expect(requests.tags(for: key).isEmpty)
        #expect(requests.count == 1)
        var same = PendingRequests()
        same[RequestTag(7)] = PendingRequest(agentID: key.agentID, purpose: .list(key.agentID), isStream: false)
        #expect(requests == same)
    }
}
