// libFuzzer target: TextSanitizer (Sources/Screen/Text), built with CellWidth and its table.
//
// Oracle: no output, in any mode, holds a character that drives a terminal: C0 controls (except
// the kept line break in multi-line mode), DEL, C1 controls, bidi controls, line separators.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTextSanitizer(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 1 else { return 0 }
    let bytes = UnsafeBufferPointer(start: data + 1, count: size - 1)
    let choice = data[0]
    let options: TextSanitizer.Options
    switch choice % 4 {
    case 0: options = .singleLine
    case 1: options = .multiLine
    case 2: options = .init(lineBreaks: .space, tabWidth: Int(choice >> 4), maxScalars: 64)
    default: options = .init(lineBreaks: .keep, tabWidth: nil, maxScalars: 1 + Int(choice >> 2))
    }
    let output = TextSanitizer.sanitize(utf8: bytes, options)
    for scalar in output.unicodeScalars {
        let v = scalar.value
        let keptBreak = v == 0x0A && options.lineBreaks == .keep
        switch v {
        case 0x00..<0x20 where !keptBreak, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x2028...0x202E, 0x2066...0x2069:
            fatalError("U+\(String(v, radix: 16)) survived sanitizing (options \(options))")
        default: break
        }
    }
    if choice & 0x80 != 0 { _ = TextSanitizer.wrapped(String(decoding: bytes, as: UTF8.self), width: 1 + Int(choice & 0x3F)) }
    return 0
}
