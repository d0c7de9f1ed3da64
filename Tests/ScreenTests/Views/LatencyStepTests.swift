import Testing

@testable import Screen

/// The agents pane's latency cells: 1-2-5 steps, so a few milliseconds of jitter do not redraw them.
@Suite struct LatencyStepTests {
    @Test func valuesFallUnderTheirStep() {
        #expect(AgentHealthText.latencyStep(0) == "<1ms")
        #expect(AgentHealthText.latencyStep(0.0004) == "<1ms")
        #expect(AgentHealthText.latencyStep(0.001) == "<2ms", "a bound belongs to the next step")
        #expect(AgentHealthText.latencyStep(0.0013) == "<2ms")
        #expect(AgentHealthText.latencyStep(0.048) == "<50ms")
        #expect(AgentHealthText.latencyStep(0.13) == "<200ms")
        #expect(AgentHealthText.latencyStep(0.81) == "<1s")
        #expect(AgentHealthText.latencyStep(2.5) == "<5s")
        #expect(AgentHealthText.latencyStep(9.99) == "<10s")
        #expect(AgentHealthText.latencyStep(12) == ">10s")
        #expect(AgentHealthText.latencyStep(.infinity) == "")
        #expect(AgentHealthText.latencyStep(-1) == "")
    }

    @Test func jitterWithinAStepChangesNothingAndEveryCellFitsSixColumns() {
        // A loopback agent answering in 1.1–1.9 ms, or a remote one in 21–49 ms, shows one value.
        #expect(Set(stride(from: 0.0011, to: 0.0019, by: 0.0001).map(AgentHealthText.latencyStep)) == ["<2ms"])
        #expect(Set(stride(from: 0.021, to: 0.049, by: 0.001).map(AgentHealthText.latencyStep)) == ["<50ms"])
        for seconds in stride(from: 0.0, to: 20, by: 0.0007) {
            #expect(AgentHealthText.latencyStep(seconds).count <= 6)
        }
        // Steps only go up with the latency: a slower agent never shows a smaller figure.
        let steps = AgentHealthText.latencySteps
        #expect(steps == steps.sorted())
    }
}
