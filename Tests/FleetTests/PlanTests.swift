import Foundation
import Testing
@testable import FleetKit

@Suite struct PlanTests {
    @Test func parsesDirectivesAndBoundsThem() {
        let d = Directives(parsing: "please steps=3 delay=0.3 chunks=5 ask fail reject skill sleep=2 steps=x")
        #expect(d.steps == 3)  // the bad later "steps=x" is ignored
        #expect(d.delay == 0.3)
        #expect(d.chunks == 5)
        #expect(d.ask && d.fail && d.reject && d.skill)
        #expect(d.sleep == 2)
        let huge = Directives(parsing: "steps=99999999 delay=1e9 sleep=-5")
        #expect(huge.steps == Directives.maxSteps)
        #expect(huge.delay == Directives.maxDelay)
        #expect(huge.sleep == 0)
        #expect(Directives(parsing: "Forecast demand for SKU-1042").isEmpty)
    }

    private func texts(_ steps: [Step]) -> [String] {
        steps.compactMap { step in
            switch step {
            case let .working(text, _): return "working:" + text
            case let .chunk(id, _, parts, append, last): return "chunk:\(id):\(parts.compactMap(\.text).joined()):\(append):\(last)"
            case let .finish(state, text): return "\(state):" + text
            case .pause: return nil
            }
        }
    }

    @Test func stepsLookLikeTheSDKPeers() {
        let plan = Plan.directed(PlanRequest(taskId: "07a2e49e-85ef", text: "steps=3 delay=0.3"))
        #expect(texts(plan) == [
            "working:Starting: 3 steps, 0.3s each",
            "working:Step 1/3 (33%)", "chunk:report-07a2e49e:chunk 1 of 3\n:false:false",
            "working:Step 2/3 (67%)", "chunk:report-07a2e49e:chunk 2 of 3\n:true:false",
            "working:Step 3/3 (100%)", "chunk:report-07a2e49e:chunk 3 of 3\n:true:true",
            "completed:Done",
        ])
    }

    @Test func chunksAskFailRejectAndEcho() {
        let chunks = texts(Plan.directed(PlanRequest(taskId: "abcdefgh12", text: "chunks=2")))
        #expect(chunks == ["working:Streaming 2 chunks",
                           "chunk:chunks-abcdefgh:[1/2] The quick brown fox jumps over the lazy dog.\n:false:false",
                           "chunk:chunks-abcdefgh:[2/2] The quick brown fox jumps over the lazy dog.\n:true:true",
                           "completed:Done"])
        #expect(texts(Plan.directed(PlanRequest(taskId: "t", text: "ask"))) == ["inputRequired:" + PeerText.ask])
        #expect(texts(Plan.directed(PlanRequest(taskId: "t", text: "reject steps=3"))) == ["rejected:" + PeerText.reject])
        #expect(texts(Plan.directed(PlanRequest(taskId: "t", text: "fail"))) == ["failed:" + PeerText.fail])
        #expect(texts(Plan.directed(PlanRequest(taskId: "t", text: "skill", skillId: "summarize")))
                == ["chunk:skill-t:skill=summarize:false:true", "completed:Done"])
        var answer = PlanRequest(taskId: "t", text: "ORD-1", isFollowUp: true)
        answer.directedTask = true
        #expect(texts(Plan.directed(answer)) == ["working:Got your answer", "chunk:answer-t:You said: ORD-1:false:true", "completed:Done"])
    }

    @Test func progressSpreadsFewerChunksOverMoreSteps() {
        let plan = Plan.progress(steps: 12, delay: 0, chunks: 4, reportId: "r") { i, n in "\(i)/\(n)" }
        let chunks = plan.compactMap { step -> (Bool, Bool)? in
            if case let .chunk(_, _, _, append, last) = step { return (append, last) }
            return nil
        }
        #expect(chunks.count == 4)
        #expect(chunks.first.map { !$0.0 && !$0.1 } == true)
        #expect(chunks.last.map { $0.0 && $0.1 } == true)
    }

    @Test func everyDemoPersonalityPlansAndEndsWithAFinish() {
        for p in Scenario.demoRoster {
            for ordinal in 0..<4 {
                let plan = p.plan(PlanRequest(taskId: UUID().uuidString, text: "hello", ordinal: ordinal))
                guard case .finish? = plan.last else { Issue.record("\(p.name) plan does not finish"); continue }
            }
            #expect(!p.skills.isEmpty, "\(p.name) has no skills")
            #expect(p.skills.allSatisfy { !$0.examples.isEmpty }, "\(p.name) has a skill without examples")
        }
    }

    @Test func deployAgentSometimesFailsAndSometimesIsRejected() {
        let finals = (0..<4).compactMap { ordinal -> TaskState? in
            if case let .finish(state, _)? = Personality.deploy.plan(PlanRequest(taskId: "t", text: "Deploy v2", ordinal: ordinal)).last { return state }
            return nil
        }
        #expect(Set(finals) == [.completed, .failed, .rejected])
    }

    @Test func supportAgentAsksThenAnswers() {
        let first = Personality.support.plan(PlanRequest(taskId: "t", text: "Where is my order?"))
        guard case .finish(.inputRequired, _)? = first.last else { Issue.record("support should ask"); return }
        let answer = Personality.support.plan(PlanRequest(taskId: "t", text: "ORD-12345", isFollowUp: true))
        guard case .finish(.completed, let text)? = answer.last else { Issue.record("support should complete"); return }
        #expect(text.contains("ORD-12345"))
    }

    @Test func demoRosterCoversTheThreeDialectsAndWideCharacters() {
        let roster = Scenario.demoRoster
        #expect(Set(roster.map(\.dialect)) == Set(Dialect.allCases))
        #expect(roster.contains { $0.name.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF } })
        #expect(roster.filter { $0.dialect == .v1 }.count > roster.filter { $0.dialect == .v03 }.count)
        #expect(roster.contains { $0.availability != .always })
    }

    @Test func loadRosterMixesDialectsAndIsBounded() {
        let roster = Scenario.loadRoster(count: 5_000)
        #expect(roster.count == Scenario.maxAgents)
        #expect(Set(roster.prefix(10).map(\.dialect)) == Set(Dialect.allCases))
    }
}
