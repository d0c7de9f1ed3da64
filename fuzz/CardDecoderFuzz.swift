// Fuzz target "card": A2ACodec.decodeCard (every dialect's card) and the endpoint choice made from it.

func fuzzCardDecoder(_ input: [UInt8]) {
    switch A2ACodec.decodeCard(input) {
    case .success(let card):
        _ = DialectChoice.choose(card: card, cardURL: "http://127.0.0.1:1/.well-known/agent-card.json")
        _ = card.raw.jsonBytes
    case .failure(let failure):
        _ = failure.summary
    }
}
