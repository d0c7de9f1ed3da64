/// RFC 9110's token characters (`tchar`), shared by what we send (method and header names of a
/// request, `HTTPRequest.validationProblem`) and what we read (header names of a `304` head,
/// `NotModifiedHead`).
enum HTTPToken {
    /// A switch, not a set or array: this runs for every byte of every header name of every
    /// request and fast-path answer (a card poll's "If-None-Match" included).
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
             UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
             UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }
}
