// libFuzzer target: ThemeFile.parse (Sources/Screen/Theme) on any text, compiled with the whole
// Screen module (instrumented) and linked with the Yams, A2A and Deck objects SwiftPM built.
// Any input gives a theme or a ThemeError naming the file and line, never a crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzThemeFile(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        let theme = try ThemeFile.parse(text, file: "fuzz.yaml")
        // A parsed theme must also write out and read back.
        _ = try ThemeFile.parse(ThemeFile.yaml(for: theme), file: "fuzz-roundtrip.yaml")
    } catch {
        _ = "\(error)"
    }
    return 0
}
