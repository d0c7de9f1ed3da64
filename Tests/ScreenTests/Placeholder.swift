import Testing

@Test func ScreenTestsBuilds() { #expect(Bool(true)) }
