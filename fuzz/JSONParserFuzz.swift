// Fuzz target "json": JSONParser and JSONWriter (Sources/A2A/JSON).
//
// Oracle: whatever parses must write back as JSON that parses again and writes identically
// (write ∘ parse is idempotent), and the written text must hold no raw C0/C1/bidi character.

func fuzzJSONParser(_ input: [UInt8]) {
    guard let value = try? JSONParser.parse(input) else { return }
    let written = value.jsonBytes
    guard let again = try? JSONParser.parse(written) else {
        fatalError("written JSON does not parse: \(String(decoding: written, as: UTF8.self))")
    }
    if again.jsonBytes != written {
        fatalError("write(parse(write(v))) != write(v)")
    }
    for scalar in String(decoding: written, as: UTF8.self).unicodeScalars {
        switch scalar.value {
        case 0x00..<0x20, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x2028...0x202E, 0x2066...0x2069:
            fatalError("raw terminal-active U+\(String(scalar.value, radix: 16)) in written JSON")
        default: break
        }
    }
    _ = value.prettyJSON
}
