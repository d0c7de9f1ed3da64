// libFuzzer target: ConfigLoader.parse (Sources/AgentDeckCLI/Config), linked with the Yams
// objects SwiftPM built. Any input must give a config or a ConfigError, never a crash.
import Yams

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfigLoader(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    do {
        _ = try ConfigLoader.parse(text, path: "fuzz.yaml")
    } catch {
        _ = error.description
    }
    return 0
}
