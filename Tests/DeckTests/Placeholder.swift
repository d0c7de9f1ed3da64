import Testing

@Test func DeckTestsBuilds() { #expect(Bool(true)) }
