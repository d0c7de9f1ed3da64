// libFuzzer target: A2ACodec.decodeCard (every dialect's card) and the endpoint choice made from it.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCardDecoder(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    switch A2ACodec.decodeCard(input) {
    case .success(let card):
        _ = DialectChoice.choose(card: card, cardURL: "http://127.0.0.1:1/.well-known/agent-card.json")
        _ = card.raw.jsonBytes
    case .failure(let failure):
        _ = failure.summary
    }
    return 0
}
