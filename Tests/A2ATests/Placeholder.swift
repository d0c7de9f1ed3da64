import Testing

@Test func A2ATestsBuilds() { #expect(Bool(true)) }
