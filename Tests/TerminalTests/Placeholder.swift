import Testing

@Test func TerminalTestsBuilds() { #expect(Bool(true)) }
