import Foundation
import Seeded
import Testing
@testable import FleetKit

/// The fleet prints JSON into bytes and timestamps without `String(format:)` (round 5, for the
/// load generator's CPU per event); these check both against the string-building versions they
/// replaced, over seeded random values, so the wire bytes the fleet sends did not change.
@Suite struct JSONPrintingReferenceTests {
    /// The serializer as it was: scalar by scalar into a `String`, floats through `%.1f`.
    enum Reference {
        static func serialized(_ value: JSON, _ style: JSONStyle) -> String {
            var out = ""
            write(value, into: &out, style: style)
            return out
        }

        static func write(_ value: JSON, into out: inout String, style: JSONStyle) {
            let comma = style == .python ? ", " : ","
            let colon = style == .python ? ": " : ":"
            switch value {
            case .null: out += "null"
            case let .bool(b): out += b ? "true" : "false"
            case let .int(i): out += String(i)
            case let .double(d): out += pythonFloat(d)
            case let .string(s): writeString(s, into: &out)
            case let .array(items):
                out += "["
                for (i, item) in items.enumerated() {
                    if i > 0 { out += comma }
                    write(item, into: &out, style: style)
                }
                out += "]"
            case let .object(members):
                out += "{"
                for (i, (key, value)) in members.enumerated() {
                    if i > 0 { out += comma }
                    writeString(key, into: &out)
                    out += colon
                    write(value, into: &out, style: style)
                }
                out += "}"
            }
        }

        static func pythonFloat(_ d: Double) -> String {
            guard d.isFinite else { return "null" }
            if d == d.rounded(), abs(d) < 1e16 { return String(format: "%.1f", d) }
            return "\(d)"
        }

        static func writeString(_ s: String, into out: inout String) {
            out += "\""
            for scalar in s.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                case "\u{08}": out += "\\b"
                case "\u{0C}": out += "\\f"
                default:
                    if scalar.value < 0x20 {
                        out += String(format: "\\u%04x", scalar.value)
                    } else {
                        out.unicodeScalars.append(scalar)
                    }
                }
            }
            out += "\""
        }

        static func timestamp(_ date: Date, suffix: String, separator: String) -> String {
            let seconds = date.timeIntervalSince1970
            let whole = floor(seconds)
            let micros = min(999_999, Int(((seconds - whole) * 1_000_000).rounded()))
            var t = time_t(whole)
            var parts = tm()
            gmtime_r(&t, &parts)
            let day = String(format: "%04d-%02d-%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday))
            let time = String(format: "%02d:%02d:%02d.%06d", Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), micros)
            return day + separator + time + suffix
        }
    }

    static let alphabet: [String] = ["a", "Z", " ", "\"", "\\", "/", "\n", "\r", "\r\n", "\t", "\u{0}", "\u{8}", "\u{C}", "\u{1B}",
                                     "\u{1F}", "\u{7F}", "é", "\u{85}", "\u{2028}", "库", "😀"]

    static func randomValue(_ random: inout SplitMix64, depth: Int = 0) -> JSON {
        func text() -> String { (0..<Int.random(in: 0...12, using: &random)).map { _ in alphabet.randomElement(using: &random)! }.joined() }
        let doubles: [Double] = [0, -0.0, 33, -3, 0.5, 1e15, 9_999_999_999_999_998, 1e16, 1e300, 2.5e-7, .infinity, .nan, -1234.5678]
        switch Int.random(in: 0..<(depth < 3 ? 8 : 6), using: &random) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &random))
        case 2: return .int(Int.random(in: Int.min...Int.max, using: &random))
        case 3: return .double(Bool.random(using: &random) ? doubles.randomElement(using: &random)! : Double.random(in: -1e6...1e6, using: &random))
        case 4, 5: return .string(text())
        case 6: return .array((0..<Int.random(in: 0...4, using: &random)).map { _ in randomValue(&random, depth: depth + 1) })
        default: return .object((0..<Int.random(in: 0...4, using: &random)).map { _ in (text(), randomValue(&random, depth: depth + 1)) })
        }
    }

    @Test func printsTheSameBytesAsTheStringBuildingSerializer() {
        var random = SplitMix64(seed: 0x5EED_F1EE)
        for _ in 0..<3_000 {
            let value = Self.randomValue(&random)
            for style in [JSONStyle.compact, .python] {
                let expected = Reference.serialized(value, style)
                #expect(value.serialized(style) == expected)
                #expect(value.bytes(style) == Array(expected.utf8))
            }
        }
    }

    @Test func timestampsMatchTheFormatStringVersion() {
        var random = SplitMix64(seed: 0x7135)
        let dates = [Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 1_795_796_444.999_999_7),
                     Date(timeIntervalSince1970: 253_402_300_799.5)]
            + (0..<2_000).map { _ in Date(timeIntervalSince1970: Double.random(in: 0..<4_102_444_800, using: &random)) }
        for date in dates {
            #expect(Timestamp.zulu(date) == Reference.timestamp(date, suffix: "Z", separator: "T"))
            #expect(Timestamp.offset(date) == Reference.timestamp(date, suffix: "+00:00", separator: "T"))
            #expect(Timestamp.ping(date) == Reference.timestamp(date, suffix: "+00:00", separator: " "))
        }
    }

    @Test func dataFramesSplitOnlyWhatHoldsANewline() {
        #expect(SSE.dataFrame(#"{"a": 1}"#) == "data: {\"a\": 1}\r\n\r\n")
        #expect(SSE.dataFrame("x", event: "e") == "event: e\r\ndata: x\r\n\r\n")
        #expect(SSE.dataFrame("one\ntwo") == "data: one\r\ndata: two\r\n\r\n")
    }
}
