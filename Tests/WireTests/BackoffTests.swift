import Seeded
import Testing
@testable import Wire

struct BackoffTests {
    @Test func ceilingsGrowExponentiallyUpToTheCap() {
        let backoff = Backoff(initial: 0.5, maximum: 30)
        #expect((0..<9).map { backoff.ceiling(forAttempt: $0) } == [0.5, 1, 2, 4, 8, 16, 30, 30, 30])
        #expect(backoff.ceiling(forAttempt: 10_000) == 30)
    }

    @Test func delaysStayWithinTheirCeilingAndAreJittered() {
        var backoff = Backoff(initial: 1, maximum: 8)
        var generator = SplitMix64(seed: 42)
        var delays: [Double] = []
        for attempt in 0..<200 {
            let delay = backoff.nextDelay(using: &generator)
            #expect(delay >= 0 && delay <= backoff.ceiling(forAttempt: attempt))
            delays.append(delay)
        }
        #expect(backoff.attempt == 200)
        // Full jitter: capped attempts do not all produce the cap.
        #expect(Set(delays.suffix(100)).count > 90)
    }

    @Test func sameSeedSameSequence() {
        var first = Backoff()
        var second = Backoff()
        var generatorA = SplitMix64(seed: 7)
        var generatorB = SplitMix64(seed: 7)
        let a = (0..<10).map { _ in first.nextDelay(using: &generatorA) }
        let b = (0..<10).map { _ in second.nextDelay(using: &generatorB) }
        #expect(a == b)
    }

    @Test func resetStartsOver() {
        var backoff = Backoff(initial: 2, maximum: 100)
        var generator = SplitMix64(seed: 1)
        for _ in 0..<5 { _ = backoff.nextDelay(using: &generator) }
        backoff.reset()
        #expect(backoff.attempt == 0)
        #expect(backoff.nextDelay(using: &generator) <= 2)
    }

    @Test func nonsenseParametersAreSanitized() {
        var backoff = Backoff(initial: -1, maximum: .infinity, multiplier: .nan)
        var generator = SplitMix64(seed: 3)
        #expect(backoff.nextDelay(using: &generator) == 0)
        #expect(Backoff(initial: 5, maximum: 1).ceiling(forAttempt: 3) == 5)
    }
}
