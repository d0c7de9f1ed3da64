// The libFuzzer entry point of the A2A fuzz binary. One binary serves the targets sse, json, card,
// v1, v03 and v01 (chosen by the FUZZ_TARGET environment variable) so the A2A sources are compiled
// once; scripts/fuzz.sh runs it once per target, each with its own corpus.
#if canImport(Glibc)
import Glibc
#endif

private let selectedTarget: String = getenv("FUZZ_TARGET").map { String(cString: $0) } ?? ""

@_cdecl("LLVMFuzzerTestOneInput")
public func a2aFuzzEntry(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    switch selectedTarget {
    case "sse": fuzzSSEParser(input)
    case "json": fuzzJSONParser(input)
    case "card": fuzzCardDecoder(input)
    case "v1": fuzzDialectDecoders(input, dialect: .v1)
    case "v03": fuzzDialectDecoders(input, dialect: .v03)
    case "v01": fuzzDialectDecoders(input, dialect: .v01)
    default: fatalError("set FUZZ_TARGET to sse, json, card, v1, v03 or v01")
    }
    return 0
}
